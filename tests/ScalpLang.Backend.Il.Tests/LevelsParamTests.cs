using ScalpLang.Compiler;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il.Tests;

/// <summary>
/// <c>levels:</c> given by a param is read when the strategy starts, not frozen at the param's
/// default: the compiled strategy, the reference interpreter and the load-time range check agree.
/// </summary>
public sealed class LevelsParamTests
{
    private const string Source = """
        strategy Deep
        instrument "X" tick 0.01 lot 1 currency USD
        book depth 5
        param lv: count = 1 in 1..5
        signal bids = bid_depth(levels: lv)
        signal calm = avg_depth(window: 1s, levels: lv)
        rule go priority 1 when bids > 250 and calm > 0 => buy 1 lot at market
        """;

    private static IrProgram Lower(string source = Source)
    {
        var program = FrontEnd.Check(SourceText.From(source, "deep.scalp"));
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        return Lowerer.Lower(program.Strategy!);
    }

    private sealed class Sink : IActionSink
    {
        public int Actions;

        public void Submit(in StrategyAction action) => Actions++;
    }

    /// <summary>Bid levels of 100 lots each: one level is not above 250, three are.</summary>
    private static MarketView View()
    {
        var view = new MarketView { Kind = MarketEventKind.Book, TsEvent = 1_000_000_000, BestBid = 100L << 16, BestAsk = 101L << 16 };
        for (var i = 0; i < 5; i++)
        {
            view.BidDepth[i] = (100L * (i + 1)) << 16;
            view.AskDepth[i] = (100L * (i + 1)) << 16;
        }
        return view;
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 1)]
    [InlineData(5, 1)]
    public void The_overridden_levels_are_the_ones_read(int levels, int expectedActions)
    {
        var ir = Lower();
        Assert.Contains("input bid_depth[$0 (default 1)]", IrPrinter.Print(ir), StringComparison.Ordinal);
        var emitted = IlBackend.Emit(ir);
        var (strategy, context) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.SetParameter("lv", (long)levels << 16);
        strategy.Start();
        var sink = new Sink();
        var view = View();
        strategy.OnBook(in view, sink);
        Assert.Equal(expectedActions, sink.Actions);

        var reference = new IrInterpreter(ir, [(long)levels << 16]);
        Assert.Equal(expectedActions == 1, reference.Evaluate(in view) is not null);
        context.Unload();
    }

    /// <summary>A param with no declared range can only be checked when its value is known.</summary>
    [Fact]
    public void Levels_beyond_the_book_depth_are_refused_when_the_strategy_starts()
    {
        var emitted = IlBackend.Emit(Lower(Source.Replace("count = 1 in 1..5", "count = 1", StringComparison.Ordinal)));
        var (strategy, context) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.SetParameter("lv", 7L << 16);
        var error = Assert.Throws<ArgumentOutOfRangeException>(strategy.Start);
        Assert.Contains("parameter 'lv' is used as levels: and must be a whole count within 1..5 (the book depth); got 7", error.Message, StringComparison.Ordinal);
        context.Unload();
    }
}

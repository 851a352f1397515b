using System.Text;
using ScalpLang.Backend.Il;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backtest.Tests.Tape;

/// <summary>
/// A strategy that never acts and writes down, on every evaluation, what it was shown: time,
/// kind, best prices, cumulative depths at its own depth, last trade and the added and cancelled
/// size (everything a strategy's signals read from the market, windows aside).
/// </summary>
internal sealed class ViewLog(string metadataJson) : CompiledStrategy(metadataJson)
{
    public List<string> Rows { get; } = [];

    /// <summary>Metadata of examples/imbalance_scalper.scalp with its book depth set to <paramref name="depth"/>.</summary>
    public static ViewLog WithDepth(int depth)
    {
        var text = File.ReadAllText(Path.Combine(TapeSources.Root, "examples", "imbalance_scalper.scalp"))
            .Replace("book depth 5", $"book depth {depth}", StringComparison.Ordinal)
            .Replace("imbalance(levels: 5)", $"imbalance(levels: {Math.Min(depth, 5)})", StringComparison.Ordinal);
        var program = FrontEnd.Check(SourceText.From(text, "tap.scalp"));
        Assert.False(program.HasErrors);
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        Assert.Equal(depth, strategy.Metadata.BookDepth);
        var log = new ViewLog(strategy.Metadata.ToJson());
        log.Start();
        return log;
    }

    protected override void CreateState()
    {
    }

    protected override void Evaluate(ref MarketView view, IActionSink sink)
    {
        var row = new StringBuilder();
        row.Append(view.TsEvent).Append(' ').Append(view.Kind).Append(" bid ").Append(view.BestBid).Append(" ask ").Append(view.BestAsk);
        row.Append(" depths");
        for (int i = 1; i <= Metadata.BookDepth; i++)
            row.Append(' ').Append(view.BidDepthOver(i)).Append('/').Append(view.AskDepthOver(i));
        row.Append(" last ").Append(view.LastPrice).Append(" trade ").Append(view.TradeSize).Append(view.TradeAggressorBuy ? " buy" : " sell");
        row.Append(" pos ").Append(view.Position).Append(" equity ").Append(view.Equity);
        row.Append(" | added ").Append(view.AddedSize).Append(" cancelled ").Append(view.CancelledSize);
        Rows.Add(row.ToString());
    }
}

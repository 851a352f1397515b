using ScalpLang.Backend.Il;
using ScalpLang.Backend.Il.Tests;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Runtime.Abi;
using ScalpLang.Scripting.Imports;

namespace ScalpLang.Scripting.Tests;

/// <summary>
/// A strategy calling C# functions takes exactly the decisions of the same logic written in
/// ScalpLang, its decisions change when the function does, every unit type crosses the call
/// unchanged, and an event allocates nothing.
/// </summary>
public sealed class ScriptCallTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly string Examples = Path.Combine(TempFolder.RepoRoot, "examples", "scripting");

    private const string Header = "instrument \"XYZ\" tick 0.01 lot 1 currency USD\nparam threshold: ratio = 0.3 in 0.1..0.9\n";

    private const string Rules =
        "rule up   priority 2 when pressure > threshold and tight(spread, 2 ticks)  => buy 1 lot at market\n" +
        "rule down priority 1 when pressure < -threshold and tight(spread, 2 ticks) => sell 1 lot at market\n" +
        "exit take_profit 2 ticks\nexit stop_loss   2 ticks\nrisk max_position 3 lots\n";

    /// <summary>book_pressure.scalp's logic without C#: the function's formula, with the language's `/`.</summary>
    private static readonly string Plain = "strategy Plain\n" + Header +
        "signal pressure = (bid_depth(levels: 1) - ask_depth(levels: 1)) / (bid_depth(levels: 1) + ask_depth(levels: 1))\n" +
        "signal near = spread <= 2 ticks\n" +
        Rules.Replace("tight(spread, 2 ticks)", "near", StringComparison.Ordinal);

    private CompiledStrategy Compile(string path)
    {
        var program = FrontEnd.Check(File.ReadAllBytes(path), path, scripts: new CsxImportCompiler(_folder.Cache));
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(DiagnosticFormatter.Format)));
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        Assert.Empty(emitted.Diagnostics);
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.Start();
        return strategy;
    }

    private sealed class Sink : IActionSink
    {
        public StrategyAction? Last;

        public void Submit(in StrategyAction action) => Last = action;
    }

    /// <summary>Each event's action (or none), as (kind, quantity, market?) so two strategies' decision lists compare.</summary>
    private static List<(ActionKind, long, bool)?> Decisions(CompiledStrategy strategy, int seed)
    {
        var sink = new Sink();
        var decisions = new List<(ActionKind, long, bool)?>();
        foreach (var view in MarketSimulation.Views(seed, count: 20_000, depth: 5))
        {
            sink.Last = null;
            strategy.OnBook(in view, sink);
            decisions.Add(sink.Last is { } a ? (a.Kind, a.Quantity, a.IsMarket) : null);
        }
        return decisions;
    }

    [Fact]
    public void The_csx_signal_decides_as_the_same_formula_in_ScalpLang()
    {
        var withCsx = Decisions(Compile(Path.Combine(Examples, "book_pressure.scalp")), seed: 11);
        var plain = Decisions(Compile(_folder.Write("plain.scalp", Plain)), seed: 11);
        Assert.Equal(plain, withCsx);
        Assert.True(withCsx.Count(d => d?.Item1 == ActionKind.Buy) > 100, "the comparison needs buys");
        Assert.True(withCsx.Count(d => d?.Item1 == ActionKind.Sell) > 100, "the comparison needs sells");
    }

    [Fact]
    public void The_decisions_follow_the_function()
    {
        _folder.Write("signals.csx", File.ReadAllText(Path.Combine(Examples, "signals.csx")));
        var original = _folder.Write("original.scalp", File.ReadAllText(Path.Combine(Examples, "book_pressure.scalp")));
        var baseline = Decisions(Compile(original), seed: 5);
        // The same strategy over a function that reverses the pressure: buys become sells.
        _folder.Write("reversed.csx", File.ReadAllText(Path.Combine(Examples, "signals.csx"))
            .Replace("(bid - ask) / total", "(ask - bid) / total", StringComparison.Ordinal));
        var reversed = Decisions(Compile(_folder.Write("reversed.scalp",
            File.ReadAllText(original).Replace("signals.csx", "reversed.csx", StringComparison.Ordinal))), seed: 5);
        var flatBaseline = baseline.Select(d => d?.Item1).ToList();
        var flatReversed = reversed.Select(d => d?.Item1).ToList();
        Assert.NotEqual(flatBaseline, flatReversed);
        // Before any position exists the two are mirror images: the first entry of one is the opposite of the other's.
        var first = flatBaseline.FindIndex(k => k is ActionKind.Buy or ActionKind.Sell);
        Assert.Equal(first, flatReversed.FindIndex(k => k is ActionKind.Buy or ActionKind.Sell));
        Assert.Equal(flatBaseline[first] == ActionKind.Buy ? ActionKind.Sell : ActionKind.Buy, flatReversed[first]);
    }

    [Fact]
    public void Every_unit_type_and_bool_cross_the_call_unchanged()
    {
        _folder.Write("identity.csx", """
            public static Price price_of(Price x) => x;
            public static Ticks ticks_of(Ticks x) => x;
            public static Lots lots_of(Lots x) => x;
            public static Ratio ratio_of(Ratio x) => x;
            public static Count count_of(Count x) => x;
            public static Duration duration_of(Duration x) => x;
            public static bool bool_of(bool x) => x;
            public static Price plus(Price p, Ticks t) => p + t;
            """);
        var path = _folder.Write("identity.scalp", """
            strategy Identity
            instrument "XYZ" tick 0.01 lot 1 currency USD
            import "identity.csx"
            signal same = price_of(bid) == bid and ticks_of(spread) == spread and lots_of(depth(levels: 2)) == depth(levels: 2)
                and ratio_of(imbalance(levels: 2)) == imbalance(levels: 2) and count_of(losses_in_a_row) == losses_in_a_row
                and duration_of(time_in_position) == time_in_position and bool_of(spread > 1) == (spread > 1)
                and plus(bid, spread) == ask
            rule check priority 2 when same => wait
            rule odd   priority 1 when spread > 0 => buy 1 lot at market
            """);
        var decisions = Decisions(Compile(path), seed: 3);
        // Every evaluation that tries rules waits (after our own fill, rules are not tried: no action).
        Assert.DoesNotContain(decisions, d => d?.Item1 == ActionKind.Buy);
        Assert.True(decisions.Count(d => d?.Item1 == ActionKind.Wait) > 10_000);
    }

    [Fact]
    public void An_event_allocates_nothing()
    {
        var strategy = Compile(Path.Combine(Examples, "book_pressure.scalp"));
        var sink = new Sink();
        var views = MarketSimulation.Views(seed: 7, count: 4_000, depth: 5).ToArray();
        foreach (var view in views.Take(1_000))
            strategy.OnBook(in view, sink);
        // A per-event allocation shows in every pass; the runtime's one-time work in one at most.
        var fewest = long.MaxValue;
        for (var pass = 0; pass < 3 && fewest > 0; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 1_000; i < views.Length; i++)
                strategy.OnBook(in views[i], sink);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, fewest);
    }
}

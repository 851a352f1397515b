using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il.Tests;

/// <summary>
/// Evaluate computes pure nodes only on the paths that need them (IlBackend.EmitEvaluate): a
/// node first met in a later conjunct of one decision is computed again for the next decision, a
/// z-score's value is asked for only there, and windows still advance on every event. These
/// strategies are built so that every such path is taken; the IL must take the reference
/// interpreter's (eager) decision on every event, and every decision must fire.
/// </summary>
public sealed class LazyEvaluationTests
{
    private const string Header = """
        instrument "X" tick 0.01 lot 1 currency USD
        book depth 5
        param k: ratio = 0.2 in 0.05..0.9

        """;

    public static TheoryData<string, string> Strategies() => new()
    {
        {
            // `imb` and `z` first appear in later conjuncts of `a`; `b` and `c` need them on paths where `a` stopped early.
            "shared_late_conjuncts",
            """
            signal imb  = imbalance(levels: 5)
            signal z    = zscore(of: mid, window: 2s)
            signal flow = aggressor_ratio(window: 500ms)
            rule a priority 30 when spread <= 1 tick and imb > k and z > 0.5 => buy 1 lots at market
            rule b priority 20 when z < -0.5 and imb < -k => sell 1 lots at bid + 1 tick
            rule c priority 10 when imb > 0 and flow > 0.5 => buy 1 lots at ask - 1 tick
            """
        },
        {
            // A window sampling a pure node (ema of a ratio) must see it on every event, though no decision may read it.
            "window_of_a_pure_node",
            """
            signal churn = cancel_rate(window: 1s)
            signal calm  = ema(of: churn, window: 10s) < 0.9
            signal imb   = imbalance(levels: 3)
            rule a priority 20 when position > 2 lots and calm => sell 1 lots at market
            rule b priority 10 when imb > k and calm => buy 1 lots at market
            rule c priority 5  when imb < -k => sell 1 lots at market
            """
        },
        {
            // Exits guarded by the position, action operands (price, quantity) computed only in the action.
            "exits_and_action_operands",
            """
            param size: lots = 2 in 1..5
            signal imb = imbalance(levels: 5)
            signal z   = zscore(of: microprice, window: 1s)
            exit take_profit 2 ticks
            exit stop_loss   1 tick
            rule a priority 20 when imb > k and z > 0 => buy size at bid + 1 tick
            rule b priority 10 when imb < -k or z < -1 => sell size at ask - 1 tick
            """
        },
        {
            // Three rules sharing their cheapest conjunct, met in different source positions; the
            // second needs what the first computed only after the shared test, the third has nothing else.
            "shared_first_conjunct_group",
            """
            signal imb = imbalance(levels: 5)
            signal z   = zscore(of: mid, window: 1s)
            rule a priority 30 when imb > k and spread <= 1 tick and z > 0.5 => buy 1 lots at market
            rule b priority 20 when z < 0 and imb < -k and spread <= 1 tick => sell 1 lots at bid + 1 tick
            rule c priority 15 when spread <= 1 tick => wait
            rule d priority 10 when imb > 0 => buy 1 lots at ask - 1 tick
            """
        },
        {
            // Exits grouped under `position != 0`, then a rule group whose shared test differs.
            "exit_group_then_rule_group",
            """
            signal imb = imbalance(levels: 3)
            signal vol = atr(window: 2s, bar: 200ms)
            exit take_profit 1 tick
            exit stop_loss   0.5 * vol
            exit trailing_stop 2 ticks
            rule a priority 20 when spread >= 2 ticks and imb > k => buy 1 lots at bid + 1 tick
            rule b priority 10 when spread >= 2 ticks and imb < -k => sell 1 lots at ask - 1 tick
            """
        },
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Il_takes_the_interpreters_decisions_on_every_path(string name, string body)
    {
        var source = $"strategy {name}\n{Header}{body}\n";
        var checkedProgram = FrontEnd.Check(SourceText.From(source, name + ".scalp"));
        Assert.False(checkedProgram.HasErrors, string.Join("\n", checkedProgram.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        var ir = Lowerer.Lower(checkedProgram.Strategy!);
        var emitted = IlBackend.Emit(ir);
        Assert.Empty(emitted.Diagnostics);
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.Start();
        var interpreter = new IrInterpreter(ir, strategy.ParameterValues);
        var sink = new LastAction();
        var fired = new int[ir.Decisions.Length];
        var index = 0;
        foreach (var view in MarketSimulation.Views(seed: name.Length, count: 20_000, depth: ir.BookDepth))
        {
            sink.Last = null;
            strategy.OnBook(in view, sink);
            var expected = interpreter.Evaluate(in view);
            Assert.True(expected == sink.Last, $"{name}, event {index}: interpreter {expected}, IL {sink.Last}");
            if (expected is { } action)
                fired[action.Decision]++;
            index++;
        }
        for (var d = 0; d < fired.Length; d++)
            Assert.True(fired[d] > 0, $"{name}: decision {ir.Decisions[d].Name} never fired, so its path is untested");
    }

    private sealed class LastAction : IActionSink
    {
        public StrategyAction? Last;

        public void Submit(in StrategyAction action) => Last = action;
    }
}

using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Tests.Infrastructure;

namespace ScalpLang.Compiler.Tests;

/// <summary>Lowering to the IR: golden listings of every example, the verifier, CSE and folding.</summary>
public sealed class IrTests
{
    public static TheoryData<string> Examples() => ExampleTests.Examples();

    private static IrProgram LowerFile(string path)
    {
        var program = Checker.CheckFile(path, RepoPaths.Root, models: new Ml.MlModelReader());
        Assert.False(program.HasErrors, Checker.Render(program));
        return Lowerer.Lower(program.Strategy!);
    }

    private static IrProgram LowerText(string body)
    {
        var program = Checker.CheckText("strategy T\ninstrument \"X\" tick 0.01 lot 1 currency USD\n" + body);
        Assert.False(program.HasErrors, Checker.Render(program));
        return Lowerer.Lower(program.Strategy!);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_ir_matches_golden(string file)
    {
        var ir = LowerFile(Path.Combine(RepoPaths.Examples, file));
        Assert.Empty(IrVerifier.Problems(ir));
        Golden.Verify(Path.Combine(RepoPaths.Goldens, "Ir", Path.ChangeExtension(file, ".ir")), IrPrinter.Print(ir));
    }

    [Fact]
    public void Common_subexpressions_are_computed_once()
    {
        var ir = LowerText("signal a = imbalance(levels: 3) + spread / 2 ticks\nsignal b = imbalance(levels: 3) * (spread / 2 ticks)\n" +
                           "rule r priority 1 when a > b => buy 1 lot at market\n");
        Assert.Single(ir.Nodes.OfType<IrInput>(), n => n.Kind == IrInputKind.BidDepth);
        // imbalance's divide and spread / 2 ticks each appear twice in the source, once in the IR.
        Assert.Equal(2, ir.Nodes.OfType<IrOperation>().Count(n => n.Op == IrOp.Divide));
        var subtractions = ir.Nodes.OfType<IrOperation>().Count(n => n.Op == IrOp.Subtract && n.Type == ScalpType.Ticks);
        Assert.Equal(1, subtractions); // spread = ask - bid, once
    }

    [Fact]
    public void Operations_over_constants_fold_with_the_reference_semantics()
    {
        var ir = LowerText("param p: ratio = 0.25\nsignal s = p * 1 tick + min(a: 3, b: 2) * spread\nrule r priority 1 when s > 1 tick => buy 1 lot at market\n");
        // min of two constants folds to 2; p * 1 tick stays (p is a parameter, known only at load time).
        Assert.Contains(ir.Nodes.OfType<IrConst>(), c => c.Raw == 2 * 65536 && c.Type == ScalpType.Ratio);
        Assert.DoesNotContain(ir.Nodes.OfType<IrOperation>(), o => o.Op == IrOp.Select);
        Assert.Contains(ir.Nodes.OfType<IrOperation>(), o => o.Op == IrOp.Multiply && ir[o.Args[0]] is IrParam);
    }

    [Fact]
    public void Filters_gate_trading_rules_only_and_decisions_are_in_evaluation_order()
    {
        var ir = LowerText("filter f when spread < 3 ticks\nrule calm priority 9 when spread > 5 ticks => wait\n" +
                           "rule go priority 5 when spread <= 1 tick => buy 1 lot at market\nexit stop_loss 2 ticks\n" +
                           "risk breaker when losses_in_a_row >= 2 => kill\n");
        Assert.Equal([IrDecisionKind.CircuitBreaker, IrDecisionKind.Exit, IrDecisionKind.Rule, IrDecisionKind.Rule], ir.Decisions.Select(d => d.Kind));
        var calm = ir.Decisions.Single(d => d.Name == "calm");
        var go = ir.Decisions.Single(d => d.Name == "go");
        Assert.IsType<IrOperation>(ir[calm.Condition]);
        Assert.Equal(IrOp.Greater, ((IrOperation)ir[calm.Condition]).Op);
        Assert.Equal(IrOp.And, ((IrOperation)ir[go.Condition]).Op);
    }

    [Fact]
    public void Trailing_stop_keeps_a_peak_since_entry()
    {
        var ir = LowerText("rule r priority 1 when spread < 2 ticks => buy 1 lot at market\nexit trailing_stop 3 ticks\n");
        Assert.Single(ir.Nodes.OfType<IrPeakSinceEntry>());
    }

    [Fact]
    public void Verifier_reports_broken_graphs()
    {
        var ir = LowerText("rule r priority 1 when spread < 2 ticks => buy 1 lot at market\n");
        var broken = ir with { Decisions = [ir.Decisions[0] with { Condition = new IrValue(ir.Nodes.Length + 5) }] };
        Assert.NotEmpty(IrVerifier.Problems(broken));
        var reordered = ir with { Nodes = [.. ir.Nodes.Reverse()] };
        Assert.NotEmpty(IrVerifier.Problems(reordered));
    }
}

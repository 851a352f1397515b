using System.Collections.Immutable;
using System.Text;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// Compiles a .scalp strategy that declares one signal per feature, then emits IL "probes" of
/// it: the same IR nodes with a single always-true decision whose action carries four signal
/// values (quantity, limit price, slice duration, slice count). IL computes every node on every
/// event, so a probe's action is exactly the values the compiled strategy holds for its signals.
/// </summary>
internal static class ProbeStrategy
{
    public const int ValuesPerProbe = 4;

    public static string Source(string instrument, int depth, IReadOnlyList<Feature> features)
    {
        var text = new StringBuilder($"strategy FeatureProbe\n{instrument}\nbook depth {depth}\n");
        foreach (var f in features)
            text.Append($"signal {f.Name} = {f.Expression}\n");
        return text.ToString();
    }

    /// <summary>Loaded, started probes covering <paramref name="features"/> in order, four per probe.</summary>
    public static List<CompiledStrategy> Compile(string source, IReadOnlyList<Feature> features)
    {
        var checkedProgram = FrontEnd.Check(SourceText.From(source, "probe.scalp"));
        Assert.False(checkedProgram.HasErrors,
            string.Join("\n", checkedProgram.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        var ir = Lowerer.Lower(checkedProgram.Strategy!);
        var always = new IrConst(ir.Nodes.Length, ScalpType.Bool, 1);
        var nodes = ir.Nodes.Add(always);
        var probes = new List<CompiledStrategy>();
        for (var start = 0; start < features.Count; start += ValuesPerProbe)
        {
            IrValue V(int i) => ir.Signals[features[Math.Min(start + i, features.Count - 1)].Name];
            var action = new IrTrade(OrderSide.Buy, V(0), V(1), new IrSlicer(Compiler.Syntax.SliceAlgorithm.Twap, V(2), V(3)));
            var probe = ir with
            {
                Name = $"{ir.Name}{start / ValuesPerProbe}",
                Nodes = nodes,
                Decisions = [new IrDecision(IrDecisionKind.Rule, "probe", 1, always.Value, action)],
                RiskLimits = ImmutableArray<IrRiskLimit>.Empty,
            };
            var result = IlBackend.Emit(probe);
            Assert.Empty(result.Diagnostics);
            var (strategy, _) = StrategyLoader.Load(result.Image!, result.TypeName);
            strategy.Start();
            probes.Add(strategy);
        }
        return probes;
    }
}

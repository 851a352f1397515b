using ScalpLang.Backend.Il;
using ScalpLang.Backtest;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Models;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Ml.Tests;

/// <summary>
/// A strategy with a model block compiles (the model read through the ML.NET reader), backtests,
/// and decides with the score: its rule fires on exactly the events where the reference
/// probability of the features the strategy itself computed is above the threshold.
/// </summary>
public sealed class ModelStrategyTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    private sealed class Actions : IActionObserver
    {
        public List<long> Times { get; } = [];

        public void Observe(long now, in StrategyAction action) => Times.Add(now);
    }

    private sealed class Features(long[] tap) : IRunObserver
    {
        public List<(long Time, long[] Values)> Rows { get; } = [];

        public void OnEventEnd(long ts, long bidQ16, long askQ16, long equityQ16, long position) => Rows.Add((ts, (long[])tap.Clone()));

        public void OnFill(in OwnFill fill)
        {
        }

        public void OnKill(long ts, string reason)
        {
        }
    }

    private static long Raw(string digits)
    {
        Assert.True(DecimalLiteral.Parse(digits).TryToFixed(out var value));
        return value.Raw;
    }

    private static IrProgram Compile(string folder, string rules)
    {
        var path = Path.Combine(folder, "rules.scalp");
        File.WriteAllText(path, GoogDay.Strategy(rules));
        var program = FrontEnd.Check(File.ReadAllBytes(path), path, models: new MlModelReader());
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        return Lowerer.Lower(program.Strategy!);
    }

    [Fact]
    public void The_rule_fires_exactly_where_the_models_probability_is_above_the_threshold()
    {
        if (models.Get(TrainerKind.FastTree) is not { } trained || GoogDay.Data is not { } data)
            return;
        var ir = Compile(trained.Folder, "rule go priority 1 when p_up > 0.45 => buy 1 lot at market");
        var node = Assert.Single(ir.Nodes.OfType<IrModelScore>());
        Assert.Empty(ir.Nodes.OfType<IrModel>());

        // The strategy's own actions over the day.
        var emitted = IlBackend.Emit(ir);
        Assert.Empty(emitted.Diagnostics);
        var (strategy, context) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.Start();
        var actions = new Actions();
        BacktestRunner.Run(strategy, data, out var error, started: e => e.Observer = actions);
        Assert.Null(error);
        context.Unload();

        // The same program's features, tapped, scored by the reference semantics.
        var tapped = IlBackend.Emit(ir, new IlEmitOptions("p_up"));
        var (probe, probeContext) = StrategyLoader.Load(tapped.Image!, tapped.TypeName);
        var tap = new long[node.Features.Length];
        probe.GetType().GetField(IlEmitOptions.FeatureField)!.SetValue(probe, tap);
        probe.Start();
        var features = new Features(tap);
        BacktestRunner.Run(probe, data, out error, started: e => e.RunObserver = features);
        Assert.Null(error);
        probeContext.Unload();

        var threshold = Raw("0.45");
        var expected = features.Rows.Where(r => ModelScoring.Probability(node, r.Values) > threshold).Select(r => r.Time).ToList();
        Assert.True(expected.Count > 100, $"the threshold is met only {expected.Count} times: the test would say little");
        Assert.True(expected.Count < features.Rows.Count / 2, "the threshold is met almost always: the test would say little");
        Assert.Equal(expected, actions.Times);
    }

    [Fact]
    public void The_example_with_its_shipped_model_compiles_and_backtests_on_the_goog_day()
    {
        if (GoogDay.Data is not { } data)
            return;
        var path = Path.Combine(GoogDay.Root, "examples", "ml_imbalance_scalper.scalp");
        var program = FrontEnd.Check(File.ReadAllBytes(path), path, models: new MlModelReader());
        Assert.Empty(program.Diagnostics);
        var ir = Lowerer.Lower(program.Strategy!);
        Assert.Single(ir.Nodes.OfType<IrModelScore>());
        var emitted = IlBackend.Emit(ir);
        var (strategy, context) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.Start();
        var summary = BacktestRunner.Run(strategy, data, out var error);
        Assert.Null(error);
        Assert.Equal(49_481, summary.Events);
        Assert.True(summary.Orders > 0, "the model never let the strategy trade");
        context.Unload();

        // A threshold the model never reaches: the same strategy does not trade at all.
        var (strict, strictContext) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strict.SetParameter("p_min", Raw("0.95"));
        strict.Start();
        Assert.Equal(0, BacktestRunner.Run(strict, data, out error).Orders);
        strictContext.Unload();
    }
}

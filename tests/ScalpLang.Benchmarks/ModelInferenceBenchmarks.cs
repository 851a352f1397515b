using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using ScalpLang.Backend.Il;
using ScalpLang.Backtest;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Models;
using ScalpLang.Ml;

namespace ScalpLang.Benchmarks;

/// <summary>
/// One inference of a 100-tree FastTree model (five book features, trained in the setup by
/// `scalp train`'s code on 200,000 synthetic events), compiled to straight-line IL, against
/// ML.NET's PredictionEngine on the same model file and the same row, in the same run. The
/// setup prints the model's shape (trees, depth, leaves). Run:
/// dotnet run -c Release --project tests/ScalpLang.Benchmarks -- --filter '*ModelInference*'
/// </summary>
[MemoryDiagnoser]
public class ModelInferenceBenchmarks
{
    /// <summary>
    /// Leaves per tree. FastTree grows trees leaf-wise and has no depth limit: 7 leaves is the
    /// most that guarantees depth 6; 32 leaves gives deeper, lopsided trees (the setup prints both shapes).
    /// </summary>
    [Params(7, 32)]
    public int Leaves { get; set; }

    private const string Strategy = """
        strategy Bench
        instrument "X" tick 0.01 lot 1 currency USD
        signal imb = imbalance(levels: 1)
        model p_up = "p_up.zip" features [imb, spread, aggressor_ratio(window: 1s), cancel_rate(window: 1s), trade_volume(window: 1s)]
        rule go priority 1 when p_up > 0.6 => buy 1 lot at market
        """;

    private sealed class Input
    {
        [VectorType(5)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Output
    {
        public float Probability { get; set; }
    }

    private PredictionEngine<Input, Output> _engine = null!;
    private Func<long[], long> _compiled = null!;
    private Input _input = null!;
    private long[] _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Directory.CreateTempSubdirectory("scalp-bench-model-").FullName;
        var source = Path.Combine(dir, "bench.scalp");
        File.WriteAllText(source, Strategy);
        var request = new TrainingRequest(source, new DataSpec(ScalpLang.Backtest.DataKind.Synthetic, "seed=1,events=200000"), new LabelSpec(true, 500_000_000),
            TrainerKind.FastTree, Trees: 100, Leaves: Leaves, MinLeafCount: 5);
        var errors = new StringWriter();
        var trained = ModelTrainer.Train(request, errors) ?? throw new InvalidOperationException(errors.ToString());
        var path = Path.Combine(dir, "p_up.zip");
        ModelTrainer.Save(trained, path);

        var imported = new MlModelReader().Read(path).Model ?? throw new InvalidOperationException("the model did not read back");
        var (function, scale, offset) = ModelQuantiser.Quantise(imported);
        var node = new IrModelScore(5, "p_up", imported.Trainer, [.. Enumerable.Range(0, 5).Select(i => new IrValue(i))], function, scale, offset, default);
        var trees = (QuantisedTrees)function;
        Console.WriteLine($"// model: {trees.Trees.Length} trees, max depth {trees.MaxDepth}, mean depth {trees.Trees.Average(t => t.Depth):0.0}, " +
                          $"{trees.Trees.Sum(t => t.Leaves.Length)} leaves");
        _compiled = ModelEmitter.CompileStandalone(node);

        var ml = new MLContext(seed: 0);
        _engine = ml.Model.CreatePredictionEngine<Input, Output>(ml.Model.Load(path, out _));
        // A holdout row from the middle of the test period.
        var row = trained.Set.Test[trained.Set.Test.Count / 2];
        _raw = row.Features;
        _input = new Input { Features = ModelTrainer.ToFloats(row.Features) };
        var compiled = _compiled(_raw) / 65536.0;
        var mlnet = _engine.Predict(_input).Probability;
        Console.WriteLine($"// row probability: compiled {compiled:0.000000}, ML.NET {mlnet:0.000000}");
        if (Math.Abs(compiled - mlnet) > 1e-3)
            throw new InvalidOperationException("the compiled model disagrees with ML.NET on the benchmark row");
    }

    [Benchmark(Baseline = true)]
    public float PredictionEngine() => _engine.Predict(_input).Probability;

    [Benchmark]
    public long CompiledIl() => _compiled(_raw);
}

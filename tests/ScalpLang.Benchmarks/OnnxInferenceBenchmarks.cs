using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ScalpLang.Backend.Il;
using ScalpLang.Compiler.Ir;
using ScalpLang.Ml.Onnx;
using ScalpLang.Ml.Onnx.Tests;
using ScalpLang.Runtime.Abi.Models;

namespace ScalpLang.Benchmarks;

/// <summary>
/// The cost of one evaluation of an ONNX signal block on the CPU target, as a compiled strategy
/// pays it: write the evaluation's features into the history, then score the history through the
/// ONNX host (single-threaded onnxruntime session, preallocated IoBinding). Networks: the tests'
/// LSTM over 50 evaluations of 3 features (hidden 4) and the DeepLOB-style CNN over a 20 x 10
/// depth image (3 filters of 3 x 2). Baseline in the same run: a compiled 100-tree model (depth
/// 6, 5 features, seeded random trees) as the IL backend emits a .zip model. Run:
/// dotnet run -c Release --project tests/ScalpLang.Benchmarks -- --filter '*OnnxInference*'
/// </summary>
[MemoryDiagnoser]
public class OnnxInferenceBenchmarks
{
    private Func<long[], long> _trees = null!;
    private long[] _treeFeatures = null!;
    private INeuralModel _lstm = null!;
    private INeuralModel _cnn = null!;
    private NeuralHistory _lstmHistory = null!;
    private NeuralHistory _cnnHistory = null!;
    private int _tick;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Directory.CreateTempSubdirectory("scalp-bench-onnx-").FullName;
        var lstmPath = Path.Combine(dir, "lstm.onnx");
        File.WriteAllBytes(lstmPath, new TinyLstm(features: 3, history: 50, seed: 21).ToOnnx());
        var cnnPath = Path.Combine(dir, "cnn.onnx");
        File.WriteAllBytes(cnnPath, new TinyCnn(width: 10, history: 20, seed: 5, scale: 0.01).ToOnnx());
        _lstm = OnnxModelHost.Instance.Open(new NeuralModelInfo("lstm", lstmPath, 3, 50));
        _cnn = OnnxModelHost.Instance.Open(new NeuralModelInfo("cnn", cnnPath, 10, 20));
        _lstmHistory = new NeuralHistory(3, 50);
        _cnnHistory = new NeuralHistory(10, 20);
        for (var i = 0; i < 60; i++)
        {
            LstmEvaluation();
            CnnEvaluation();
        }

        var random = new Random(1);
        var trees = ImmutableArray.CreateRange(Enumerable.Range(0, 100).Select(_ => RandomTree(random, depth: 6)));
        var node = new IrModelScore(5, "p_up", "FastTree", [.. Enumerable.Range(0, 5).Select(i => new IrValue(i))],
            new QuantisedTrees(trees, 0), 65536, 0, default);
        _trees = ModelEmitter.CompileStandalone(node);
        _treeFeatures = [1 << 15, 2 << 16, 3 << 14, 1 << 12, 40 << 16];
    }

    /// <summary>A complete tree of the given depth over 5 features, thresholds and leaves seeded.</summary>
    private static QuantisedTree RandomTree(Random random, int depth)
    {
        var internalNodes = (1 << depth) - 1;
        var split = new int[internalNodes];
        var threshold = new long[internalNodes];
        var left = new int[internalNodes];
        var right = new int[internalNodes];
        for (var n = 0; n < internalNodes; n++)
        {
            split[n] = random.Next(5);
            threshold[n] = random.NextInt64(-(2L << 16), 4L << 16);
            var l = 2 * n + 1;
            var r = 2 * n + 2;
            left[n] = l < internalNodes ? l : ~(l - internalNodes);
            right[n] = r < internalNodes ? r : ~(r - internalNodes);
        }
        var leaves = Enumerable.Range(0, 1 << depth).Select(_ => random.NextInt64(-(1L << 14), 1L << 14)).ToArray();
        return new QuantisedTree([.. split], [.. threshold], [.. left], [.. right], [.. leaves]);
    }

    [Benchmark(Baseline = true)]
    public long CompiledTrees100() => _trees(_treeFeatures);

    [Benchmark]
    public long OnnxLstm50() => LstmEvaluation();

    [Benchmark]
    public long OnnxCnnDepthImage() => CnnEvaluation();

    private long LstmEvaluation()
    {
        var t = ++_tick;
        _lstmHistory.Set(0, (t % 7 - 3) << 14);
        _lstmHistory.Set(1, (t % 5) << 14);
        _lstmHistory.Set(2, (1 + t % 2) << 16);
        _lstmHistory.Commit();
        return _lstm.Score(_lstmHistory);
    }

    private long CnnEvaluation()
    {
        var t = ++_tick;
        for (var f = 0; f < 10; f++)
            _cnnHistory.Set(f, (long)(100 + (t + f * 13) % 200) << 16);
        _cnnHistory.Commit();
        return _cnn.Score(_cnnHistory);
    }
}

using System.Collections.Immutable;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Models;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Compiler.Tests;

/// <summary>
/// The fixed-point sigmoid and quantisation of grammar/README.md §6.1, the model-score node's
/// listing and its verifier checks, on hand-made models.
/// </summary>
public sealed class ModelScoreTests
{
    [Fact]
    public void The_run_time_sigmoid_equals_the_reference_on_every_interesting_input()
    {
        var inputs = new List<long> { 0, 1, -1, long.MaxValue, long.MinValue, FixedSigmoid.Limit, -FixedSigmoid.Limit, FixedSigmoid.Limit + 1, -FixedSigmoid.Limit - 1 };
        for (var raw = -FixedSigmoid.Limit - 4096; raw <= FixedSigmoid.Limit + 4096; raw += 97)
            inputs.Add(raw);
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
            inputs.Add(random.NextInt64(long.MinValue, long.MaxValue));
        foreach (var x in inputs)
            Assert.Equal(FixedSigmoid.Apply(x), QSigmoid.Apply(x));
    }

    [Fact]
    public void The_sigmoid_is_within_its_stated_error_monotone_and_symmetric()
    {
        long previous = -1;
        for (var raw = -(20L << 16); raw <= 20L << 16; raw += 13)
        {
            var p = FixedSigmoid.Apply(raw);
            var exact = 1 / (1 + Math.Exp(-raw / 65536.0));
            // Interpolation (<= 1.2e-5), table rounding (2^-17) and the shift's floor (2^-16), or saturation (1.2e-7).
            Assert.True(Math.Abs(p / 65536.0 - exact) <= 1.2e-5 + 1.0 / 131072 + 1.0 / 65536, $"sigmoid({raw}) = {p}, exact {exact}");
            Assert.True(p >= previous, $"not monotone at {raw}");
            Assert.Equal(65536 - p, FixedSigmoid.Apply(-raw));
            previous = p;
        }
        Assert.Equal(32768, FixedSigmoid.Apply(0));
        Assert.Equal(65536, FixedSigmoid.Apply(long.MaxValue));
        Assert.Equal(0, FixedSigmoid.Apply(long.MinValue));
        Assert.Equal(513, FixedSigmoid.Table.Length);
        Assert.Equal([32768, 33280, 33792], FixedSigmoid.Table.Take(3));
    }

    [Fact]
    public void Thresholds_floor_so_that_raw_comparisons_equal_the_models_comparisons()
    {
        // x <= t exactly when raw <= floor(t * 2^16), for any raw value.
        foreach (var t in new[] { 0.5, 0.50001, -0.3, 1e-9, -1e-9, 3.0, 1234.56789 })
        {
            var threshold = ModelQuantiser.Floor(t);
            for (var raw = threshold - 3; raw <= threshold + 3; raw++)
                Assert.Equal(raw / 65536.0 <= t, raw <= threshold);
        }
        Assert.Equal(long.MaxValue, ModelQuantiser.Floor(1e300));
        Assert.Equal(long.MinValue, ModelQuantiser.Floor(-1e300));
        Assert.Equal(32768, ModelQuantiser.Nearest(0.5));
        Assert.Equal(-1, ModelQuantiser.Nearest(-0.5 / 65536)); // ties away from zero
    }

    private static ImportedModel Stump(double threshold, double left, double right) =>
        new("fasttree", [new ModelFeatureInfo("spread", "ticks")],
            new TreeEnsembleFunction([new ImportedTree([0], [threshold], [-1], [-2], [left, right])], Bias: 0.25),
            new PlattCalibration(Slope: -2, Offset: 0.5));

    private static IrModelScore Node(ImportedModel model, ImmutableArray<IrValue>? features = null)
    {
        var (function, scale, offset) = ModelQuantiser.Quantise(model);
        return new IrModelScore(1, "p", model.Trainer, features ?? [new IrValue(0)], function, scale, offset, default);
    }

    private static IrProgram Program(IrModelScore node) =>
        new("M", default, null, 1, [], [new IrConst(0, ScalpType.Ticks, 0), node], ImmutableDictionary<string, IrValue>.Empty, [], []);

    [Fact]
    public void A_stump_scores_by_the_reference_formula()
    {
        var node = Node(Stump(1.5, -1, 2));
        // spread 1 tick <= 1.5: leaf -1; score = 0.25 - 1 = -0.75; logit = 2 * -0.75 - 0.5 = -2.
        Assert.Equal(FixedSigmoid.Apply(-2L << 16), ModelScoring.Probability(node, [1L << 16]));
        // 2 ticks: leaf 2; score 2.25; logit 4.
        Assert.Equal(FixedSigmoid.Apply(4L << 16), ModelScoring.Probability(node, [2L << 16]));
        Assert.Empty(IrVerifier.Problems(Program(node)));
        Assert.Contains("%1: ratio = model_score p fasttree(1 trees, depth 1, 2 leaves, bias 0.25) [%0] logit 2 * score + -0.5, digest ", IrPrinter.Print(Program(node)));
    }

    [Fact]
    public void The_verifier_rejects_malformed_trees_and_arities()
    {
        var shared = new ImportedModel("fasttree", [new ModelFeatureInfo("x", "ratio")],
            new TreeEnsembleFunction([new ImportedTree([0, 0], [0, 1], [1, 1], [-1, -2], [0, 0, 0])], 0), new PlattCalibration(-1, 0));
        Assert.Contains(IrVerifier.Problems(Program(Node(shared))), p => p.Contains("shared child", StringComparison.Ordinal));
        var outOfRange = Stump(0, 0, 0) with
        {
            Function = new TreeEnsembleFunction([new ImportedTree([3], [0], [-1], [-2], [0, 0])], 0),
        };
        Assert.Contains(IrVerifier.Problems(Program(Node(outOfRange))), p => p.Contains("feature the model does not have", StringComparison.Ordinal));
        var linear = Stump(0, 0, 0) with { Function = new LinearFunction([1, 2], 0) };
        Assert.Contains(IrVerifier.Problems(Program(Node(linear))), p => p.Contains("2 weights for 1 features", StringComparison.Ordinal));
    }
}

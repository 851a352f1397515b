using Microsoft.ML;
using ScalpLang.Backend.Il;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Models;
using Xunit.Abstractions;

namespace ScalpLang.Ml.Tests;

/// <summary>
/// The compiled model against ML.NET on the same file: on every holdout row of the GOOG day the
/// IL's probability equals the reference semantics bit for bit, and ML.NET's own probability
/// within ModelQuantiser.ProbabilityBound (tree paths are exact, so only the rounding of leaves,
/// weights, bias and calibration and the fixed-point sigmoid's table remain).
/// </summary>
public sealed class CompiledScoreTests(TrainedModels models, ITestOutputHelper output) : IClassFixture<TrainedModels>
{
    public static IrModelScore Node(ImportedModel model)
    {
        var (function, scale, offset) = ModelQuantiser.Quantise(model);
        var features = Enumerable.Range(0, model.Features.Length).Select(i => new IrValue(i)).ToArray();
        return new IrModelScore(features.Length, "p_up", model.Trainer, [.. features], function, scale, offset, default);
    }

    [Theory]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.Sdca)]
    public void Compiled_scores_equal_ml_nets_within_the_quantisation_bound_on_every_holdout_row(TrainerKind kind)
    {
        if (models.Get(kind) is not { } trained)
            return; // ../shared is absent (a failure under SCALP_REQUIRE_SHARED=1, in GoogDay)
        var imported = TrainedModels.Read(trained.Folder);
        var node = Node(imported);
        var compiled = ModelEmitter.CompileStandalone(node);
        var ml = new MLContext(seed: 0);
        var loaded = ml.Model.Load(Path.Combine(trained.Folder, "p_up.zip"), out _);
        var rows = trained.Result.Set.Test;
        var mlnet = ModelTrainer.MlNetScores(ml, loaded, rows, imported.Features.Length);
        Assert.Equal(rows.Count, mlnet.Length);
        Assert.True(rows.Count > 5_000, $"only {rows.Count} holdout rows");

        double worst = 0, worstBound = 0, loosestBound = 0;
        var outside = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var raw = rows[i].Features;
            var real = raw.Select(r => r / 65536.0).ToArray();
            // The bound assumes every feature reaches ML.NET exactly (so both walk the same tree paths).
            Assert.All(real, x => Assert.Equal(x, (double)(float)x));
            var probability = compiled(raw);
            Assert.Equal(ModelScoring.Probability(node, raw), probability);
            var error = Math.Abs(probability / 65536.0 - mlnet[i].Probability);
            var bound = ModelQuantiser.ProbabilityBound(imported, real, mlnet[i].Score);
            loosestBound = Math.Max(loosestBound, bound);
            if (error > worst)
                (worst, worstBound) = (error, bound);
            if (error > bound)
                outside++;
        }
        output.WriteLine($"{ModelTrainer.Name(kind)}: {rows.Count} holdout rows, largest |compiled - ML.NET| = {worst:E3} (bound there {worstBound:E3}; largest bound {loosestBound:E3})");
        Assert.Equal(0, outside);
        // For trees the bound is a few 1e-4 whatever the features; a linear model's grows with |feature| x 2^-17 per weight.
        if (imported.Function is TreeEnsembleFunction)
            Assert.True(loosestBound < 1e-3, $"the bound itself is loose: {loosestBound}");
    }

    [Fact]
    public void The_compiled_tree_model_has_the_trained_shape()
    {
        if (models.Get(TrainerKind.FastTree) is not { } trained)
            return;
        var node = Node(TrainedModels.Read(trained.Folder));
        var trees = Assert.IsType<QuantisedTrees>(node.Function);
        Assert.Equal(100, trees.Trees.Length);
        Assert.All(trees.Trees, t => Assert.True(t.Leaves.Length <= 20));
        Assert.Empty(IrVerifier.Problems(new IrProgram("M", default, null, 1, [],
            [.. node.Features.Select(f => (IrNode)new IrConst(f.Id, Compiler.Semantics.ScalpType.Ratio, 0)), node], System.Collections.Immutable.ImmutableDictionary<string, IrValue>.Empty, [], [])));
    }
}

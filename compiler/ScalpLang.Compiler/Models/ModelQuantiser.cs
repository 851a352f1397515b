using ScalpLang.Compiler.Ir;

namespace ScalpLang.Compiler.Models;

/// <summary>
/// Turns an imported model's floating-point numbers into Q47.16, once (grammar/README.md §6.1).
/// A feature reaches the model as raw / 2^16, so "feature &lt;= t" holds exactly when
/// raw &lt;= floor(t * 2^16): thresholds are floored and tree decisions are exact. Leaf values,
/// weights, biases and the calibration are rounded to the nearest 2^-16 (ties away from zero).
/// </summary>
public static class ModelQuantiser
{
    private const double Scale = 65536.0;

    public static (QuantisedFunction Function, long LogitScale, long LogitOffset) Quantise(ImportedModel model)
    {
        QuantisedFunction function = model.Function switch
        {
            TreeEnsembleFunction trees => new QuantisedTrees([.. trees.Trees.Select(Tree)], Nearest(trees.Bias)),
            LinearFunction linear => new QuantisedLinear([.. linear.Weights.Select(Nearest)], Nearest(linear.Bias)),
            _ => throw new System.Diagnostics.UnreachableException($"unknown model function {model.Function.GetType().Name}"),
        };
        // ML.NET: p = 1 / (1 + exp(Slope * s + Offset)) = sigmoid(-Slope * s - Offset).
        return (function, Nearest(-model.Calibration.Slope), Nearest(-model.Calibration.Offset));
    }

    private static QuantisedTree Tree(ImportedTree tree) =>
        new([.. tree.SplitFeature], [.. tree.Threshold.Select(Floor)], [.. tree.Left], [.. tree.Right], [.. tree.Leaves.Select(Nearest)]);

    /// <summary>The largest raw value whose real value is at most <paramref name="t"/> (saturating).</summary>
    public static long Floor(double t) => Saturate(Math.Floor(t * Scale));

    /// <summary>The nearest raw value, ties away from zero (saturating).</summary>
    public static long Nearest(double v) => Saturate(Math.Round(v * Scale, MidpointRounding.AwayFromZero));

    private static long Saturate(double raw) =>
        double.IsNaN(raw) ? 0 : raw >= 9.2233720368547758E18 ? long.MaxValue : raw <= -9.2233720368547758E18 ? long.MinValue : (long)raw;

    /// <summary>
    /// A bound on |compiled probability - the model's own probability| for one feature vector,
    /// when every feature value is exact in single precision (so every tree takes the same path):
    /// the score differs by the rounded leaves/weights and bias, the logit by that times the
    /// slope plus the rounding of slope, offset and the product, and the sigmoid (slope at most
    /// 1/4) adds the table's own error (interpolation, table rounding, the shift's floor).
    /// </summary>
    public static double ProbabilityBound(ImportedModel model, ReadOnlySpan<double> features, double score)
    {
        const double half = 0.5 / Scale; // one rounding to nearest
        const double step = 1.0 / Scale; // one floor
        double scoreError = model.Function switch
        {
            TreeEnsembleFunction trees => (trees.Trees.Length + 1) * half,
            LinearFunction linear => Linear(linear, features),
            _ => 0,
        };
        // ML.NET's score is a float: its own rounding of the score counts too.
        scoreError += Math.Abs(score) * Math.Pow(2, -24);
        var logitError = Math.Abs(model.Calibration.Slope) * scoreError + Math.Abs(score) * half + step + half;
        const double sigmoidTable = 1.2e-5 + 0.5 / Scale + step; // interpolation (h^2/8 * max|s''|), table rounding, floor
        const double saturation = 1.2e-7;                        // 1 - sigmoid(16)
        return logitError / 4 + sigmoidTable + saturation + Math.Pow(2, -24);
    }

    private static double Linear(LinearFunction linear, ReadOnlySpan<double> features)
    {
        const double half = 0.5 / Scale;
        var error = half;
        for (var i = 0; i < linear.Weights.Length && i < features.Length; i++)
            error += Math.Abs(features[i]) * half + 1.0 / Scale;
        return error;
    }
}

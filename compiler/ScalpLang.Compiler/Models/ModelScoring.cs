using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Numerics;

namespace ScalpLang.Compiler.Models;

/// <summary>
/// The reference meaning of a compiled model (grammar/README.md §6.1) on raw feature values: what
/// the IL backend's straight-line code must compute, bit for bit, and what the Verilog backend
/// will. Used by tests and the IR interpreter.
/// </summary>
public static class ModelScoring
{
    public static long Score(QuantisedFunction function, ReadOnlySpan<long> features)
    {
        switch (function)
        {
            case QuantisedTrees trees:
            {
                var sum = trees.Bias;
                foreach (var tree in trees.Trees)
                    sum = unchecked(sum + Leaf(tree, features));
                return sum;
            }
            case QuantisedLinear linear:
            {
                var sum = linear.Bias;
                for (var i = 0; i < linear.Weights.Length; i++)
                    sum = unchecked(sum + Fixed.Multiply(new Fixed(linear.Weights[i]), new Fixed(features[i])).Raw);
                return sum;
            }
            default:
                throw new System.Diagnostics.UnreachableException($"unknown model function {function.GetType().Name}");
        }
    }

    public static long Leaf(QuantisedTree tree, ReadOnlySpan<long> features)
    {
        if (tree.SplitFeature.IsEmpty)
            return tree.Leaves[0];
        var node = 0;
        while (true)
        {
            var next = features[tree.SplitFeature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
            if (next < 0)
                return tree.Leaves[~next];
            node = next;
        }
    }

    /// <summary>The probability (Q47.16, 0..1): sigmoid(LogitScale * score + LogitOffset).</summary>
    public static long Probability(IrModelScore model, ReadOnlySpan<long> features)
    {
        var score = Score(model.Function, features);
        var logit = unchecked(Fixed.Multiply(new Fixed(model.LogitScale), new Fixed(score)).Raw + model.LogitOffset);
        return FixedSigmoid.Apply(logit);
    }
}

using System.Collections.Immutable;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Compiler.Ir;

/// <summary>
/// A trained classifier compiled into the strategy (grammar/README.md §6.1, "Model scores"): its
/// probability, a ratio 0..1, computed from the feature values with integer operations only.
/// Every number in it was quantised to Q47.16 once, by the compiler (ModelQuantiser).
/// Logit = LogitScale * score + LogitOffset (Q47.16 multiply and add); the value is the
/// fixed-point sigmoid of the logit.
/// </summary>
public sealed record IrModelScore(int Id, string Name, string Trainer, ImmutableArray<IrValue> Features, QuantisedFunction Function,
    long LogitScale, long LogitOffset, Text.SourceLocation Location) : IrNode(Id, ScalpType.Ratio)
{
    public override ImmutableArray<IrValue> Operands => Features;

    /// <summary>Structural equality for hash-consing: two declarations of the same model over the same features share a node.</summary>
    public bool SameAs(IrModelScore other) =>
        Name == other.Name && Features.SequenceEqual(other.Features) && Digest == other.Digest;

    /// <summary>A stable 32-bit FNV-1a digest of every quantised number (listings and goldens show it).</summary>
    public uint Digest
    {
        get
        {
            var hash = 2166136261u;
            void Mix(long v)
            {
                for (var b = 0; b < 8; b++)
                {
                    hash ^= (byte)(v >> (8 * b));
                    hash *= 16777619u;
                }
            }
            Mix(LogitScale);
            Mix(LogitOffset);
            switch (Function)
            {
                case QuantisedTrees trees:
                    Mix(trees.Bias);
                    foreach (var t in trees.Trees)
                    {
                        foreach (var x in t.SplitFeature) Mix(x);
                        foreach (var x in t.Threshold) Mix(x);
                        foreach (var x in t.Left) Mix(x);
                        foreach (var x in t.Right) Mix(x);
                        foreach (var x in t.Leaves) Mix(x);
                    }
                    break;
                case QuantisedLinear linear:
                    Mix(linear.Bias);
                    foreach (var w in linear.Weights) Mix(w);
                    break;
            }
            return hash;
        }
    }
}

/// <summary>The raw score of a compiled model, Q47.16.</summary>
public abstract record QuantisedFunction;

/// <summary>Score = Bias + the sum of one leaf per tree (wrapping adds, trees in order).</summary>
public sealed record QuantisedTrees(ImmutableArray<QuantisedTree> Trees, long Bias) : QuantisedFunction
{
    public int MaxDepth => Trees.IsEmpty ? 0 : Trees.Max(t => t.Depth);
}

/// <summary>Score = Bias + the sum over features of Weight * feature (Q47.16 multiply, features in order).</summary>
public sealed record QuantisedLinear(ImmutableArray<long> Weights, long Bias) : QuantisedFunction;

/// <summary>
/// A tree with integer thresholds: at internal node i go to Left[i] when feature SplitFeature[i]
/// (raw) &lt;= Threshold[i] (raw), else to Right[i]; a negative child c is leaf ~c. A tree without
/// internal nodes is its one leaf.
/// </summary>
public sealed record QuantisedTree(ImmutableArray<int> SplitFeature, ImmutableArray<long> Threshold, ImmutableArray<int> Left,
    ImmutableArray<int> Right, ImmutableArray<long> Leaves)
{
    /// <summary>The longest root-to-leaf path, in comparisons.</summary>
    public int Depth => SplitFeature.IsEmpty ? 0 : DepthOf(0);

    private int DepthOf(int node)
    {
        int Child(int c) => c < 0 ? 0 : DepthOf(c);
        return 1 + Math.Max(Child(Left[node]), Child(Right[node]));
    }
}

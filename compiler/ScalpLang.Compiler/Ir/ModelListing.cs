using System.Collections.Immutable;
using System.Globalization;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Compiler.Ir;

/// <summary>The IR printer's line for a compiled model, and the verifier's checks of its structure.</summary>
internal static class ModelListing
{
    public static string Describe(IrModelScore s)
    {
        var shape = s.Function switch
        {
            QuantisedTrees t => $"{t.Trees.Length} trees, depth {t.MaxDepth}, {t.Trees.Sum(x => x.Leaves.Length)} leaves, bias {new Fixed(t.Bias)}",
            QuantisedLinear l => $"linear [{string.Join(", ", l.Weights.Select(w => new Fixed(w).ToString()))}], bias {new Fixed(l.Bias)}",
            _ => "?",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"model_score {s.Name} {s.Trainer}({shape}) [{string.Join(", ", s.Features)}] logit {new Fixed(s.LogitScale)} * score + {new Fixed(s.LogitOffset)}, digest {s.Digest:x8}");
    }

    public static IEnumerable<string> Problems(IrModelScore s, ImmutableArray<IrNode> nodes)
    {
        var id = $"%{s.Id} model {s.Name}";
        if (s.Features.IsEmpty)
            yield return $"{id} has no features";
        foreach (var f in s.Features)
        {
            if (f.Id < nodes.Length && nodes[f.Id].Type.Kind != TypeKind.Number)
                yield return $"{id} reads {f}, which is not a number";
        }
        switch (s.Function)
        {
            case QuantisedLinear l when l.Weights.Length != s.Features.Length:
                yield return $"{id} has {l.Weights.Length} weights for {s.Features.Length} features";
                break;
            case QuantisedTrees trees:
                for (var t = 0; t < trees.Trees.Length; t++)
                {
                    if (TreeProblem(trees.Trees[t], s.Features.Length) is { } problem)
                        yield return $"{id} tree {t}: {problem}";
                }
                break;
        }
    }

    /// <summary>Null when the tree is well formed: every node and leaf reached exactly once from the root.</summary>
    private static string? TreeProblem(QuantisedTree tree, int features)
    {
        var n = tree.SplitFeature.Length;
        if (tree.Threshold.Length != n || tree.Left.Length != n || tree.Right.Length != n)
            return "arrays of different lengths";
        if (tree.Leaves.Length != Math.Max(n + 1, 1))
            return $"{tree.Leaves.Length} leaves for {n} internal nodes";
        if (tree.SplitFeature.Any(f => f < 0 || f >= features))
            return "a split reads a feature the model does not have";
        if (n == 0)
            return null;
        var seenNodes = new bool[n];
        var seenLeaves = new bool[n + 1];
        var pending = new Stack<int>([0]);
        seenNodes[0] = true;
        while (pending.TryPop(out var node))
        {
            foreach (var child in (int[])[tree.Left[node], tree.Right[node]])
            {
                if (child >= 0)
                {
                    if (child >= n || seenNodes[child])
                        return $"node {node} has a bad or shared child {child}";
                    seenNodes[child] = true;
                    pending.Push(child);
                }
                else
                {
                    if (~child > n || seenLeaves[~child])
                        return $"node {node} has a bad or shared leaf {~child}";
                    seenLeaves[~child] = true;
                }
            }
        }
        return seenNodes.All(x => x) && seenLeaves.All(x => x) ? null : "unreachable nodes or leaves";
    }
}

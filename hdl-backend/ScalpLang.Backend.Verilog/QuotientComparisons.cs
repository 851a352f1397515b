using System.Collections.Immutable;
using System.Numerics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// Divisions whose every reader compares the quotient with a build-time value (constants and
/// params, e.g. <c>imbalance(levels: 5) &gt; threshold</c>): the comparison is decided without
/// dividing, exactly. With q = trunc(N / D), N = a·2^16, D &gt; 0 and an integer m:
/// q &gt;= m  ⇔  N &gt;= m·D when m &gt; 0, and N &gt; (m - 1)·D when m &lt;= 0
/// (q &gt; T is q &gt;= T + 1; D = 0 gives q = 0, compared directly). The products are by a
/// build-time value, so synthesis folds them into shifts and adds; the divider, combinational
/// and the costliest operator in LUTs and delay, is not built (it stays in simulation only, for
/// the testbench's named-value dump). Proof and property test: hdl-backend/README.md,
/// "Comparisons of a quotient".
/// </summary>
internal static class QuotientComparisons
{
    /// <param name="Quotient">the division node.</param>
    /// <param name="Bound">the build-time value it is compared with.</param>
    /// <param name="Op">the comparison with the quotient on the left (q Op bound).</param>
    public sealed record Reduced(int Quotient, int Bound, IrOp Op);

    /// <summary>
    /// The comparisons to write without a divider, by comparison node, for divisions whose quotient
    /// is exact (its range fits 64 bits, so the IL does not wrap it), whose divisor is never
    /// negative, and that nothing else reads (no decision's price or quantity, no window, no other operator).
    /// </summary>
    public static ImmutableDictionary<int, Reduced> Find(IrProgram program, IReadOnlyList<bool> used, RangeAnalysis.Result ranges)
    {
        var buildTime = BuildTime(program);
        var readers = Readers(program, used);
        var result = ImmutableDictionary.CreateBuilder<int, Reduced>();
        foreach (var node in program.Nodes.OfType<IrOperation>())
        {
            if (!used[node.Id] || node.Op != IrOp.Divide || ranges.Ranges[node.Id].Wraps || ranges.Ranges[node.Args[1].Id].Lo < 0)
                continue;
            if (!readers.TryGetValue(node.Id, out var list) || list.Count == 0)
                continue;
            var reduced = list.Select(r => Reduce(program, r, node.Id, buildTime)).ToList();
            if (reduced.Any(r => r is null))
                continue;
            foreach (var (reader, r) in list.Zip(reduced))
                result[reader] = r!;
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// Window ratios (aggressor_ratio, cancel_rate: WindowRatioComparison; drawdown: DrawdownComparison) that every reader
    /// compares with a build-time value, by comparison node (Quotient is the window's node): their
    /// divider is built for simulation only, and the comparisons read the window's totals.
    /// </summary>
    public static ImmutableDictionary<int, Reduced> FindWindowRatios(IrProgram program, IReadOnlyList<bool> used)
    {
        var buildTime = BuildTime(program);
        var readers = Readers(program, used);
        var result = ImmutableDictionary.CreateBuilder<int, Reduced>();
        foreach (var w in program.Nodes.OfType<IrWindow>())
        {
            if (!used[w.Id] || !(WindowRatioComparison.IsRatioOfLots(w.Kind) || w.Kind == IrWindowKind.Drawdown) || !readers.TryGetValue(w.Id, out var list) || list.Count == 0)
                continue;
            var reduced = list.Select(r => Reduce(program, r, w.Id, buildTime)).ToList();
            if (reduced.Any(r => r is null))
                continue;
            foreach (var (reader, r) in list.Zip(reduced))
                result[reader] = r!;
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// Writes <c>{name}_ge</c> (q &gt;= t) and/or <c>{name}_gt</c> (q &gt;= t + 1) from the declared
    /// <c>{name}_n</c>, <c>{name}_d</c> (&gt; 0 where it is read) and <c>{name}_t</c> of
    /// <paramref name="w"/> bits, and returns q <paramref name="op"/> t in terms of them.
    /// </summary>
    public static string WriteDecision(Action<string> line, string name, int w, IrOp op)
    {
        var one = VerilogText.Literal(1, w);
        var zero = VerilogText.Literal(0, w);
        // q >= m is n >= m·d for m > 0, n > (m - 1)·d for m <= 0.
        string AtLeast(string m, string mMinusOne) =>
            $"({m} > {zero}) ? ({name}_n >= {m} * {name}_d) : ({name}_n > {mMinusOne} * {name}_d)";
        if (op is IrOp.GreaterOrEqual or IrOp.Less or IrOp.Equal or IrOp.NotEqual)
            line($"wire {name}_ge = {AtLeast($"{name}_t", $"({name}_t - {one})")};");
        if (op is IrOp.Greater or IrOp.LessOrEqual or IrOp.Equal or IrOp.NotEqual)
        {
            line($"wire signed {VerilogText.Range(w)}{name}_t1 = {name}_t + {one};");
            line($"wire {name}_gt = {AtLeast($"{name}_t1", $"{name}_t")};");
        }
        return FromAtLeastAndAbove(op, $"{name}_ge", $"{name}_gt");
    }

    /// <summary>
    /// q <paramref name="op"/> t for a bound t known when writing: writes <c>{name}_ge</c> (q &gt;= t)
    /// and/or <c>{name}_gt</c> (q &gt;= t + 1), each n against a product of d by a constant
    /// (ConstantProduct) at the width the two need, and returns the comparison in terms of them.
    /// n and d are signed wires of <paramref name="nWidth"/> and <paramref name="dWidth"/> bits, d in
    /// [<paramref name="dLo"/>, <paramref name="dHi"/>] and &gt; 0 where the result is read.
    /// </summary>
    public static string WriteDecision(Action<string> line, string name, string n, int nWidth, string d, int dWidth, BigInteger dLo, BigInteger dHi, BigInteger t, IrOp op)
    {
        string AtLeast(string suffix, BigInteger m)
        {
            // q >= m is n >= m·d for m > 0, n > (m - 1)·d for m <= 0.
            var product = ConstantProduct.Write(line, $"{name}_{suffix}_product", d, dWidth, dLo, dHi, m > 0 ? m : m - 1);
            var w = Math.Max(nWidth, product.Width);
            line($"wire {name}_{suffix} = {VerilogText.Signed(n, nWidth, w)} {(m > 0 ? ">=" : ">")} {VerilogText.Signed(product.Signal, product.Width, w)};");
            return $"{name}_{suffix}";
        }
        if (op is IrOp.GreaterOrEqual or IrOp.Less or IrOp.Equal or IrOp.NotEqual)
            AtLeast("ge", t);
        if (op is IrOp.Greater or IrOp.LessOrEqual or IrOp.Equal or IrOp.NotEqual)
            AtLeast("gt", t + 1);
        return FromAtLeastAndAbove(op, $"{name}_ge", $"{name}_gt");
    }

    /// <summary>a <paramref name="op"/> b for values known when writing, as a Verilog bit.</summary>
    public static string Holds(BigInteger a, IrOp op, BigInteger b) => op switch
    {
        IrOp.Less => a < b,
        IrOp.LessOrEqual => a <= b,
        IrOp.Greater => a > b,
        IrOp.GreaterOrEqual => a >= b,
        IrOp.Equal => a == b,
        IrOp.NotEqual => a != b,
        _ => throw new System.Diagnostics.UnreachableException($"{op} is not a comparison"),
    } ? "1'b1" : "1'b0";

    /// <summary>Any comparison of q with a value, from the two tests q >= t (<paramref name="ge"/>) and q > t (<paramref name="gt"/>).</summary>
    internal static string FromAtLeastAndAbove(IrOp op, string ge, string gt) => op switch
    {
        IrOp.Greater => gt,
        IrOp.GreaterOrEqual => ge,
        IrOp.Less => $"!{ge}",
        IrOp.LessOrEqual => $"!{gt}",
        IrOp.Equal => $"{ge} && !{gt}",
        _ => $"!({ge} && !{gt})",
    };

    /// <summary>The Verilog operator of a comparison.</summary>
    public static string Operator(IrOp op) => op switch
    {
        IrOp.Less => "<",
        IrOp.LessOrEqual => "<=",
        IrOp.Greater => ">",
        IrOp.GreaterOrEqual => ">=",
        IrOp.Equal => "==",
        IrOp.NotEqual => "!=",
        _ => throw new System.Diagnostics.UnreachableException($"{op} is not a comparison"),
    };

    /// <summary>The divisions <see cref="Find"/> removed from synthesis.</summary>
    public static ImmutableHashSet<int> Quotients(ImmutableDictionary<int, Reduced> reduced) =>
        [.. reduced.Values.Select(r => r.Quotient)];

    private static Reduced? Reduce(IrProgram program, int reader, int quotient, bool[] buildTime)
    {
        if (reader < 0 || program.Nodes[reader] is not IrOperation { Op: IrOp.Less or IrOp.LessOrEqual or IrOp.Greater or IrOp.GreaterOrEqual or IrOp.Equal or IrOp.NotEqual } c)
            return null;
        var (left, right) = (c.Args[0].Id, c.Args[1].Id);
        if (left == quotient && right != quotient && buildTime[right])
            return new Reduced(quotient, right, c.Op);
        if (right == quotient && left != quotient && buildTime[left])
            return new Reduced(quotient, left, Mirror(c.Op));
        return null;
    }

    /// <summary>b op a as a op' b.</summary>
    private static IrOp Mirror(IrOp op) => op switch
    {
        IrOp.Less => IrOp.Greater,
        IrOp.LessOrEqual => IrOp.GreaterOrEqual,
        IrOp.Greater => IrOp.Less,
        IrOp.GreaterOrEqual => IrOp.LessOrEqual,
        _ => op,
    };

    /// <summary>Values fixed at elaboration: constants, params and arithmetic over them only.</summary>
    public static bool[] BuildTime(IrProgram program)
    {
        var fixedAtBuild = new bool[program.Nodes.Length];
        foreach (var node in program.Nodes)
        {
            fixedAtBuild[node.Id] = node.Type.Kind != TypeKind.Bool && node switch
            {
                IrConst or IrParam => true,
                IrOperation { Op: IrOp.Add or IrOp.Subtract or IrOp.Negate or IrOp.Multiply or IrOp.Divide } o => o.Args.All(a => fixedAtBuild[a.Id]),
                _ => false,
            };
        }
        return fixedAtBuild;
    }

    /// <summary>Each used node's readers; a decision's action values count as a reader no comparison can replace (-1).</summary>
    private static Dictionary<int, List<int>> Readers(IrProgram program, IReadOnlyList<bool> used)
    {
        var readers = new Dictionary<int, List<int>>();
        void Add(int node, int reader)
        {
            if (!readers.TryGetValue(node, out var list))
                readers[node] = list = [];
            list.Add(reader);
        }
        foreach (var node in program.Nodes.Where(n => used[n.Id]))
        {
            var operands = node is IrWindow w ? (w.Operand is { } o ? [o] : []) : node.Operands;
            foreach (var operand in operands)
                Add(operand.Id, node.Id);
        }
        foreach (var d in program.Decisions)
        {
            IrValue?[] values = d.Action switch
            {
                IrTrade t => [t.Quantity, t.LimitPrice, t.Slicer?.Over, t.Slicer?.Slices, t.Slicer?.Show],
                IrFlatten f => [f.StandAside],
                _ => [],
            };
            foreach (var v in values.OfType<IrValue>())
                Add(v.Id, -1);
            Add(d.Condition.Id, -1);
        }
        return readers;
    }
}

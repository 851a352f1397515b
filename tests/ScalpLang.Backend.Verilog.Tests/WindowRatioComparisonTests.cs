using System.Globalization;
using System.Text;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// A window ratio compared with a build-time value is decided from the window's totals without a
/// divider (WindowRatioComparison): the six comparisons of the emitted logic, simulated in
/// iverilog, against the IL's Q.Div and comparison, on whole-lot totals of both signs (what
/// aggressor_ratio and cancel_rate add), zero divisors, the 64-bit extremes, the one quotient past
/// 64 bits, and bounds at the exact quotient and one raw step either side.
/// </summary>
public sealed class WindowRatioComparisonTests
{
    private static readonly IrOp[] Ops = [IrOp.Greater, IrOp.GreaterOrEqual, IrOp.Less, IrOp.LessOrEqual, IrOp.Equal, IrOp.NotEqual];

    [Fact]
    [Trait("Category", "Simulator")]
    public void Comparisons_from_the_totals_agree_with_q_div()
    {
        var vectors = Vectors(seed: 5);
        var outcome = Simulate(Module(), vectors);
        for (var i = 0; i < vectors.Count; i++)
            Assert.True(Expected(vectors[i]) == outcome[i], Describe(vectors[i], outcome[i]));
        // Every comparison decides both ways over the vectors, so none is stuck.
        for (var c = 0; c < Ops.Length; c++)
        {
            Assert.Contains(outcome, o => o[c] == '1');
            Assert.Contains(outcome, o => o[c] == '0');
        }
        Assert.Contains(vectors, v => v.A == long.MinValue && v.B == -65536);
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void A_sabotaged_comparison_is_caught()
    {
        var vectors = Vectors(seed: 6);
        // n > (m - 1)·d for m <= 0 turned into >=: off by one at the boundary.
        var offByOne = Module().Replace("_n > (", "_n >= (", StringComparison.Ordinal);
        Assert.NotEqual(Module(), offByOne);
        var outcome = Simulate(offByOne, vectors);
        Assert.Contains(Enumerable.Range(0, vectors.Count), i => Expected(vectors[i]) != outcome[i]);
        // Without the case of the one wrapping quotient.
        var noWrap = Module().Replace("_wraps ? (", "_wraps && 1'b0 ? (", StringComparison.Ordinal);
        Assert.NotEqual(Module(), noWrap);
        outcome = Simulate(noWrap, vectors);
        Assert.Contains(Enumerable.Range(0, vectors.Count), i => Expected(vectors[i]) != outcome[i]);
    }

    private readonly record struct Vector(long A, long B, long T);

    private static string Expected(Vector v)
    {
        var q = Q.Div(v.A, v.B);
        bool[] bits = [q > v.T, q >= v.T, q < v.T, q <= v.T, q == v.T, q != v.T];
        return string.Concat(bits.Select(b => b ? '1' : '0'));
    }

    private static string Describe(Vector v, string got) =>
        $"a={v.A} b={v.B} t={v.T}: Q.Div={Q.Div(v.A, v.B)}, expected {Expected(v)} (> >= < <= == !=), Verilog {got}";

    /// <summary>The emitted logic for each comparison, over input ports (in a strategy t is fixed at build time).</summary>
    private static string Module()
    {
        var v = new StringBuilder("`default_nettype none\nmodule ratio_cmp(input wire signed [63:0] a, input wire signed [63:0] b, input wire signed [63:0] t, output wire [5:0] r);\n");
        v.Append("/* verilator lint_off UNUSEDSIGNAL */\n");
        for (var c = 0; c < Ops.Length; c++)
            WindowRatioComparison.Write(line => v.Append("    ").Append(line).Append('\n'), $"c{c}", "a", "b", "t", 64, Ops[c]);
        v.Append("/* verilator lint_on UNUSEDSIGNAL */\n");
        v.Append("    assign r = {c0, c1, c2, c3, c4, c5};\nendmodule\n");
        v.Append(Tools.ThreeOperandTestbench("ratio_tb", "reg signed [63:0] a, b, t;\n    wire [5:0] r;",
            "ratio_cmp dut(.a(a), .b(b), .t(t), .r(r));", ("a", "b", "t"), "\"%b\\n\", r"));
        return v.ToString();
    }

    private static List<string> Simulate(string verilog, List<Vector> vectors) =>
        Tools.SimulateVectors("ratio", verilog, "ratio_tb",
            [.. vectors.Select(x => string.Create(CultureInfo.InvariantCulture, $"{(ulong)x.A:x16} {(ulong)x.B:x16} {(ulong)x.T:x16}"))],
            group: i => Tools.Signs(vectors[i].A, vectors[i].B, vectors[i].T));

    /// <summary>Whole-lot totals (multiples of 2^16) of both signs and the extremes; bounds around each quotient.</summary>
    private static List<Vector> Vectors(int seed)
    {
        var random = new Random(seed);
        const long Lot = 65536;
        long[] edges = [0, Lot, -Lot, 2 * Lot, -2 * Lot, 3 * Lot, long.MinValue, long.MaxValue & ~(Lot - 1), -(long.MaxValue & ~(Lot - 1)), 1L << 47, -(1L << 47), 1L << 62, -(1L << 62)];
        long Total() => random.Next(4) switch
        {
            0 => edges[random.Next(edges.Length)],
            1 => random.NextInt64(-1000, 1001) * Lot,
            2 => random.NextInt64(-(1L << 31), 1L << 31) * Lot,
            _ => random.NextInt64(long.MinValue, long.MaxValue) & ~(Lot - 1),
        };
        var list = new List<Vector> { new(long.MinValue, -Lot, long.MinValue), new(long.MinValue, -Lot, long.MaxValue), new(long.MinValue, -Lot, 0) };
        for (var i = 0; i < 1500; i++)
        {
            var a = Total();
            var b = random.Next(5) == 0 ? 0 : Total();
            var q = Q.Div(a, b);
            long[] bounds = [q, unchecked(q - 1), unchecked(q + 1), random.NextInt64(-200_000, 200_000), long.MinValue, long.MaxValue, 39322, 52429];
            list.Add(new Vector(a, b, bounds[random.Next(bounds.Length)]));
        }
        return list;
    }
}

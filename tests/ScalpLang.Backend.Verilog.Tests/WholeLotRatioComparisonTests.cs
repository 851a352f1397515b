using System.Globalization;
using System.Text;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// A window ratio compared with a build-time value, from totals kept in whole lots (48 bits, the
/// 16 zero bits of every amount dropped: SumAmount): WindowRatioComparison with zeroBits 16, the
/// bound a signal and each of several constants, simulated in iverilog against the IL's Q.Div of
/// the 64-bit totals {A, 16'h0000}. The vectors sit on the edges the narrowing moves: totals at and
/// near ±2^47 lots (the 48-bit extremes), the one quotient past 64 bits (-2^47 / -1 lots, i.e.
/// -2^63 / -2^16), its neighbours that do not wrap, zero divisors, and bounds at the exact quotient
/// and one raw step either side.
/// </summary>
public sealed class WholeLotRatioComparisonTests
{
    private const int LotBits = 48;
    private static readonly IrOp[] Ops = [IrOp.Greater, IrOp.GreaterOrEqual, IrOp.Less, IrOp.LessOrEqual, IrOp.Equal, IrOp.NotEqual];
    private static readonly long[] Constants = [0, 1, -1, 39322, 52429, long.MinValue, long.MaxValue, (1L << 47) - 1];

    [Fact]
    [Trait("Category", "Simulator")]
    public void Comparisons_of_whole_lot_totals_agree_with_q_div()
    {
        var vectors = Vectors(seed: 41);
        var outcome = Simulate(Module(), vectors);
        for (var i = 0; i < vectors.Count; i++)
            Assert.True(Expected(vectors[i]) == outcome[i], Describe(vectors[i], outcome[i]));
        // Every comparison with a bound that is not a 64-bit extreme decides both ways: none is stuck.
        var bounds = BoundsInOrder();
        for (var c = 0; c < outcome[0].Length; c++)
        {
            if (bounds[c / Ops.Length] is long.MinValue or long.MaxValue)
                continue;
            Assert.Contains(outcome, o => o[c] == '1');
            Assert.Contains(outcome, o => o[c] == '0');
        }
        // The wrap is reached, and Q.Div really wraps there (2^63 kept as -2^63).
        Assert.Contains(vectors, v => v.A == -(1L << 47) && v.B == -1);
        Assert.Equal(long.MinValue, Q.Div(-(1L << 47) << 16, -1L << 16));
    }

    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData("_wraps ? ", "_wraps && 1'b0 ? ", "the wrapping quotient not decided on its own")]
    [InlineData("48'shffffffffffff)", "48'shffffffff0000)", "the wrap's divisor left at the 64-bit -2^16")]
    [InlineData("_negative = b[47];", "_negative = b[46];", "the divisor's sign read one bit low")]
    [InlineData("_s_zero = ", "_s_zero = 1'b0 && ", "N - f·B = 0 never seen")]
    [InlineData("_n > (", "_n >= (", "n > (m - 1)·d turned into >=")]
    public void A_sabotaged_comparison_is_caught(string from, string to, string what)
    {
        var vectors = Vectors(seed: 42);
        var module = Module();
        var broken = module.Replace(from, to, StringComparison.Ordinal);
        Assert.True(module != broken, $"{what}: the pattern is not in the module");
        var outcome = Simulate(broken, vectors);
        Assert.True(Enumerable.Range(0, vectors.Count).Any(i => Expected(vectors[i]) != outcome[i]), $"{what}: not caught");
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void Products_derived_from_one_another_are_exact_and_a_wrong_sign_is_caught()
    {
        // The constants' products of b are written one from another where that takes fewer adders.
        var module = Module();
        Assert.Contains("fewer adders than on its own (ConstantProducts)", module, StringComparison.Ordinal);
        var vectors = Vectors(seed: 43);
        var broken = Simulate(Module(ConstantProducts.Fault.WrongCombination), vectors);
        Assert.True(Enumerable.Range(0, vectors.Count).Any(i => Expected(vectors[i]) != broken[i]), "a derived product's sign flipped: not caught");
    }

    private readonly record struct Vector(long A, long B, long T);

    /// <summary>The bound signal's t, then the constants, each with the six comparisons.</summary>
    private static long[] Bounds(Vector v) => [v.T, .. Constants];

    private static long[] BoundsInOrder() => [0, .. Constants];

    /// <summary>The IL: Q.Div of the 64-bit Q47.16 totals, {A, 16'h0000}.</summary>
    private static long Quotient(Vector v) => Q.Div(v.A << 16, v.B << 16);

    private static string Expected(Vector v)
    {
        var q = Quotient(v);
        return string.Concat(Bounds(v).SelectMany(t => new[] { q > t, q >= t, q < t, q <= t, q == t, q != t }).Select(b => b ? '1' : '0'));
    }

    private static string Describe(Vector v, string got) =>
        $"A={v.A} B={v.B} lots, t={v.T}: Q.Div={Quotient(v)}, expected {Expected(v)}, Verilog {got}";

    /// <summary>The emitted logic over 48-bit lot totals a, b: the six comparisons with a signal t, then with each constant.</summary>
    private static string Module(ConstantProducts.Fault fault = ConstantProducts.Fault.None)
    {
        var width = (1 + Constants.Length) * Ops.Length;
        var v = new StringBuilder($"`default_nettype none\nmodule lot_cmp(input wire signed [{LotBits - 1}:0] a, input wire signed [{LotBits - 1}:0] b, input wire signed [63:0] t, output wire [{width - 1}:0] r);\n");
        v.Append("/* verilator lint_off UNUSEDSIGNAL */\n");
        void Line(string line) => v.Append("    ").Append(line).Append('\n');
        var names = new List<string>();
        for (var c = 0; c < Ops.Length; c++)
        {
            WindowRatioComparison.Write(Line, $"s{c}", "a", "b", "t", 64, Ops[c], zeroBits: 16);
            names.Add($"s{c}");
        }
        // One set of products for every constant comparison, as a module shares them (ConstantProducts).
        var products = new ConstantProducts(Line) { Sabotage = fault };
        for (var k = 0; k < Constants.Length; k++)
        {
            for (var c = 0; c < Ops.Length; c++)
            {
                WindowRatioComparison.Write(Line, $"k{k}_{c}", "a", "b", "unused", 64, Ops[c], Constants[k], zeroBits: 16, products: products);
                names.Add($"k{k}_{c}");
            }
        }
        v.Append("/* verilator lint_on UNUSEDSIGNAL */\n");
        v.Append(CultureInfo.InvariantCulture, $"    assign r = {{{string.Join(", ", names)}}};\nendmodule\n");
        v.Append(Tools.ThreeOperandTestbench("lot_tb",
            $"reg signed [{LotBits - 1}:0] a, b;\n    reg signed [63:0] t;\n    wire [{width - 1}:0] r;",
            "lot_cmp dut(.a(a), .b(b), .t(t), .r(r));", ("a", "b", "t"), "\"%b\\n\", r"));
        return v.ToString();
    }

    private static List<string> Simulate(string verilog, List<Vector> vectors) =>
        Tools.SimulateVectors("lot-ratio", verilog, "lot_tb",
            [.. vectors.Select(x => string.Create(CultureInfo.InvariantCulture, $"{(ulong)x.A & 0xFFFF_FFFF_FFFF:x12} {(ulong)x.B & 0xFFFF_FFFF_FFFF:x12} {(ulong)x.T:x16}"))],
            group: i => Tools.Signs(vectors[i].A, vectors[i].B, vectors[i].T));

    /// <summary>Lot totals at the 48-bit edges, small and random ones, zero divisors; bounds around each quotient.</summary>
    private static List<Vector> Vectors(int seed)
    {
        var random = new Random(seed);
        const long Max = (1L << 47) - 1, Min = -(1L << 47);
        long[] edges = [0, 1, -1, 2, -2, 3, Max, Min, Max - 1, Min + 1, 1L << 46, -(1L << 46), 1L << 31, -(1L << 31)];
        long Total() => random.Next(4) switch
        {
            0 => edges[random.Next(edges.Length)],
            1 => random.NextInt64(-1000, 1001),
            2 => random.NextInt64(-(1L << 31), 1L << 31),
            _ => random.NextInt64(Min, Max + 1),
        };
        // The wrap, its neighbours (B = +1, A = -2^47 + 1, B = -2) and the zero divisor, at bounds that tell them apart.
        var list = new List<Vector>();
        foreach (var (a, b) in new[] { (Min, -1L), (Min, 1L), (Min + 1, -1L), (Min, -2L), (Max, -1L), (Max, 1L), (Min, 0L), (0L, 0L), (Max, Max), (Min, Min), (Min, Max) })
        {
            var q = Q.Div(a << 16, b << 16);
            foreach (var t in new[] { q, unchecked(q - 1), unchecked(q + 1), 0, long.MinValue, long.MaxValue })
                list.Add(new Vector(a, b, t));
        }
        // Quotients at each constant bound and one raw step either side: B = 2^16 lots makes q = A.
        foreach (var t in Constants.Where(t => t >= Min && t <= Max))
        {
            foreach (var a in new[] { t - 1, t, t + 1 }.Where(a => a >= Min && a <= Max))
            {
                list.Add(new Vector(a, 1L << 16, t));
                if (-a <= Max)
                    list.Add(new Vector(-a, -(1L << 16), t));
            }
        }
        for (var i = 0; i < 1500; i++)
        {
            var a = Total();
            var b = random.Next(6) == 0 ? 0 : Total();
            var q = Q.Div(a << 16, b << 16);
            long[] bounds = [q, unchecked(q - 1), unchecked(q + 1), random.NextInt64(-200_000, 200_000), long.MinValue, long.MaxValue, 39322, 52429];
            list.Add(new Vector(a, b, bounds[random.Next(bounds.Length)]));
        }
        return list;
    }
}

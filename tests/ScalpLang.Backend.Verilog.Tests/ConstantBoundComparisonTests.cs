using System.Globalization;
using System.Text;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Window ratios and drawdown compared with a constant known when the Verilog is written: the
/// products are shifts and adds of the operands at their own widths (ConstantProduct) and the
/// selects on the bound are decided at emit time. The six comparisons for each of several constants
/// (0, ±1 raw, 0.4, 0.6, 0.8, 0.5%, -1.5, 2^47 - 1 raw, the 64-bit extremes), simulated in iverilog,
/// against the IL's values: whole-lot totals with quotients at each bound and one raw step either
/// side, zero divisors and the one wrapping quotient; peaks &lt;= 0, in-range drawdowns at each bound
/// and wrapped ones (a peak below 2^16 with a large fall of either sign).
/// </summary>
public sealed class ConstantBoundComparisonTests
{
    private static readonly IrOp[] Ops = [IrOp.Greater, IrOp.GreaterOrEqual, IrOp.Less, IrOp.LessOrEqual, IrOp.Equal, IrOp.NotEqual];

    private static readonly long[] Bounds = [0, 1, -1, 26214, 39322, 52429, 328, -98304, (1L << 47) - 1, long.MinValue, long.MaxValue];

    [Fact]
    [Trait("Category", "Simulator")]
    public void Window_ratios_compared_with_constants_agree_with_q_div()
    {
        var vectors = RatioVectors(seed: 31);
        var outcome = Simulate(Module(ratio: true), vectors);
        Check(vectors, outcome, v => Q.Div(v.X, v.Y));
        Assert.Contains(vectors, v => v.X == long.MinValue && v.Y == -65536);
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void Drawdowns_compared_with_constants_agree_with_the_window_value()
    {
        var vectors = DrawdownVectors(seed: 32);
        var outcome = Simulate(Module(ratio: false), vectors);
        Check(vectors, outcome, Drawdown);
        // Wrapped values of both signs occur: the quotient leaves 64 bits.
        Assert.Contains(vectors, v => v.Y is > 0 and < 65536 && Math.Abs((double)v.X * 65536 / v.Y) >= 9.3e18 && Drawdown(v) < 0);
        Assert.Contains(vectors, v => v.Y is > 0 and < 65536 && Math.Abs((double)v.X * 65536 / v.Y) >= 9.3e18 && Drawdown(v) > 0);
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void A_product_one_digit_short_is_caught()
    {
        // The lowest digit of every constant product dropped (2^0 or its first shift): the bound moves.
        var vectors = RatioVectors(seed: 33);
        var module = Module(ratio: true);
        var broken = System.Text.RegularExpressions.Regex.Replace(module, @"(wire signed \[\d+:0\] \w+_csd0) = -?", "$1 = 0 & ");
        Assert.NotEqual(module, broken);
        var outcome = Simulate(broken, vectors);
        Assert.Contains(Enumerable.Range(0, vectors.Count), i => Expected(vectors[i], v => Q.Div(v.X, v.Y)) != outcome[i]);
    }

    private readonly record struct Vector(long X, long Y);

    private static long Drawdown(Vector v) => v.Y <= 0 ? 0 : Q.Div(v.X, v.Y);

    private static string Expected(Vector v, Func<Vector, long> value)
    {
        var q = value(v);
        return string.Concat(Bounds.SelectMany(t => new[] { q > t, q >= t, q < t, q <= t, q == t, q != t }).Select(b => b ? '1' : '0'));
    }

    private static void Check(List<Vector> vectors, List<string> outcome, Func<Vector, long> value)
    {
        for (var i = 0; i < vectors.Count; i++)
            Assert.True(Expected(vectors[i], value) == outcome[i], $"x={vectors[i].X} y={vectors[i].Y}: value {value(vectors[i])}, expected {Expected(vectors[i], value)}, Verilog {outcome[i]}");
        // Every comparison with every bound but the 64-bit extremes (where some hold for every value) decides both ways.
        for (var c = 0; c < outcome[0].Length; c++)
        {
            if (Bounds[c / Ops.Length] is long.MinValue or long.MaxValue)
                continue;
            Assert.Contains(outcome, o => o[c] == '1');
            Assert.Contains(outcome, o => o[c] == '0');
        }
    }

    /// <summary>The emitted logic for each constant bound and comparison, over x (a or fall) and y (b or peak).</summary>
    private static string Module(bool ratio)
    {
        var v = new StringBuilder("`default_nettype none\nmodule bound_cmp(input wire signed [63:0] x, input wire signed [63:0] y, output wire [" + (Bounds.Length * Ops.Length - 1) + ":0] r);\n");
        v.Append("/* verilator lint_off UNUSEDSIGNAL */\n");
        var names = new List<string>();
        for (var b = 0; b < Bounds.Length; b++)
        {
            for (var c = 0; c < Ops.Length; c++)
            {
                var name = $"c{b}_{c}";
                Action<string> line = l => v.Append("    ").Append(l).Append('\n');
                if (ratio)
                    WindowRatioComparison.Write(line, name, "x", "y", "unused", 64, Ops[c], Bounds[b]);
                else
                    DrawdownComparison.Write(line, name, "y", "x", "unused", 64, Ops[c], Bounds[b]);
                names.Add(name);
            }
        }
        v.Append("/* verilator lint_on UNUSEDSIGNAL */\n");
        v.Append(CultureInfo.InvariantCulture, $"    assign r = {{{string.Join(", ", names)}}};\nendmodule\n");
        v.Append("""
            module bound_tb;
                reg signed [63:0] x, y;
                wire [65:0] r;
                integer fin, fout, n;
                bound_cmp dut(.x(x), .y(y), .r(r));
                initial begin
                    fin = $fopen("vectors.txt", "r");
                    fout = $fopen("out.txt", "w");
                    n = $fscanf(fin, "%h %h\n", x, y);
                    while (n == 2) begin
                        #1 $fwrite(fout, "%b\n", r);
                        n = $fscanf(fin, "%h %h\n", x, y);
                    end
                    $fclose(fout);
                    $finish;
                end
            endmodule

            """.Replace("[65:0]", $"[{Bounds.Length * Ops.Length - 1}:0]", StringComparison.Ordinal));
        return v.ToString();
    }

    private static List<string> Simulate(string verilog, List<Vector> vectors) =>
        Tools.SimulateVectors("bounds", verilog, "bound_tb",
            [.. vectors.Select(x => string.Create(CultureInfo.InvariantCulture, $"{(ulong)x.X:x16} {(ulong)x.Y:x16}"))],
            group: i => Tools.Signs(vectors[i].X, vectors[i].Y));

    /// <summary>Whole-lot totals: quotients at each bound and one raw step either side (b = 2^32 makes q = a / 2^16), zero divisors, extremes, random.</summary>
    private static List<Vector> RatioVectors(int seed)
    {
        var random = new Random(seed);
        const long Lot = 65536;
        var list = new List<Vector> { new(long.MinValue, -Lot), new(long.MinValue, Lot), new(long.MaxValue & ~(Lot - 1), Lot), new(0, 0), new(5 * Lot, 0) };
        foreach (var t in Bounds.Where(t => Math.Abs((double)t) < 1L << 47))
        {
            foreach (var q in new[] { t - 1, t, t + 1 })
            {
                list.Add(new Vector(q * Lot, 1L << 32));
                list.Add(new Vector(-q * Lot, -(1L << 32)));
            }
        }
        long Total() => random.Next(3) switch
        {
            0 => random.NextInt64(-1000, 1001) * Lot,
            1 => random.NextInt64(-(1L << 31), 1L << 31) * Lot,
            _ => random.NextInt64(long.MinValue, long.MaxValue) & ~(Lot - 1),
        };
        for (var i = 0; i < 600; i++)
            list.Add(new Vector(Total(), random.Next(6) == 0 ? 0 : Total()));
        return list;
    }

    /// <summary>Drawdowns: peak 2^16 makes the value the fall itself (each bound and its neighbours); peaks &lt;= 0; small peaks with large falls (wrapped); random.</summary>
    private static List<Vector> DrawdownVectors(int seed)
    {
        var random = new Random(seed);
        var list = new List<Vector> { new(long.MinValue, 1), new(long.MaxValue, 1), new(long.MinValue, 65535), new(long.MaxValue, long.MaxValue), new(5, 0), new(5, long.MinValue) };
        foreach (var t in Bounds)
        {
            foreach (var q in new[] { unchecked(t - 1), t, unchecked(t + 1) })
                list.Add(new Vector(q, 65536));
        }
        for (var i = 0; i < 700; i++)
        {
            var peak = random.Next(4) switch
            {
                0 => random.NextInt64(1, 65536),
                1 => random.NextInt64(long.MinValue, 1),
                2 => random.NextInt64(65536, 1L << 40),
                _ => random.NextInt64(1, long.MaxValue),
            };
            var fall = random.Next(3) switch
            {
                0 => random.NextInt64(long.MinValue, long.MaxValue),
                1 => random.NextInt64(-(1L << 20), 1L << 20),
                _ => random.Next(2) == 0 ? long.MaxValue - random.Next(1 << 20) : long.MinValue + random.Next(1 << 20),
            };
            list.Add(new Vector(fall, peak));
        }
        return list;
    }
}

using System.Globalization;
using System.Text;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;
using ScalpLang.Runtime.Abi;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// drawdown compared with a build-time value is decided from the window's peak and fall without the
/// 81-bit divider (DrawdownComparison): the six comparisons of the emitted logic, simulated in
/// iverilog, against DrawdownWindow's value (0 when peak &lt;= 0, else Q.Div(fall, peak)) and the
/// IL's comparison. The vectors reach every case: peaks &lt;= 0, quotients in range, quotients past
/// 2^63 and below -2^63 (a peak below 2^16 with a large fall of either sign, where the low 64 bits
/// wrap), the 64-bit extremes, and bounds at the value, one raw step either side and around 2^63.
/// </summary>
public sealed class DrawdownComparisonTests(ITestOutputHelper output)
{
    private static readonly IrOp[] Ops = [IrOp.Greater, IrOp.GreaterOrEqual, IrOp.Less, IrOp.LessOrEqual, IrOp.Equal, IrOp.NotEqual];

    [Fact]
    [Trait("Category", "Simulator")]
    public void Comparisons_from_peak_and_fall_agree_with_the_drawdown_value()
    {
        var vectors = Vectors(seed: 11);
        var outcome = Simulate(Module(), vectors);
        for (var i = 0; i < vectors.Count; i++)
            Assert.True(Expected(vectors[i]) == outcome[i], Describe(vectors[i], outcome[i]));
        for (var c = 0; c < 2 * Ops.Length; c++)
        {
            Assert.Contains(outcome, o => o[c] == '1');
            Assert.Contains(outcome, o => o[c] == '0');
        }
        // The wrapped cases are exercised, with both signs of the wrapped value.
        Assert.Contains(vectors, v => Wraps(v) && Value(v) < 0 && v.Fall > 0);
        Assert.Contains(vectors, v => Wraps(v) && Value(v) > 0 && v.Fall > 0);
        Assert.Contains(vectors, v => Wraps(v) && v.Fall < 0);
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void Sabotaged_comparisons_are_caught()
    {
        var vectors = Vectors(seed: 12);
        (string Pattern, string Replacement, string What)[] sabotages =
        [
            (@"_n > \(", "_n >= (", "the in-range rule off by one"),
            (@"_above \? \(", "_above && 1'b0 ? (", "the positive wrap ignored: v taken as the exact q"),
            (@"_below \? \(", "_below && 1'b0 ? (", "the negative wrap ignored"),
            // The wrap tested at the in-range width: 2^63·peak overflows it when the bound is narrow.
            (@"(c\d+)_above = \1_small && \1_wide_n >= \(\1_p <<< 63\)", "$1_above = $1_n >= ($1_d <<< 63)", "the wrap tested at the in-range width"),
        ];
        var module = Module();
        foreach (var (pattern, replacement, what) in sabotages)
            AssertCaught(module, pattern, replacement, what, vectors);
        // The remainder's row compare made strict: a row that equals the divisor is not subtracted.
        var rows = module.Replace("_row15 >= {1'b0,", "_row15 > {1'b0,", StringComparison.Ordinal)
            .Replace("_row0 >= {1'b0,", "_row0 > {1'b0,", StringComparison.Ordinal);
        Assert.NotEqual(module, rows);
        var rowsOutcome = Simulate(rows, vectors);
        var rowsWrong = Enumerable.Range(0, vectors.Count).Count(i => Expected(vectors[i]) != rowsOutcome[i]);
        output.WriteLine($"strict remainder rows: {rowsWrong} of {vectors.Count} vectors differ");
        Assert.True(rowsWrong > 0, "strict remainder rows went unnoticed");
    }

    /// <summary>
    /// Folded over the interval (EvaluationFold), the 16 remainder rows run r a cycle from the held peak
    /// and fall: budgets 15 (R = 16: 2 rows, 8 steps), 8 (R = 9: 3 rows, 6 steps, two leading rows of
    /// 0) and 3 (all 16 in one step), each read at the fold's last cycle.
    /// </summary>
    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData(15, 2, 8)]
    [InlineData(8, 3, 6)]
    [InlineData(3, 16, 1)]
    public void Folded_remainder_rows_agree_with_the_drawdown_value(int budget, int perStep, int steps)
    {
        var plan = EvaluationFold.Plan(new EvaluationFold.Unit(EvaluationFold.DrawdownRemainderRows, 1), budget);
        Assert.Equal((perStep, steps), plan);
        var vectors = Vectors(seed: 13);
        var module = Module(plan, budget);
        Assert.Contains("_rem_step(", module, StringComparison.Ordinal);
        var outcome = Simulate(module, vectors);
        for (var i = 0; i < vectors.Count; i++)
            Assert.True(Expected(vectors[i]) == outcome[i], Describe(vectors[i], outcome[i]));
        Assert.Contains(vectors, v => Wraps(v) && v.Fall > 0);
        Assert.Contains(vectors, v => Wraps(v) && v.Fall < 0);
    }

    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData(@"(_rem_left <= 4'd)8;", "${1}7;", "one step short")]
    [InlineData(@"if \(row >= \{1'b0, div\}\)", "if (row > {1'b0, div})", "a row comparing > instead of >=")]
    [InlineData(@"(_rem_bits <= \{c\d+_rem_bits\[)13(:0\], )2'd0", "${1}14${2}1'd0", "the dividend's bits shifted one row a step")]
    public void A_broken_folded_remainder_is_caught(string pattern, string replacement, string what)
    {
        var module = Module(EvaluationFold.Plan(new EvaluationFold.Unit(EvaluationFold.DrawdownRemainderRows, 1), 15), 15);
        AssertCaught(module, pattern, replacement, what, Vectors(seed: 14));
    }

    /// <summary>The module broken by the pattern's replacement gives some vector another outcome than the IL's.</summary>
    private void AssertCaught(string module, string pattern, string replacement, string what, List<Vector> vectors)
    {
        var broken = System.Text.RegularExpressions.Regex.Replace(module, pattern, replacement);
        Assert.NotEqual(module, broken);
        var outcome = Simulate(broken, vectors);
        var wrong = Enumerable.Range(0, vectors.Count).Count(i => Expected(vectors[i]) != outcome[i]);
        output.WriteLine($"{what}: {wrong} of {vectors.Count} vectors differ");
        Assert.True(wrong > 0, $"{what} went unnoticed");
    }

    private readonly record struct Vector(long Peak, long Fall, long T);

    /// <summary>DrawdownWindow's value for this peak and fall.</summary>
    private static long Value(Vector v) => v.Peak <= 0 ? 0 : Q.Div(v.Fall, v.Peak);

    private static bool Wraps(Vector v)
    {
        if (v.Peak <= 0)
            return false;
        var exact = ((Int128)v.Fall << 16) / v.Peak;
        return exact > long.MaxValue || exact < long.MinValue;
    }

    private const int NarrowBits = 18;

    /// <summary>The six comparisons with t, then with t's low 18 bits read as signed (the narrow bound).</summary>
    private static string Expected(Vector v)
    {
        var q = Value(v);
        var narrow = (v.T << (64 - NarrowBits)) >> (64 - NarrowBits);
        bool[] bits = [q > v.T, q >= v.T, q < v.T, q <= v.T, q == v.T, q != v.T, q > narrow, q >= narrow, q < narrow, q <= narrow, q == narrow, q != narrow];
        return string.Concat(bits.Select(b => b ? '1' : '0'));
    }

    private static string Describe(Vector v, string got) =>
        $"peak={v.Peak} fall={v.Fall} t={v.T}: value={Value(v)} (wraps: {Wraps(v)}), expected {Expected(v)} (> >= < <= == != with t, then with t's low 18 bits), Verilog {got}";

    /// <summary>
    /// The emitted logic for each comparison, over input ports (in a strategy t is fixed at build time);
    /// folded, clocked: each vector is evaluated (eval_pending for a cycle) and read at the fold's last cycle.
    /// </summary>
    private static string Module((int PerStep, int Steps)? folded = null, int budget = 0)
    {
        var clocked = folded is null ? "" : "input wire clk, input wire rst, input wire eval_pending, ";
        var v = new StringBuilder($"`default_nettype none\nmodule drawdown_cmp({clocked}input wire signed [63:0] peak, input wire signed [63:0] fall, input wire signed [63:0] t, output wire [5:0] r, output wire [5:0] r_narrow);\n");
        v.Append("/* verilator lint_off UNUSEDSIGNAL */\n");
        for (var c = 0; c < Ops.Length; c++)
            DrawdownComparison.Write(line => v.Append("    ").Append(line).Append('\n'), $"c{c}", "peak", "fall", "t", 64, Ops[c], folded: folded);
        // A strategy's bound is as narrow as its range (0.5% is 10 bits): the same logic at an 18-bit bound.
        v.Append("    wire signed [17:0] t_narrow = t[17:0];\n");
        for (var c = 0; c < Ops.Length; c++)
            DrawdownComparison.Write(line => v.Append("    ").Append(line).Append('\n'), $"c{c + Ops.Length}", "peak", "fall", "t_narrow", NarrowBits, Ops[c], folded: folded);
        v.Append("/* verilator lint_on UNUSEDSIGNAL */\n");
        v.Append("    assign r = {c0, c1, c2, c3, c4, c5};\n    assign r_narrow = {c6, c7, c8, c9, c10, c11};\nendmodule\n");
        if (folded is null)
        {
            v.Append(Tools.ThreeOperandTestbench("drawdown_tb", "reg signed [63:0] peak, fall, t;\n    wire [5:0] r, r_narrow;",
                "drawdown_cmp dut(.peak(peak), .fall(fall), .t(t), .r(r), .r_narrow(r_narrow));", ("peak", "fall", "t"), "\"%b%b\\n\", r, r_narrow"));
            return v.ToString();
        }
        v.Append(CultureInfo.InvariantCulture, $$"""
            module drawdown_tb;
                reg clk = 1'b0, rst = 1'b1, ev = 1'b0;
                reg signed [63:0] peak, fall, t;
                wire [5:0] r, r_narrow;
                integer fin, fout, n;
                drawdown_cmp dut(.clk(clk), .rst(rst), .eval_pending(ev), .peak(peak), .fall(fall), .t(t), .r(r), .r_narrow(r_narrow));
                task cycle; begin #1 clk = 1'b1; #1 clk = 1'b0; end endtask
                initial begin
                    fin = $fopen("vectors.txt", "r");
                    fout = $fopen("out.txt", "w");
                    cycle;
                    rst = 1'b0;
                    n = $fscanf(fin, "%h %h %h\n", peak, fall, t);
                    while (n == 3) begin
                        ev = 1'b1;
                        cycle;
                        ev = 1'b0;
                        repeat ({{budget}}) cycle;   // the decision's last read: {{budget}} cycles after stage 1
                        $fwrite(fout, "%b%b\n", r, r_narrow);
                        n = $fscanf(fin, "%h %h %h\n", peak, fall, t);
                    end
                    $fclose(fout);
                    $finish;
                end
            endmodule

            """);
        return v.ToString();
    }

    /// <summary>Each vector is read alone (folded, every evaluation loads its state), so they run grouped by sign, the narrow bound's (t's bit 17) too.</summary>
    private static List<string> Simulate(string verilog, List<Vector> vectors) =>
        Tools.SimulateVectors("drawdown", verilog, "drawdown_tb",
            [.. vectors.Select(x => string.Create(CultureInfo.InvariantCulture, $"{(ulong)x.Peak:x16} {(ulong)x.Fall:x16} {(ulong)x.T:x16}"))],
            group: i => Tools.Signs(vectors[i].Peak, vectors[i].Fall, vectors[i].T, vectors[i].T << (64 - NarrowBits)));

    /// <summary>Peaks of every sign and size (many below 2^16, where the quotient can wrap), falls of both signs, bounds around each value.</summary>
    private static List<Vector> Vectors(int seed)
    {
        var random = new Random(seed);
        long[] edges = [0, 1, -1, 2, 3, 65535, 65536, 65537, long.MaxValue, long.MinValue, long.MinValue + 1, 1L << 47, -(1L << 47), 1L << 62, -(1L << 62), (1L << 47) - 1];
        long Peak() => random.Next(6) switch
        {
            0 => edges[random.Next(edges.Length)],
            1 or 2 => random.NextInt64(1, 1L << random.Next(1, 17)),       // below 2^16: the wrapping range
            3 => random.NextInt64(1, long.MaxValue),
            4 => random.NextInt64(-1000, 1),
            _ => random.NextInt64(long.MinValue, long.MaxValue),
        };
        long Fall() => random.Next(5) switch
        {
            0 => edges[random.Next(edges.Length)],
            1 => random.NextInt64(long.MinValue, long.MaxValue),
            2 => random.NextInt64(1L << 46, long.MaxValue),                // large positive: q past 2^63 over a small peak
            3 => random.NextInt64(long.MinValue, -(1L << 46)),             // large negative (a wrapped fall)
            _ => random.NextInt64(-1_000_000, 1_000_000),
        };
        var list = new List<Vector>
        {
            // q = 2^63 exactly and just below; q = -2^63 and just past; the extremes.
            new(1, 1L << 47, 0), new(1, (1L << 47) - 1, 0), new(1, -(1L << 47), 0), new(3, long.MinValue, -5),
            new(1, long.MaxValue, long.MinValue), new(1, long.MinValue, long.MaxValue), new(65535, long.MaxValue, 0), new(65536, long.MaxValue, -1),
        };
        for (var i = 0; i < 2000; i++)
        {
            var peak = Peak();
            // Half the vectors as the window makes them: fall = peak - equity with equity <= peak.
            var fall = random.Next(2) == 0 ? Fall() : unchecked(peak - (peak - Math.Abs(random.NextInt64(0, long.MaxValue) >> random.Next(0, 60))));
            var q = Value(new Vector(peak, fall, 0));
            long[] bounds = [q, unchecked(q - 1), unchecked(q + 1), random.NextInt64(-200_000, 200_000), long.MinValue, long.MaxValue, 328, 197, 1311, 0, -1, 13];
            list.Add(new Vector(peak, fall, bounds[random.Next(bounds.Length)]));
        }
        return list;
    }
}

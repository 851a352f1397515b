using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;
using ScalpLang.Runtime.Abi.Windows;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// drawdown's window section (WindowSection.Drawdown: the peak from suffix maxima updated at bucket
/// crossings) cut out into a module whose inputs are the event's bucket, the evaluation strobe and
/// the equity, against the IL's DrawdownWindow (the value) and a from-scratch peak over the held
/// bucket samples, on every evaluation of a hand-built sequence: several evaluations in the first
/// bucket, warm-up (fewer than 32 buckets held), gaps of 1, 2, 31, 32 and 33 buckets, back-to-back
/// crossings, a bucket older than the newest, equal samples, negative equity and the 64-bit
/// extremes, idle cycles between evaluations, then random gaps and equities. Equity in a strategy
/// comes from fills; here it is an input, so the extremes are reachable. Sabotaged sections (a slot
/// not updated, the repeat of the last sample dropped, the held range one off) must mismatch. The
/// same sequence runs through the section folded at RECORD_INTERVAL = 16 (the crossing's update over
/// the idle cycles, evaluations 16 cycles apart), and sabotaged folds must mismatch too; and through
/// the block-RAM section (DrawdownRamRing) at RECORD_INTERVAL = 16 and 9, its outputs read one cycle
/// after each evaluation (stage 1), with sabotaged RAM sections that must mismatch.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class DrawdownPeakTests(ITestOutputHelper output)
{
    /// <summary>2012-06-21 09:30 plus an odd offset, as a bucket index of the 1 ns buckets (W = 32 ns).</summary>
    private const long Start = 1_340_271_000_123_456_789;

    [Fact]
    public void Peak_and_value_are_the_il_ones_on_every_evaluation()
    {
        var mismatches = Run(null, out var evaluations);
        Assert.True(evaluations > 3000, $"only {evaluations} evaluations");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {evaluations} differ; first: {mismatches.FirstOrDefault()}");
    }

    [Fact]
    public void The_folded_peak_at_interval_16_is_the_il_one_on_every_evaluation()
    {
        var mismatches = Run(null, out var evaluations, Folded);
        Assert.True(evaluations > 3000, $"only {evaluations} evaluations");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {evaluations} differ; first: {mismatches.FirstOrDefault()}");
    }

    [Theory]
    [InlineData(@"(w0_head_1 = ).*;", "${1}w0_t_1;", "the odd slots (the head's second lane) never updated")]
    [InlineData(@"(w0_t_13 <= )w0_t_15;", "${1}w0_t_13;", "one slot never moving along the ring")]
    [InlineData(@": 5'd15;", ": 5'd14;", "the engine one step short")]
    [InlineData(@"(w0_fold_set <= ).*;", "${1}32'd0;", "the gap's slots not carried past the crossing's step")]
    [InlineData(@"(w0_head_s = w0_folding \? )w0_fold_s", "${1}w0_last", "the later steps comparing with the new sample, not the crossed one")]
    public void A_broken_fold_is_caught(string pattern, string replacement, string what)
    {
        var mismatches = Run(module =>
        {
            var broken = Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }, out var evaluations, Folded);
        output.WriteLine($"{what}: {mismatches.Count} of {evaluations} evaluations differ");
        Assert.True(mismatches.Count > 0, $"{what}: no evaluation differs");
    }

    [Fact]
    public void The_folded_section_needs_the_interval()
    {
        // Evaluations one cycle closer than RECORD_INTERVAL find the ring a step from home.
        var mismatches = Run(null, out var evaluations, Folded, spacing: Folded - 1);
        output.WriteLine($"evaluations {Folded - 1} cycles apart: {mismatches.Count} of {evaluations} differ");
        Assert.True(mismatches.Count > 0, "no evaluation differs");
    }

    /// <summary>The narrow top's interval: the update in 16 steps of 2 slots.</summary>
    private const int Folded = 16;

    [Theory]
    [InlineData(Folded)]
    [InlineData(LeastRamInterval)]
    public void The_block_ram_peak_is_the_il_one_on_every_evaluation(int interval)
    {
        Assert.Equal(4, WindowSection.DrawdownBanks(interval));
        var mismatches = Run(null, out var evaluations, interval, ram: true);
        Assert.True(evaluations > 3000, $"only {evaluations} evaluations");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {evaluations} differ; first: {mismatches.FirstOrDefault()}");
    }

    [Theory]
    [InlineData(@"if \(w0_filling\) (w0_tram_1\[)", "if (1'b0) $1", "bank 1 never written back")]
    [InlineData(@"(w0_fill_left <= )4'd8;", "${1}4'd7;", "the engine one row short")]
    [InlineData(@"(w0_read_row = .*) \+ 3'd1;", "$1;", "the engine's read one row early (the row it writes)")]
    [InlineData(@"(w0_fill_row <= w0_first\[4:2\]);", "$1 + 3'd1;", "the rows written back one off from the rows read")]
    [InlineData(@"\{1'b0, w0_after_b_(\d)\} <= w0_fill_gap", "w0_after_b_$1 == 5'd0", "the gap's slots not set to s")]
    [InlineData(@"(w0_fill_s <= )w0_last;", "${1}w0_sample;", "the update with the new sample instead of the crossed one")]
    [InlineData(@"(w0_crossed = )\(w0_old > w0_fill_s\) \? w0_old : w0_fill_s;", "$1(w0_old > w0_last) ? w0_old : w0_last;", "the crossed sample at stage 1 taken from last (the new one)")]
    [InlineData(@"(w0_first_bank <= w0_first\[1:0\]);", "$1 + 2'd1;", "T[first] read from the next bank")]
    public void A_broken_block_ram_peak_is_caught(string pattern, string replacement, string what)
    {
        var mismatches = Run(module =>
        {
            var broken = Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }, out var evaluations, Folded, ram: true);
        output.WriteLine($"{what}: {mismatches.Count} of {evaluations} evaluations differ");
        Assert.True(mismatches.Count > 0, $"{what}: no evaluation differs");
    }

    /// <summary>
    /// Folded over the interval (EvaluationFold), the decision reads the peak up to R - 1 cycles after
    /// stage 1, while the crossing's update moves rows through the banks' read registers: T[first] is
    /// held. Read in every cycle from the one after stage 1 to R after the evaluation, every
    /// evaluation's peak is the IL's; read live, or held but reloaded every cycle, it is not.
    /// </summary>
    [Theory]
    [InlineData(Folded, "", "")]
    [InlineData(LeastRamInterval, "", "")]
    [InlineData(Folded, @"(w0_t_first = )w0_t_held;", "the banks' registers read live during the update")]
    [InlineData(Folded, @"if \(w0_at_read\) (w0_t_held <=)", "the held T[first] reloaded every cycle")]
    public void The_folded_block_ram_peak_holds_until_the_decision_reads_it(int interval, string pattern, string what)
    {
        var broken = pattern.Length > 0;
        var mismatches = Run(module =>
        {
            if (!broken)
                return module;
            var select = Regex.Match(module, @"w0_t_held <= (.*); end").Groups[1].Value;
            var changed = Regex.Replace(module, pattern, pattern.StartsWith("(w0_t_first", StringComparison.Ordinal) ? "${1}" + select + ";" : "$1");
            Assert.NotEqual(module, changed);
            return changed;
        }, out var evaluations, interval, ram: true, foldBudget: interval - 1);
        output.WriteLine($"R = {interval}{(broken ? $", {what}" : "")}: {mismatches.Count} of {evaluations} evaluations differ");
        if (broken)
            Assert.True(mismatches.Count > 0, $"{what}: no evaluation differs");
        else
            Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {evaluations} differ; first: {mismatches.FirstOrDefault()}");
    }

    [Fact]
    public void The_block_ram_section_needs_its_least_interval()
    {
        // At R = 9 the last row is written back at the edge where an evaluation 8 cycles later reads.
        Assert.Equal(0, WindowSection.DrawdownBanks(LeastRamInterval - 1));
        var mismatches = Run(null, out var evaluations, LeastRamInterval, spacing: LeastRamInterval - 1, ram: true);
        output.WriteLine($"evaluations {LeastRamInterval - 1} cycles apart: {mismatches.Count} of {evaluations} differ");
        Assert.True(mismatches.Count > 0, "no evaluation differs");
    }

    /// <summary>The least interval for T in block RAM: 4 banks of 8 rows, rows read at E0..E7 and written at E1..E8.</summary>
    private const int LeastRamInterval = 9;

    [Theory]
    [InlineData(@"(w\d+_t_next_7 = \()w\d+_ahead && ", "${1}1'b0 && ", "slot 7's suffix maximum never updated")]
    [InlineData(@" \|\| (w\d+)_last >= \1_t_(\d+)\)", ")", "the held slots' suffix maxima not raised to the last sample")]
    [InlineData(@"(w\d+)_bucket\[4:0\] == 5'd(\d+) \|\| ", "", "the closed bucket's slot not set to its last sample")]
    [InlineData(@"(w\d+)_passed\[(\d+)\] \|\| ", "", "the gap's buckets not repeating the last sample")]
    [InlineData(@"(w\d+_first = w\d+_now\[4:0\]) \+ 5'd1", "$1", "the oldest held bucket one off")]
    [InlineData(@"(w\d+_survives = .*) \+ 7'd1;", "$1;", "a closed bucket counted as surviving when none does")]
    [InlineData(@"(w\d+_crossed = )\(w\d+_old > w\d+_last\) \? w\d+_old : w\d+_last;", "${1}w0_old;", "the old current bucket's sample left out of the closed peak")]
    public void A_broken_peak_is_caught(string pattern, string replacement, string what)
    {
        var mismatches = Run(module =>
        {
            var broken = Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }, out var evaluations);
        output.WriteLine($"{what}: {mismatches.Count} of {evaluations} evaluations differ");
        Assert.True(mismatches.Count > 0, $"{what}: no evaluation differs");
    }

    /// <param name="ram">T in block RAM: the outputs are read one cycle after the evaluation (stage 1).</param>
    /// <param name="foldBudget">the evaluation folded over the interval (EvaluationFold): the outputs are read every cycle from the one after stage 1 to R after the evaluation, the decision's last read.</param>
    private static List<string> Run(Func<string, string>? transform, out int evaluations, int interval = 1, int? spacing = null, bool ram = false, int foldBudget = 0)
    {
        var steps = Steps(spacing ?? interval);
        var module = Module(interval, ram, foldBudget);
        // The probe for yosys (hdl-backend/SYNTH.md): the unbroken section as a module of its own.
        if (transform is null && Environment.GetEnvironmentVariable("SCALP_DRAWDOWN_PROBE") is { Length: > 0 } probe)
            File.WriteAllText(probe, module);
        module = transform is null ? module : transform(module);
        var got = Tools.SimulateVectors("drawdown_peak", module + Testbench,
            "drawdown_probe_tb", [.. steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{(s.Eval ? 1 : 0)} {(ulong)s.Bucket:x16} {(ulong)s.Equity:x16}"))]);
        var il = new DrawdownWindow(32);
        var reference = new PeakReference();
        var mismatches = new List<string>();
        evaluations = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            if (!steps[i].Eval)
                continue;
            evaluations++;
            var (bucket, equity) = (steps[i].Bucket, steps[i].Equity);
            var value = il.Update(bucket, equity);   // w = 1 ns: the bucket index is the time
            var peak = reference.Update(bucket, equity);
            var expected = string.Create(CultureInfo.InvariantCulture, $"{(ulong)peak:x16} {(ulong)unchecked(peak - equity):x16} {(ulong)value:x16}");
            // Folded, every cycle from the one after stage 1 to the decision's last read (R after the evaluation).
            var (from, to) = foldBudget > 0 ? (i + 2, i + 1 + foldBudget) : ram ? (i + 1, i + 1) : (i, i);
            var wrong = Enumerable.Range(from, to - from + 1).FirstOrDefault(j => got[j] != expected, -1);
            if (wrong >= 0)
                mismatches.Add($"step {i} (bucket {bucket}, equity {equity}), read {wrong - i} cycles after: Verilog {got[wrong]}, expected {expected} (peak fall value)");
        }
        return mismatches;
    }

    private readonly record struct Step(bool Eval, long Bucket, long Equity);

    /// <summary>The evaluations (and idle cycles between some) the section must get right.</summary>
    /// <param name="spacing">cycles from an evaluation to the next at least (the record interval).</param>
    private static List<Step> Steps(int spacing)
    {
        var steps = new List<Step>();
        var k = Start;
        void Eval(long equity)
        {
            steps.Add(new Step(true, k, equity));
            Idle(spacing - 1);
        }
        void Idle(int cycles)
        {
            for (var c = 0; c < cycles; c++)
                steps.Add(new Step(false, k + 5, 12345));   // inputs that move while nothing is evaluated
        }
        // The first bucket: several evaluations, the last one counts.
        Eval(1000);
        Eval(5000);
        Idle(2);
        Eval(900);
        // Warm-up with gaps of 1 and 2, equal samples, a dip and a new high.
        foreach (var (gap, equity) in new (long, long)[] { (1, 900), (1, 800), (2, 900), (0, 700), (1, 700), (1, 2000), (2, 2000), (1, 1500), (3, 100) })
        {
            k += gap;
            Eval(equity);
        }
        // A bucket older than the newest counts in the newest.
        steps.Add(new Step(true, k - 3, 150));
        Idle(spacing - 1);
        // Fill the window past 32 buckets one bucket at a time, the peak leaving at the old end.
        for (var i = 0; i < 40; i++)
        {
            k += 1;
            Eval(3000 - 50 * i);
        }
        // Gaps of 31, 32, 33 and back to back, each after a new peak.
        foreach (var gap in new long[] { 31, 1, 32, 1, 1, 33, 30, 2, 31 })
        {
            Eval(10_000 + gap);
            k += gap;
            Eval(500);
            Eval(400);   // within the bucket: the closed peak stays
        }
        // Negative equity, and the 64-bit extremes (fall and value wrap).
        foreach (var (gap, equity) in new (long, long)[]
        {
            (1, -1), (1, -5000), (2, long.MinValue), (1, long.MinValue + 1), (0, long.MaxValue), (1, long.MaxValue),
            (1, long.MinValue), (5, 0), (1, -(1L << 40)), (31, long.MaxValue), (1, long.MinValue), (32, long.MinValue),
            (1, 1), (1, 65535), (1, -65536), (33, long.MaxValue - 1), (1, long.MaxValue),
        })
        {
            k += gap;
            Eval(equity);
        }
        // Random gaps (mostly small, some around 32 and some huge), equities that tie and cross zero.
        var random = new Random(29);
        long[] extremes = [long.MinValue, long.MaxValue, long.MinValue + 1, 0, -1, 1];
        for (var i = 0; i < 4000; i++)
        {
            k += random.Next(12) switch
            {
                < 5 => 0,
                < 8 => 1,
                8 => random.Next(2, 6),
                9 => random.Next(29, 36),
                10 => random.Next(6, 29),
                _ => random.NextInt64(36, 1L << 40),
            };
            var equity = random.Next(10) switch
            {
                < 4 => random.NextInt64(990_000, 1_010_000),
                < 6 => 1_000_000,
                < 8 => random.NextInt64(-1_000, 1_000),
                8 => extremes[random.Next(extremes.Length)],
                _ => random.NextInt64(long.MinValue, long.MaxValue),
            };
            Eval(equity);
            if (random.Next(4) == 0)
                Idle(random.Next(1, 3));
        }
        return steps;
    }

    /// <summary>The peak by the definition: the held buckets from the first event's one, at most the newest 32, a skipped bucket repeating the one before.</summary>
    private sealed class PeakReference
    {
        private readonly Dictionary<long, long> _samples = [];
        private long _first;
        private long _current;
        private bool _started;

        public long Update(long bucket, long equity)
        {
            if (!_started)
                (_started, _first, _current) = (true, bucket, bucket);
            else if (bucket > _current)
            {
                var repeat = _samples[_current];
                for (var b = Math.Max(_current + 1, bucket - 31); b < bucket; b++)
                    _samples[b] = repeat;
                _current = bucket;
            }
            _samples[_current] = equity;
            var peak = long.MinValue;
            for (var b = Math.Max(_first, _current - 31); b <= _current; b++)
                peak = Math.Max(peak, _samples[b]);
            return peak;
        }
    }

    /// <summary>The section as the backend writes it for a drawdown compared with a build-time value (its value in simulation only).</summary>
    private static string Module(int interval, bool ram, int foldBudget = 0)
    {
        var program = Strategies.Lower("""
            strategy DrawdownProbe
            instrument "XYZ" tick 0.01 lot 1 currency USD
            book depth 1
            rule r priority 1 when drawdown(window: 32ns) > 0.5% => buy 1 lots at market
            """);
        var used = program.Nodes.Select(_ => true).ToList();
        var window = program.Nodes.OfType<IrWindow>().Single(w => w.Kind == IrWindowKind.Drawdown);
        var clocks = new BucketClocks(program, used);
        var p = $"w{window.Id}";
        Assert.Equal("bc0_ev_k", clocks.EventBucket(p));   // the testbench's port
        var v = new StringBuilder();
        v.Append(CultureInfo.InvariantCulture, $$"""
            `default_nettype none
            module drawdown_probe(
                input wire clk, input wire rst, input wire eval_pending,
                input wire [63:0] {{clocks.EventBucket(p)}}, input wire signed [63:0] view_equity,
                output wire signed [63:0] peak, output wire signed [63:0] fall, output wire signed [63:0] value);

            """);
        new WindowSection(v, program, _ => "", _ => "", inBlockRam: ram) { RatioForDumpOnly = true, Clocks = clocks, RecordInterval = interval, FoldBudget = foldBudget }.Write(window, "dd_value");
        v.Append(CultureInfo.InvariantCulture, $"""
                assign peak = {p}_peak;
                assign fall = {p}_fall;
            `ifndef SYNTHESIS
                assign value = dd_value;
            `else
                assign value = 64'sd0;
            `endif
            endmodule

            """);
        // The sabotage patterns name window 0's signals; the section's prefix is the node's id.
        return v.ToString().Replace($"{p}_", "w0_", StringComparison.Ordinal);
    }

    /// <summary>One line per step: the inputs set before the edge, the outputs read just before it.</summary>
    private const string Testbench = """
        module drawdown_probe_tb;
            reg clk = 1'b0, rst = 1'b1, ev = 1'b0;
            reg [63:0] k = 64'd0, e = 64'd0, flag = 64'd0;
            wire signed [63:0] peak, fall, value;
            integer fin, fout, n;
            drawdown_probe dut(.clk(clk), .rst(rst), .eval_pending(ev), .bc0_ev_k(k), .view_equity(e), .peak(peak), .fall(fall), .value(value));
            initial begin
                fin = $fopen("vectors.txt", "r");
                fout = $fopen("out.txt", "w");
                #1 clk = 1'b1;
                #1 clk = 1'b0;
                rst = 1'b0;
                n = $fscanf(fin, "%h %h %h\n", flag, k, e);
                while (n == 3) begin
                    ev = flag[0];
                    #1 $fwrite(fout, "%h %h %h\n", peak, fall, value);
                    clk = 1'b1;
                    #1 clk = 1'b0;
                    n = $fscanf(fin, "%h %h %h\n", flag, k, e);
                end
                $fclose(fout);
                $finish;
            end
        endmodule

        """;
}

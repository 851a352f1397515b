using System.Globalization;
using System.Text.RegularExpressions;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;
using ScalpLang.Hdl.CoSim;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// The windows' bucket clocks (BucketClocks: k and the phase kept from record deltas and Clock
/// records, no division) against the IL's k = floor(t / w), on hand-built tapes: the start time
/// not a multiple of w, events exactly on a bucket boundary and one ns before, gaps of 0, 1, 31,
/// 32 and 33 buckets, Clock records (gaps over 4.29 s) whose delta is not a multiple of w, widths
/// that do not divide 2^32 (one of them wider than 2^32, one of 1 ns), then random deltas. The
/// window's total is each decision's quantity, so a bucket one off changes what the module sends.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class BucketClockTests(ITestOutputHelper output)
{
    /// <summary>2012-06-21 09:30 plus an odd offset: not a multiple of any width below.</summary>
    private const long Start = 1_340_271_000_123_456_789;

    public static TheoryData<string, long> Widths() => new()
    {
        { "odd", 3_000_017 },           // does not divide 2^32; gaps of 33 buckets stay within a record's delta
        { "wide", 5_000_000_003 },      // wider than 2^32: every bucket step is a Clock record
        { "one_ns", 1 },                // W = 32 ns
    };

    [Theory]
    [MemberData(nameof(Widths))]
    public void The_event_bucket_is_the_il_one_on_every_event(string name, long width)
    {
        var report = CoSim(name, width, SimulatorKind.Iverilog);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        Assert.True(report.Acted > 100, report.Summary);
    }

    [Fact]
    public void Verilator_agrees_on_the_odd_width()
    {
        var report = CoSim("odd", 3_000_017, SimulatorKind.Verilator);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
    }

    [Theory]
    [InlineData("odd", 3_000_017, @"(bc\d+_carry = )(!bc\d+_over\[\d+\])", "$1$2 && bc0_over != 0", "the phase one ns off (a boundary event in the bucket before)")]
    [InlineData("wide", 5_000_000_003, @"(bc\d+_r_in = bc\d+_load \? )bc\d+_rest", "${1}0", "a Clock record's remainder dropped")]
    [InlineData("odd", 3_000_017, @"(bc\d+)_ev_lo <= \1_lo_next;", "$1_ev_lo <= $1_k_lo;", "the event's bucket taken before its first record")]
    [InlineData("one_ns", 1, @"(bc\d+_k_hi <= bc\d+_hi_now) \+ bc\d+_quo\[62:32\];", "$1;", "a Clock record's quotient's high half dropped")]
    [InlineData("one_ns", 1, @"(bc\d+_c_pend <= )bc\d+_lo_out;", "${1}1'b0;", "the low half's carry out dropped")]
    [InlineData("odd", 3_000_017, @"(bc\d+_lo_next = bc\d+_carry \? )bc\d+_lo1\[32:1\]", "${1}bc0_lo0[31:0]", "the phase's carry not added to k")]
    public void A_broken_clock_is_caught(string name, long width, string pattern, string replacement, string what)
    {
        string Break(string module)
        {
            var broken = Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }
        var report = CoSim(name, width, SimulatorKind.Iverilog, Break);
        output.WriteLine($"{what}: {report.Summary}");
        Assert.True(report.Mismatches > 0, $"{what}: {report.Summary}");
    }

    /// <summary>
    /// Every Clock record (the start time's included) split into two back to back, each followed
    /// by exactly CLOCK_IDLE idle cycles (what the testbench leaves): time moves by the same
    /// amount, so the module takes the same decisions as with one Clock record, which matched the IL.
    /// </summary>
    [Fact]
    public void Clock_records_back_to_back_at_exactly_clock_idle_take_the_same_decisions()
    {
        var (dir, work) = CoSimKept("odd", 3_000_017);
        var (moduleName, module, testbench) = Sources(work);
        var lines = File.ReadAllLines(Path.Combine(work, "tape.hex"));
        var split = SplitClocks(lines);
        Assert.True(split.Count - lines.Length >= 6, $"only {split.Count - lines.Length} Clock records split");
        var splitTape = Path.Combine(dir, "split.hex");
        File.WriteAllLines(splitTape, split);
        var run = Simulator.Execute(SimulatorKind.Iverilog, Path.Combine(dir, "split"), moduleName, module, testbench, splitTape, null, SimulatorBuildCache.Default);
        Assert.True(run.Error is null, run.Error);
        var expected = File.ReadAllLines(Path.Combine(work, "decisions.txt"));
        var got = File.ReadAllLines(run.DecisionsPath);
        Assert.True(expected.Length > 100, $"only {expected.Length} decisions");
        Assert.Equal(expected, got);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>A host that leaves one idle cycle fewer than CLOCK_IDLE after a Clock record is reported in simulation.</summary>
    [Fact]
    public void A_record_inside_clock_idle_is_reported_in_simulation()
    {
        var (dir, work) = CoSimKept("odd", 3_000_017);
        var (moduleName, module, testbench) = Sources(work);
        var honoured = $"(in_op == 8'd5) ? {VerilogBackend.ClockRecordIdleCycles} :";
        Assert.Contains(honoured, testbench);
        string Simulate(string folder, string bench)
        {
            var at = Path.Combine(dir, folder);
            Directory.CreateDirectory(at);
            File.WriteAllText(Path.Combine(at, "m.v"), module);
            File.WriteAllText(Path.Combine(at, "tb.v"), bench);
            var (exit, log) = Tools.Run("iverilog", at, "-g2005", "-o", "sim.vvp", "-s", moduleName + "_tb", "m.v", "tb.v");
            Assert.True(exit == 0, log);
            (exit, log) = Tools.Run("vvp", at, "-n", "sim.vvp", $"+tape={Path.Combine(work, "tape.hex")}", "+out=decisions.txt");
            Assert.True(exit == 0, log);
            return log;
        }
        const string Report = "ERROR: a tape record came while a Clock record's delta was being divided";
        Assert.DoesNotContain(Report, Simulate("honoured", testbench));
        var early = testbench.Replace(honoured, $"(in_op == 8'd5) ? {VerilogBackend.ClockRecordIdleCycles - 1} :", StringComparison.Ordinal);
        Assert.Contains(Report, Simulate("one_short", early));
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// Two windows whose buckets are w and 4w wide share one clock (the wider one reads k >> 2); both
    /// totals are in the decision's quantity, so the wider window's bucket one off changes it.
    /// </summary>
    [Fact]
    public void A_width_four_times_another_reads_its_clock_shifted()
    {
        const long Width = 3_000_017;
        var program = Strategies.Lower($"""
            strategy Clock_shared
            instrument "XYZ" tick 0.01 lot 1 currency USD
            book depth 1
            signal narrow = trade_volume(window: {(32 * Width).ToString(CultureInfo.InvariantCulture)}ns)
            signal wide = trade_volume(window: {(4 * 32 * Width).ToString(CultureInfo.InvariantCulture)}ns)
            rule r priority 1 when narrow > 0 => buy narrow + 1000 * wide at market
            """);
        var dir = Tools.Scratch("clock");
        var tape = Path.Combine(dir, "clock.tape");
        WriteTape(tape, Width);
        var module = VerilogBackend.Emit(program).Module!;
        Assert.Single(Regex.Matches(module, @"reg\s+bc\d+_busy;"));
        // k <= floor((2^63 - 1) / w): the root's bits from the bound, the derived clock's 2 fewer.
        var bits = 64 - (int)long.LeadingZeroCount(long.MaxValue / Width);
        Assert.Equal(42, bits);
        Assert.Contains($"wire [{bits - 3}:0] bc1_ev_k = bc0_ev_k[{bits - 1}:2];", module, StringComparison.Ordinal);

        var report = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, Path.Combine(dir, "work"));
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"shared clock: {report.Summary} ({report.Acted} acted)");
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        Assert.True(report.Acted > 100, report.Summary);

        static string OneShiftShort(string text)
        {
            var broken = text.Replace("bc0_ev_k[41:2]", "bc0_ev_k[40:1]", StringComparison.Ordinal);
            Assert.NotEqual(text, broken);
            return broken;
        }
        var sabotaged = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, Path.Combine(dir, "broken"), null, OneShiftShort);
        output.WriteLine($"k >> 1 instead of k >> 2: {sabotaged.Summary}");
        Assert.True(sabotaged.Mismatches > 0, sabotaged.Summary);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// k is sized for t &lt;= 2^63 - 1 (BucketClocks.KBits): Clock records jump from 2012 to 1,000 buckets
    /// before k = 2^(K-1) (k's top bit, K its bits), events cross it, then a jump to 2,000 buckets before
    /// 2^63 - 1 ns and events cross the last buckets up to t = 2^63 - 1 itself (the last bucket
    /// floor((2^63 - 1) / w) included). Widths with a high half of k (42 bits), without one
    /// (31 bits) and of 1 ns (63 bits). Dropping k's top bit, or the stored bucket's, is caught.
    /// </summary>
    [Theory]
    [InlineData("odd", 3_000_017, "")]
    [InlineData("wide", 5_000_000_003, "")]
    [InlineData("one_ns", 1, "")]
    [InlineData("odd", 3_000_017, "bc0_k_hi")]
    [InlineData("wide", 5_000_000_003, "bc0_k_lo")]
    [InlineData("one_ns", 1, "bc0_k_hi")]
    [InlineData("odd", 3_000_017, @"w\d+_bucket")]
    public void Times_up_to_2_pow_63_minus_1_take_the_il_buckets(string name, long width, string narrowed)
    {
        var program = Program(name, width);
        var dir = Tools.Scratch("clock");
        var tape = Path.Combine(dir, "late.tape");
        WriteLateTape(tape, width);
        var bits = 64 - (int)long.LeadingZeroCount(long.MaxValue / width);
        var module = VerilogBackend.Emit(program).Module!;
        Assert.Contains($"wire [{bits - 1}:0] bc0_ev_k", module, StringComparison.Ordinal);
        // The register one bit narrower: k (or the stored bucket) wraps in the last buckets.
        string OneBitLess(string text)
        {
            var broken = Regex.Replace(text, $@"reg \[(\d+):0\] ({narrowed});", m => $"reg [{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1}:0] {m.Groups[2].Value};");
            Assert.NotEqual(text, broken);
            return broken;
        }
        var report = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, Path.Combine(dir, "work"), null, narrowed.Length == 0 ? null : OneBitLess);
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"w = {width} ns, k {bits} bits{(narrowed.Length == 0 ? "" : $", {narrowed} one bit narrower")}: {report.Summary} ({report.Acted} acted)");
        if (narrowed.Length == 0)
        {
            Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
            Assert.True(report.Acted > 100, report.Summary);
        }
        else
            Assert.True(report.Mismatches > 0, report.Summary);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>A hex tape whose time passes 2^63 - 1 ns (the IL's would wrap negative) is reported in simulation.</summary>
    [Fact]
    public void A_time_past_2_pow_63_minus_1_is_reported_in_simulation()
    {
        var (dir, work) = CoSimKept("odd", 3_000_017);
        var (moduleName, module, testbench) = Sources(work);
        var lines = File.ReadAllLines(Path.Combine(work, "tape.hex"));
        // The first Clock record carries the start time: 2^63 more puts every time past 2^63 - 1.
        var first = Array.FindIndex(lines, l => l.Length == 32 && l[22..24] == "05");
        Assert.True(first >= 0, "no Clock record");
        var jump = ulong.Parse(lines[first][8..16] + lines[first][0..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture) | (1UL << 63);
        var late = (string[])lines.Clone();
        late[first] = string.Create(CultureInfo.InvariantCulture, $"{jump & 0xFFFF_FFFF:x8}{jump >> 32:x8}{lines[first][16..32]}");
        string Simulate(string folder, IEnumerable<string> tape)
        {
            var at = Path.Combine(dir, folder);
            Directory.CreateDirectory(at);
            File.WriteAllText(Path.Combine(at, "m.v"), module);
            File.WriteAllText(Path.Combine(at, "tb.v"), testbench);
            File.WriteAllLines(Path.Combine(at, "tape.hex"), tape);
            var (exit, log) = Tools.Run("iverilog", at, "-g2005", "-o", "sim.vvp", "-s", moduleName + "_tb", "m.v", "tb.v");
            Assert.True(exit == 0, log);
            (exit, log) = Tools.Run("vvp", at, "-n", "sim.vvp", $"+tape={Path.Combine(at, "tape.hex")}", "+out=decisions.txt");
            Assert.True(exit == 0, log);
            return log;
        }
        const string Report = "ERROR: the tape's time passed 2^63 - 1 ns";
        Assert.DoesNotContain(Report, Simulate("in_time", lines));
        Assert.Contains(Report, Simulate("late", late));
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// One trade per event: a 2012 start, then a Clock record to 1,000 buckets before k = 2^(K-1) and
    /// boundary events and random steps across it, then one to 2,000 buckets (plus an odd offset) before
    /// 2^63 - 1 ns and the same up to t = 2^63 - 1, the last bucket's boundary included.
    /// </summary>
    private static void WriteLateTape(string path, long w)
    {
        var times = new List<long> { Start, Start + 1 };
        var bits = 64 - (int)long.LeadingZeroCount(long.MaxValue / w);
        var t = ((1L << (bits - 1)) - 1000) * w + w / 2;
        var last = long.MaxValue / w * w;   // the last bucket's start
        void Add(long time) => times.Add(t = Math.Max(t, time));
        var random = new Random(31);
        // Across k = 2^(K-1), then across the last buckets.
        Add(t);
        Walk(t + 2000 * w);
        Add(long.MaxValue - 2000 * w - 12_345);
        Walk(last - 2 * w);
        // The last boundary, one ns before it, and the latest time there is (for w = 1 the last bucket
        // is 2^63 - 1 itself).
        Add(last - 1);
        Add(last);
        Add(long.MaxValue);
        void Walk(long until)
        {
            while (t < until)
            {
                var next = (t / w + 1) * w;   // the next boundary (at most the last one here)
                var delta = random.Next(6) switch
                {
                    0 => 0,
                    1 => random.NextInt64(1, Math.Max(2, w / 3)),
                    2 => w * random.Next(0, 40) + random.Next(0, 2),
                    3 => next - t - 1,
                    4 => next - t,
                    _ => random.NextInt64(1, Math.Max(2, w)),
                };
                Add(t + Math.Min(delta, until - t));   // no overflow near 2^63
            }
        }
        using var stream = File.Create(path);
        var writer = new TapeWriter(stream, new Instrument("XYZ", 0.01m, 1m, "USD"), depth: 1);
        for (var i = 0; i < times.Count; i++)
        {
            writer.Append(times[i], TapeOp.Trade, (i % 3 == 0 ? TapeMarks.AggressorBuy : TapeMarks.None), 0, 1000 + i % 7, 1 + i);
            writer.EndEvent();
        }
        writer.Complete();
    }

    /// <summary>Co-simulates (0 mismatches) and keeps the work folder: the module, testbench, hex tape and decisions.</summary>
    private static (string Dir, string Work) CoSimKept(string name, long width)
    {
        var program = Program(name, width);
        var dir = Tools.Scratch("clock");
        var tape = Path.Combine(dir, "clock.tape");
        WriteTape(tape, width);
        var work = Path.Combine(dir, "work");
        var report = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, work);
        Assert.True(report.Error is null, report.Error);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        return (dir, work);
    }

    private static (string ModuleName, string Module, string Testbench) Sources(string work)
    {
        var bench = Directory.GetFiles(work, "*_tb.v").Single();
        var moduleName = Path.GetFileName(bench)[..^"_tb.v".Length];
        return (moduleName, File.ReadAllText(Path.Combine(work, moduleName + ".v")), File.ReadAllText(bench));
    }

    /// <summary>Each Clock record (op 5) of a hex tape as two: the jump J as J - J / 2 then J / 2, the second with delta 0.</summary>
    private static List<string> SplitClocks(IEnumerable<string> lines)
    {
        var result = new List<string>();
        foreach (var line in lines)
        {
            // {size, price, aux, marks, op, delta}, most significant first (HexTape).
            if (line.Length != 32 || line[22..24] != "05")
            {
                result.Add(line);
                continue;
            }
            var jump = ulong.Parse(line[8..16] + line[0..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            string With(ulong j, string delta) =>
                string.Create(CultureInfo.InvariantCulture, $"{j & 0xFFFF_FFFF:x8}{j >> 32:x8}{line[16..24]}{delta}");
            result.Add(With(jump - jump / 2, line[24..32]));
            result.Add(With(jump / 2, "00000000"));
        }
        return result;
    }

    private static IrProgram Program(string name, long width) => Strategies.Lower($"""
        strategy Clock_{name}
        instrument "XYZ" tick 0.01 lot 1 currency USD
        book depth 1
        signal vol = trade_volume(window: {(32 * width).ToString(CultureInfo.InvariantCulture)}ns)
        rule r priority 1 when vol > 0 => buy vol at market
        """);

    private CoSimulation.Report CoSim(string name, long width, SimulatorKind simulator, Func<string, string>? transform = null)
    {
        var program = Program(name, width);
        var dir = Tools.Scratch("clock");
        var tape = Path.Combine(dir, "clock.tape");
        WriteTape(tape, width);
        var report = CoSimulation.Run(program, tape, simulator, Path.Combine(dir, "work"), null, transform);
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"w = {width} ns, {simulator}: {report.Summary} ({report.Acted} acted)");
        Directory.Delete(dir, recursive: true);
        return report;
    }

    /// <summary>One trade per event (sizes 1, 2, 3, ...) at the times the bucket clock must get right.</summary>
    private static void WriteTape(string path, long w)
    {
        var times = new List<long> { Start, Start };
        long Boundary(long t) => (t / w + 1) * w;   // the next bucket's start after t
        void Around(long boundary)
        {
            times.Add(Math.Max(times[^1], boundary - 1));   // one ns before the boundary
            times.Add(Math.Max(times[^1], boundary));       // exactly on it
        }
        Around(Boundary(Start));
        foreach (var gap in new long[] { 0, 1, 31, 32, 33, 1, 0, 33, 32, 31 })
        {
            var k = times[^1] / w + gap;
            times.Add(Math.Max(times[^1], k * w + (w > 2 ? w / 2 : 0)));   // inside bucket k
            Around((times[^1] / w + 1) * w);
        }
        // Clock records: gaps over 4.29 s that are not multiples of w, landing on a boundary and one ns before.
        foreach (var jump in new[] { 5_000_000_001L, 9_876_543_211L, 4_294_967_296L, 4_294_967_295L, 70_000_000_007L })
        {
            times.Add(times[^1] + jump);
            Around(Boundary(times[^1] + jump));
        }
        var random = new Random(17);
        for (var i = 0; i < 400; i++)
        {
            var delta = random.Next(6) switch
            {
                0 => 0,
                1 => random.NextInt64(1, 1000),
                2 => w * random.Next(0, 40) + random.Next(-1, 2),
                3 => random.NextInt64(1, uint.MaxValue),
                4 => random.NextInt64(uint.MaxValue, 40_000_000_000),
                _ => Boundary(times[^1]) - times[^1] - random.Next(0, 2),
            };
            times.Add(times[^1] + Math.Max(0, delta));
        }
        using var stream = File.Create(path);
        var writer = new TapeWriter(stream, new Instrument("XYZ", 0.01m, 1m, "USD"), depth: 1);
        for (var i = 0; i < times.Count; i++)
        {
            writer.Append(times[i], TapeOp.Trade, (i % 3 == 0 ? TapeMarks.AggressorBuy : TapeMarks.None), 0, 1000 + i % 7, 1 + i);
            writer.EndEvent();
        }
        writer.Complete();
    }
}

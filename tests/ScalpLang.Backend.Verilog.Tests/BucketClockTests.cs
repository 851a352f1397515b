using System.Globalization;
using System.Text.RegularExpressions;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
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
    [InlineData("odd", 3_000_017, @"(bc\d+)_ev_k <= \{\1_hi_next, \1_lo_next\};", "$1_ev_k <= {$1_k_hi, $1_k_lo};", "the event's bucket taken before its first record")]
    [InlineData("one_ns", 1, @"(bc\d+_k_hi <= bc\d+_k_hi) \+ bc\d+_quo\[63:32\];", "$1;", "a Clock record's quotient's high half dropped")]
    [InlineData("one_ns", 1, @"(bc\d+_hi_next = )bc\d+_lo_out \? bc\d+_k_hi1 : ", "$1", "the low half's carry out dropped")]
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

    private CoSimulation.Report CoSim(string name, long width, SimulatorKind simulator, Func<string, string>? transform = null)
    {
        var program = Strategies.Lower($"""
            strategy Clock_{name}
            instrument "XYZ" tick 0.01 lot 1 currency USD
            book depth 1
            signal vol = trade_volume(window: {(32 * width).ToString(CultureInfo.InvariantCulture)}ns)
            rule r priority 1 when vol > 0 => buy vol at market
            """);
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

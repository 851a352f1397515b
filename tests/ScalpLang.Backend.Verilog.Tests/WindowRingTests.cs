using System.Numerics;
using System.Text.RegularExpressions;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// The windows' block RAM rings against the IL's window state machines on a hand-built tape: the
/// sums (WindowSumRing, Goldens/06-sum-ring) and the means (WindowSampleRing,
/// Goldens/07-sample-ring). Gaps of 0, 1, 2, 31, 32 and 33 buckets and random ones, several events
/// in one bucket, a burst of maximum-size trades whose totals (and cumulative sums) wrap past 2^64,
/// and bids across the whole int32 range (an sma of bid * 10^6 holds samples near ±2^63); every
/// decision carries the window values bit for bit. Rings broken in the ways a ring goes wrong (the
/// oldest slot off by one, the fresh-bucket bypass dropped, a gap of 32 taken as 0, passed slots
/// kept, the repeated sample's count off by one, a whole-lot lane one bit short of its 48) must mismatch.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class WindowRingTests(ITestOutputHelper output)
{
    private const string Sums = "06-sum-ring";
    private const string Means = "07-sample-ring";
    /// <summary>The windows' bucket width: 320 ms / 32 (the vwap's 640 ms window has twice that).</summary>
    private const long Bucket = 10_000_000;
    private const long Start = 1_700_000_000L * 1_000_000_000L;
    /// <summary>Gaps (in 10 ms buckets) every ring must survive, in this order, before the random ones.</summary>
    private static readonly int[] ScriptedGaps = [0, 0, 1, 0, 2, 31, 0, 32, 0, 33, 1, 1, 31, 31, 32, 33, 2, 0, 16, 15, 1, 63, 64, 65, 0];

    [Theory]
    [InlineData(Sums, SimulatorKind.Iverilog, 0)]
    [InlineData(Sums, SimulatorKind.Verilator, 0)]
    [InlineData(Sums, SimulatorKind.Iverilog, 3)]
    [InlineData(Means, SimulatorKind.Iverilog, 0)]
    [InlineData(Means, SimulatorKind.Verilator, 0)]
    [InlineData(Means, SimulatorKind.Iverilog, 1)]
    public void Windows_in_block_RAM_agree_with_the_IL_on_every_event(string golden, SimulatorKind simulator, int pipeline)
    {
        var report = CoSim(golden, simulator, pipeline);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        Assert.True(report.Events >= 9_000, report.Summary);
        // Both rules act (the cancel rate, or the depth mean, crossed its bound and fell back).
        Assert.Equal([0, 1], report.DecisionsActed.Order());
    }

    [Theory]
    [InlineData(Sums, @"(w\d+)_oldest = \1_window_start \+ \1_oldest_age;", "$1_oldest = $1_window_start + $1_oldest_age + 5'd1;", "the oldest valid slot off by one")]
    [InlineData(Sums, @"(w\d+)_fresh_only_next = ", "$1_fresh_only_next = 1'b0 && ", "a slot read where it is written at the same edge")]
    [InlineData(Sums, @"(w\d+)_opens = !\1_started \|\| \1_gap >= 64'd32 \|\| ", "$1_opens = !$1_started || ", "a gap of 32 buckets taken as no gap")]
    [InlineData(Sums, @"(w\d+)_valid_next = \(\1_valid & ~\1_passed\)", "$1_valid_next = ($1_valid)", "slots time passed over kept valid")]
    [InlineData(Sums, @"(w\d+)_a_sum_next = \1_a_sum \+ ", "$1_a_sum_next = $signed({$1_a_sum[46], $1_a_sum[46:0]}) + ", "a whole-lot lane one bit short (C wrapping at 2^47 lots)")]
    [InlineData(Means, @"(w\d+)_oldest = \1_window_start \+ \1_oldest_age;", "$1_oldest = $1_window_start + $1_oldest_age + 5'd1;", "the oldest valid slot off by one")]
    [InlineData(Means, @"(w\d+)_fresh_only_next = ", "$1_fresh_only_next = 1'b0 && ", "a slot read where it is written at the same edge")]
    [InlineData(Means, @"\{1'b0, (w\d+)_gap\[4:0\]\}", "{1'b0, $1_gap[4:0] - 5'd1}", "the repeated sample counted once too few")]
    [InlineData(Means, @"(w\d+)_before_window = \1_anchor_p - ", "$1_before_window = $1_anchor_p + 70'sd0 * ", "the repeats before the oldest valid slot left out")]
    public void A_broken_ring_is_caught(string golden, string pattern, string replacement, string what)
    {
        string Break(string module)
        {
            var broken = Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }
        var report = CoSim(golden, SimulatorKind.Iverilog, 0, Break);
        output.WriteLine($"{what}: {report.Summary}");
        Assert.True(report.Mismatches > 0, $"{what}: {report.Summary}");
    }

    [Fact]
    public void The_tape_wraps_the_totals_and_makes_the_scripted_gaps()
    {
        var dir = Tools.Scratch("sum-ring-tape");
        var (_, gaps, burst) = WriteTape(dir, largeBids: false);
        Assert.Equal(ScriptedGaps, gaps.Take(ScriptedGaps.Length));
        // The burst's trade volume alone (raw Q47.16 lots) is past 2^63: the 64-bit totals wrap.
        Assert.True(burst > BigInteger.One << 63, $"burst {burst}");
        Directory.Delete(dir, recursive: true);
    }

    private CoSimulation.Report CoSim(string golden, SimulatorKind simulator, int pipeline, Func<string, string>? transform = null)
    {
        var program = Strategies.Golden(golden);
        var dir = Tools.Scratch("window-ring");
        var (tape, _, _) = WriteTape(dir, largeBids: golden == Means);
        var report = CoSimulation.Run(program, tape, simulator, Path.Combine(dir, "work"), transformModule: transform, pipelineStages: pipeline);
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"{golden} (pipeline {pipeline}): {report.Summary}; {simulator} build {report.SimulatorBuild.TotalSeconds:F2} s, run {report.SimulatorRun.TotalSeconds:F2} s");
        Directory.Delete(dir, recursive: true);
        return report;
    }

    /// <summary>
    /// The tape: bid-side book records (adds, changes, deletes: the cancel rate) and trades, one to
    /// three records an event, in events whose bucket gaps are the scripted ones, then random ones
    /// (seeded), then 65,600 trades of int32.MaxValue lots 4 µs apart (26 buckets), then random again.
    /// With <paramref name="largeBids"/> a new best bid is anywhere in 1..int32.MaxValue ticks.
    /// Returns the gaps made and the burst's raw trade volume.
    /// </summary>
    private static (string Path, List<int> Gaps, BigInteger Burst) WriteTape(string dir, bool largeBids)
    {
        var path = Path.Combine(dir, "ring.tape");
        var random = new Random(5);
        var gaps = new List<int>();
        var bids = new List<(int Price, int Size)>();
        var burst = BigInteger.Zero;
        using (var stream = File.Create(path))
        {
            var writer = new TapeWriter(stream, new Instrument("GOOG", 0.01m, 1m, "USD"), depth: 2);
            var ts = Start;
            void Records(int count, bool maxTrade)
            {
                for (var r = 0; r < count; r++)
                {
                    var choice = maxTrade ? 0 : random.Next(5);
                    if (choice <= 1)
                    {
                        var size = maxTrade ? int.MaxValue : random.Next(2, 5000);
                        var marks = random.Next(3) == 0 ? TapeMarks.AggressorBuy : TapeMarks.None;
                        writer.Append(ts, TapeOp.Trade, marks, (ushort)random.Next(65536), 1000 + random.Next(50), size);
                        if (maxTrade)
                            burst += (BigInteger)size << 16;
                    }
                    else if (choice == 2 || bids.Count == 0)
                    {
                        // A new level (best first; a full side drops its last): a new best bid, or with
                        // largeBids any price in 1..int32.MaxValue at its place in the book.
                        var price = largeBids ? random.Next(1, int.MaxValue) : bids.Count == 0 ? 100 : bids[0].Price + 1;
                        var level = bids.FindIndex(b => b.Price < price) is var at and >= 0 ? at : bids.Count;
                        if (level == 2 || bids.Any(b => b.Price == price))
                            (level, price) = (0, bids.Count == 0 ? price : bids[0].Price + 1);
                        var size = random.Next(1, 3000);
                        writer.Append(ts, TapeOp.Insert, TapeMarks.None, (ushort)level, price, size);
                        bids.Insert(level, (price, size));
                        if (bids.Count > 2)
                            bids.RemoveAt(2);
                    }
                    else if (choice == 3)
                    {
                        var size = random.Next(1, 3000);
                        writer.Append(ts, TapeOp.Change, TapeMarks.None, 0, bids[0].Price, size);
                        bids[0] = (bids[0].Price, size);
                    }
                    else
                    {
                        writer.Append(ts, TapeOp.Delete, TapeMarks.None, 0, bids[0].Price, 0);
                        bids.RemoveAt(0);
                    }
                }
                writer.EndEvent();
            }
            void Event(int gap)
            {
                gaps.Add(gap);
                var bucket = ts / Bucket + gap;
                // Somewhere in the bucket, never before the previous event.
                var earliest = gap == 0 ? ts : bucket * Bucket;
                ts = Math.Min(earliest + random.Next(0, 2_000_000), bucket * Bucket + Bucket - 1);
                Records(random.Next(1, 4), maxTrade: false);
            }
            Records(1, maxTrade: false);
            foreach (var gap in ScriptedGaps)
                Event(gap);
            int RandomGap() => random.Next(10) switch { < 5 => 0, 5 => 1, 6 => 2, 7 => 31 + random.Next(3), _ => random.Next(3, 40) };
            for (var i = 0; i < 2_000; i++)
                Event(RandomGap());
            for (var i = 0; i < 65_600; i++)
            {
                ts += 4_000;
                Records(1, maxTrade: true);
            }
            for (var i = 0; i < 6_000; i++)
                Event(RandomGap());
            writer.Complete();
        }
        return (path, gaps, burst);
    }
}

using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Backtest;
using ScalpLang.Hdl.CoSim;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// The pieces of the fast co-simulation path that need no simulator: the binary and the hex tape
/// carry the same records in the same order, the streaming comparison counts what the list
/// comparison counted, the UTF-8 decision parser agrees with the string one, the build cache key
/// moves with every input, and parameter overrides become Verilator -G flags.
/// </summary>
public sealed class FastPathTests
{
    [Fact]
    public void The_binary_tape_holds_the_hex_tapes_records_fills_included()
    {
        var dir = Tools.Scratch("fastpath");
        var tapePath = Tools.SyntheticTape(dir, 5, 3_000, 2);
        using var tape = TapeFile.Open(tapePath);
        var run = FabricatedRun(tape);
        var hex = Path.Combine(dir, "tape.hex");
        var bin = Path.Combine(dir, "tape.bin");
        var hexLines = HexTape.WriteWithFills(tape, run, hex);
        var binRecords = FilledTape.WriteBinary(tape, run, bin);

        var bytes = File.ReadAllBytes(bin);
        Assert.Equal(binRecords * TapeRecord.Length, bytes.Length);
        Assert.Equal(hexLines, binRecords);
        var fromBinary = Enumerable.Range(0, bytes.Length / TapeRecord.Length)
            .Select(n => HexTape.Line(bytes.AsSpan(n * TapeRecord.Length, TapeRecord.Length)));
        Assert.Equal(File.ReadAllLines(hex), fromBinary);
        // The fabricated fills are in it: before (no After mark), after (the last with EndOfEvent), after the re-evaluation.
        var fills = Enumerable.Range(0, bytes.Length / TapeRecord.Length).Where(n => bytes[n * TapeRecord.Length + 4] == FilledTape.FillOp)
            .Select(n => bytes[n * TapeRecord.Length + 5]).ToList();
        Assert.Contains(fills, m => (m & FilledTape.AfterMark) == 0);
        Assert.Contains(fills, m => (m & FilledTape.AfterMark) != 0 && (m & (byte)TapeMarks.EndOfEvent) != 0);
        Assert.Equal(3 * 3, fills.Count);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void The_streaming_comparison_counts_differences_missing_and_extra_lines()
    {
        var dir = Tools.Scratch("compare");
        var expected = new List<EventDecision>
        {
            EventDecision.None(false),
            new(1, 0, 10_123, 65_536, false, 0, false),
            new(2, 1, 0, 131_072, true, -5, false, 1, 1_000_000_000, 4L << 16),
            EventDecision.None(true),
        };
        string Line(int i, EventDecision d) =>
            $"{i} {d.Action} {d.Decision} {d.Price} {d.Quantity} {(d.Market ? 1 : 0)} {d.StandAside} {(d.Kill ? 1 : 0)} {d.Algo} {d.SliceOver} {d.Slices}";
        var path = Path.Combine(dir, "decisions.txt");

        // Equal, with a probe line and no newline after the last line.
        File.WriteAllText(path, "# sig_x 5\n" + string.Join("\n", expected.Select((d, i) => Line(i, d))));
        var same = DecisionComparison.Compare(expected, path);
        Assert.Equal((4L, 0L, -1L), (same.Simulated, same.Mismatches, same.First));

        // One changed field at evaluation 2.
        var changed = expected.ToList();
        changed[2] = changed[2] with { StandAside = -6 };
        File.WriteAllText(path, string.Join("\n", changed.Select((d, i) => Line(i, d))) + "\n");
        var differ = DecisionComparison.Compare(expected, path);
        Assert.Equal((4L, 1L, 2L), (differ.Simulated, differ.Mismatches, differ.First));
        Assert.Equal(changed[2], differ.SimulatedAtFirst);

        // The simulator stopped after two evaluations.
        File.WriteAllText(path, string.Join("\n", expected.Take(2).Select((d, i) => Line(i, d))) + "\n");
        var shorter = DecisionComparison.Compare(expected, path);
        Assert.Equal((2L, 2L, 2L), (shorter.Simulated, shorter.Mismatches, shorter.First));
        Assert.Null(shorter.SimulatedAtFirst);

        // One evaluation too many.
        File.WriteAllText(path, string.Join("\n", expected.Append(EventDecision.None(true)).Select((d, i) => Line(i, d))) + "\n");
        var longer = DecisionComparison.Compare(expected, path);
        Assert.Equal((5L, 1L, 4L), (longer.Simulated, longer.Mismatches, longer.First));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void The_streaming_comparison_reads_lines_across_its_buffer_boundary()
    {
        // 60,000 lines of about 40 bytes: the 1 MiB buffer ends inside a line at least once.
        var dir = Tools.Scratch("compare-long");
        var expected = Enumerable.Range(0, 60_000).Select(i => new EventDecision(1, i % 7, 1_000_000 + i, 65_536, false, 0, false)).ToList();
        var path = Path.Combine(dir, "decisions.txt");
        File.WriteAllLines(path, expected.Select((d, i) => $"{i} 1 {d.Decision} {d.Price} 65536 0 0 0 0 0 0"));
        Assert.True(new FileInfo(path).Length > 1 << 20);
        var result = DecisionComparison.Compare(expected, path);
        Assert.Equal((60_000L, 0L, -1L), (result.Simulated, result.Mismatches, result.First));
        expected[45_000] = expected[45_000] with { Price = 7 };
        Assert.Equal(45_000L, DecisionComparison.Compare(expected, path).First);
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("0 0 65535 0 0 0 0 0 0 0 0")]
    [InlineData("17 2 3 -9223372036854775808 9223372036854775807 1 -1 1 3 5000 -65536")]
    [InlineData("5  1 0 1 2 0 0 0 0 0 0")]
    [InlineData("1 2 3")]
    [InlineData("1 2 3 4 5 6 7 8 9 10 11 12")]
    [InlineData("# sig_imb 12")]
    [InlineData("4 1 1 x 1071644672 0 0 0 0 0 0")]
    [InlineData("4 1 1 x 1071644672 0 0 0 0 0")]
    [InlineData("x 1 1 0 0 0 0 0 0 0 0")]
    public void The_UTF8_decision_parser_agrees_with_the_string_parser(string line)
    {
        var fromString = EventDecision.TryParse(line, out var index, out var decision);
        var fromBytes = EventDecision.TryParse(System.Text.Encoding.UTF8.GetBytes(line), out var byteIndex, out var byteDecision);
        Assert.Equal(fromString, fromBytes);
        Assert.Equal(index, byteIndex);
        Assert.Equal(decision, byteDecision);
    }

    [Fact]
    public void An_unknown_value_in_a_decision_line_is_a_mismatch_not_a_crash()
    {
        // An x from the simulator (a block RAM slot read before it was written) parses as the Unknown decision.
        Assert.True(EventDecision.TryParse("4 1 1 x 1071644672 0 0 0 0 0 0", out var index, out var decision));
        Assert.Equal((4L, EventDecision.Unknown), (index, decision));
        Assert.True(EventDecision.TryParse("4 1 1 x 1071644672 0 0 0 0 0 0"u8, out _, out var fromBytes));
        Assert.Equal(EventDecision.Unknown, fromBytes);
        Assert.NotEqual(EventDecision.None(false), decision);
        Assert.Contains("unknown value", decision.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_cache_key_changes_with_every_input()
    {
        string Key(string version = "Verilator 5.006", string flag = "-O3", string module = "module m; endmodule", string harness = "int main() {}") =>
            SimulatorBuildCache.Key(version, ["--cc", flag], [("m.v", module), ("m_tb.cpp", harness)]);
        var keys = new[] { Key(), Key(version: "Verilator 5.020"), Key(flag: "-O2"), Key(module: "module m ; endmodule"), Key(harness: "int main() { }") };
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(Key(), Key());
        // Names and texts are delimited: moving text from one part to the next is another key.
        Assert.NotEqual(SimulatorBuildCache.Key("v", ["ab"], [("c", "d")]), SimulatorBuildCache.Key("v", ["a"], [("bc", "d")]));
    }

    [Fact]
    public void The_build_cache_installs_finds_and_keeps_only_the_newest_entries()
    {
        var dir = Tools.Scratch("cache");
        var cache = new SimulatorBuildCache(Path.Combine(dir, "verilator"));
        var built = Path.Combine(dir, "sim");
        File.WriteAllText(built, "binary 0");
        Assert.Null(cache.Find("k0"));
        var installed = cache.Install("k0", built);
        Assert.Equal(installed, cache.Find("k0"));
        Assert.Equal("binary 0", File.ReadAllText(installed));
        File.SetLastWriteTimeUtc(installed, DateTime.UtcNow.AddHours(-1));
        for (var i = 1; i <= SimulatorBuildCache.Keep; i++)
            cache.Install($"k{i}", built);
        Assert.Null(cache.Find("k0"));
        Assert.NotNull(cache.Find($"k{SimulatorBuildCache.Keep}"));
        Assert.Equal(SimulatorBuildCache.Keep, Directory.GetFiles(cache.Directory, "*.sim").Length);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Parameter_overrides_become_G_flags_with_negative_and_wide_values_as_64_bit_patterns()
    {
        var flags = Simulator.Overrides(new Dictionary<string, long> { ["scale"] = -3L << 16, ["armed"] = 0, ["reach"] = 4L << 16, ["big"] = 1L << 40 });
        Assert.Equal(["-Gp_armed=0", "-Gp_big=64'h0000010000000000", "-Gp_reach=262144", "-Gp_scale=64'hfffffffffffd0000"], flags);
        Assert.Empty(Simulator.Overrides(null));
    }

    /// <summary>The tape's events with three fills on every 50th event: one before its evaluation, one after, one after the re-evaluation.</summary>
    private static HostReference.Run FabricatedRun(TapeFile tape)
    {
        var ends = 0;
        for (var n = 0; n < tape.Records.Length / TapeRecord.Length; n++)
            ends += (tape.Records[n * TapeRecord.Length + 5] & (byte)TapeMarks.EndOfEvent) != 0 ? 1 : 0;
        var events = new List<HostReference.EventRun>();
        for (var e = 0; e < ends; e++)
        {
            if (e % 50 == 7 && events.Count(r => r.Reevaluated) < 3)
                events.Add(new HostReference.EventRun([new OwnFill(0, Side.Buy, 100 + e, 1)], [new OwnFill(0, Side.Sell, 101 + e, 2)], true, [new OwnFill(0, Side.Buy, 99, 3)]));
            else
                events.Add(new HostReference.EventRun([], [], false, []));
        }
        return new HostReference.Run([], [], events, null);
    }
}

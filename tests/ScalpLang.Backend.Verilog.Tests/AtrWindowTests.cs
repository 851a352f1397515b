using System.Globalization;
using System.Text.RegularExpressions;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// atr in hardware (WindowSection.Atr: 47-bit bars, a running sum P with a ring of P values in block
/// RAM, or in registers when an ema reads the atr, instead
/// of an N-term adder, the mean a 47-row long division of the registered sum and count) against the
/// IL's AtrWindow, on a hand-built tape whose every decision's limit price is the bid (a constant 1000 ticks) plus the atr: events before
/// the first trade, several trades per bar, events without trades, events exactly on a bar boundary
/// and one ns before, gaps of 1, 2, N - 1, N, N + 1 and 2N bars, bars whose true range is the whole
/// 47-bit last_price range (1 tick against 2^31 - 1 ticks and 65535/65536, so the sum of N bars is near
/// N 2^47), flat bars, then random gaps and prices. N = 10 (constant) and a param window (the
/// 256-slot ring) at N = 8 and at its most, 256 bars.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class AtrWindowTests(ITestOutputHelper output)
{
    private const long Start = 1_340_271_000_123_456_789;
    private const long Bar = 1024;

    [Fact]
    public void The_mean_true_range_is_the_il_one_on_every_event()
    {
        var report = CoSim(Constant, 10, SimulatorKind.Iverilog);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        Assert.True(report.Acted == report.Events, report.Summary);
    }

    /// <summary>
    /// Constant N at the widths' edges: the count needs bits(N) (16 needs 5 bits, 15 four), the sum 47 +
    /// ceil(log2 N) (2 bars: 48; 256 bars: 55), the rows bits(N) + 1.
    /// </summary>
    [Theory]
    [InlineData(2, 48, 2)]
    [InlineData(15, 51, 4)]
    [InlineData(16, 51, 5)]
    [InlineData(256, 55, 9)]
    public void A_constant_count_at_its_limit_agrees(int bars, int sumBits, int countBits)
    {
        string Sized(string module)
        {
            Assert.Matches($@"reg \[{countBits - 1}:0\]\s+w\d+_count;", module);
            Assert.Matches($@"reg \[{sumBits - 1}:0\]\s+w\d+_pushed;", module);
            Assert.Contains($"reg [{countBits}:0] rest;", module, StringComparison.Ordinal);
            return module;
        }
        var report = CoSim(Constant, bars, SimulatorKind.Iverilog, Sized);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        Assert.True(report.Acted == report.Events, report.Summary);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(256)]
    public void A_param_window_agrees_up_to_256_bars(int bars)
    {
        var report = CoSim(Param, bars, SimulatorKind.Iverilog, parameters: new Dictionary<string, long> { ["w"] = bars * Bar });
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
    }

    [Fact]
    public void The_ring_in_registers_agrees_when_an_ema_reads_the_atr()
    {
        var report = CoSim(ReadByState, 10, SimulatorKind.Iverilog);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
    }

    [Fact]
    public void Verilator_and_a_pipelined_module_agree()
    {
        var verilator = CoSim(Constant, 10, SimulatorKind.Verilator);
        Assert.True(verilator.Mismatches == 0, verilator.First is { } m ? CoSimulation.Describe(m) : verilator.Summary);
        var pipelined = CoSim(Constant, 10, SimulatorKind.Iverilog, pipeline: 2);
        Assert.True(pipelined.Mismatches == 0, pipelined.First is { } p ? CoSimulation.Describe(p) : pipelined.Summary);
    }

    [Theory]
    [InlineData(Constant, @"(w\d+_clear) \? 1'b0 : ", "", "a gap over N not emptying the mask")]
    [InlineData(Constant, @"(w\d+_fresh_only) \? \{4'd0, w\d+_fresh\} : ", "", "the fresh-slot bypass dropped (a read during its write)")]
    [InlineData(Constant, @"<< (w\d+_next_next)\[3:0\]\)", "<< ($1[3:0] + 4'd1))", "the search starting one slot late")]
    [InlineData(Constant, @"\{55'd0, (w\d+_d_\d+)\} < (w\d+_gap)\) \? 1'b0", "$1 > 9'd100) ? 1'b0", "the gap's empty bars left valid")]
    [InlineData(Constant, @"rest >= \{1'b0, c\}", "rest > {1'b0, c}", "a division row comparing > instead of >=")]
    [InlineData(Constant, @"(w\d+_true_range = )(w\d+_top) - ", "$1$2 + ", "the true range added instead of subtracted")]
    [InlineData(ReadByState, @"(w\d+_advanced) - 10'd1;", "$1;", "registers: the newest slot one off (P read from the wrong bar)")]
    [InlineData(ReadByState, @"(w\d+_clear) \? 51'd0 : ", "", "registers: a gap over N not clearing the sum")]
    [InlineData(Constant, @"reg \[4:0\] rest;", "reg [3:0] rest;", "a division row's remainder one bit narrower than bits(N) + 1")]
    [InlineData(Constant, @"reg \[3:0\](\s+w\d+_count;)", "reg [2:0]$1", "the count one bit narrower than bits(N)")]
    [InlineData(Constant, @"reg \[50:0\](\s+w\d+_pushed;)", "reg [49:0]$1", "P one bit narrower than 47 + ceil(log2 N)")]
    [InlineData(ReadByState, @"\{55'd0, (w\d+_d_\d+)\} < (w\d+_gap)", "$1 == 9'd0", "registers: the gap's empty bars not written")]
    public void A_broken_atr_is_caught(string kind, string pattern, string replacement, string what)
    {
        string Break(string module)
        {
            var broken = Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }
        var report = CoSim(kind, 10, SimulatorKind.Iverilog, Break);
        output.WriteLine($"{what}: {report.Summary}");
        Assert.True(report.Mismatches > 0, $"{what}: {report.Summary}");
    }

    /// <summary>
    /// Folded over the record interval (EvaluationFold): the mean is r rows a cycle from the held sum
    /// and count, T = steps * r rows from s &gt;&gt; T. R = 3 (47 rows in one step), 4 (T = 48), 7 and 12
    /// (T = 50: past a 2-bar sum's 48 bits, the dividend widened), 9 (T = 49) and 16 (4 rows a cycle).
    /// </summary>
    [Theory]
    [InlineData(3, 10)]
    [InlineData(4, 2)]
    [InlineData(7, 2)]
    [InlineData(9, 10)]
    [InlineData(12, 256)]
    [InlineData(16, 10)]
    [InlineData(16, 2)]
    public void The_mean_folded_over_the_interval_agrees(int interval, int bars)
    {
        string Folded(string module)
        {
            Assert.Contains("_mean_step(", module, StringComparison.Ordinal);
            Assert.DoesNotContain("_mean_of(", module, StringComparison.Ordinal);
            return module;
        }
        var report = CoSim(Constant, bars, SimulatorKind.Iverilog, Folded, interval: interval);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        Assert.True(report.Acted == report.Events, report.Summary);
    }

    [Theory]
    [InlineData(@"(w\d+_div_left <= 4'd)12;", "${1}11;", "one step short")]
    [InlineData(@"(w\d+_rest <= )\{1'd0, w\d+_sum\[50:48\]\};", "${1}4'd0;", "the remainder not started at s >> T")]
    [InlineData(@"rest >= \{1'b0, c\}", "rest > {1'b0, c}", "a row comparing > instead of >=")]
    [InlineData(@"(w\d+_div_load <= )!rst && eval_pending;", "${1}!rst && eval_pending_s1;", "the load a cycle late (past the decision's read)")]
    public void A_broken_folded_mean_is_caught(string pattern, string replacement, string what)
    {
        string Break(string module)
        {
            var broken = Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }
        var report = CoSim(Constant, 10, SimulatorKind.Iverilog, Break, interval: 16);
        output.WriteLine($"{what}: {report.Summary}");
        Assert.True(report.Mismatches > 0, $"{what}: {report.Summary}");
    }

    private const string Constant = "constant";
    private const string Param = "param";
    /// <summary>An ema reads the atr in the evaluation cycle, so the atr keeps its ring in registers and its value in stage 0.</summary>
    private const string ReadByState = "state";

    private CoSimulation.Report CoSim(string kind, int bars, SimulatorKind simulator, Func<string, string>? transform = null,
        Dictionary<string, long>? parameters = null, int pipeline = 0, int interval = 1)
    {
        var window = kind != Param ? (bars * Bar).ToString(CultureInfo.InvariantCulture) + "ns" : "w";
        var program = Strategies.Lower($"""
            strategy Atr_{kind}
            instrument "XYZ" tick 0.01 lot 1 currency USD
            book depth 1
            {(kind == Param ? "param w: duration = 8192ns in 1024ns..262144ns" : "")}
            signal vol = atr(window: {window}, bar: {Bar}ns)
            {(kind == ReadByState ? "signal smooth = ema(of: vol, window: 32768ns)" : "")}
            rule r priority 1 when vol >= 0 => buy 1 lot at bid + vol{(kind == ReadByState ? " + smooth" : "")}
            """);
        var dir = Tools.Scratch("atr");
        var tape = Path.Combine(dir, "atr.tape");
        WriteTape(tape, bars);
        var report = CoSimulation.Run(program, tape, simulator, Path.Combine(dir, "work"), parameters, transform, pipelineStages: pipeline, recordInterval: interval);
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"N = {bars}, {simulator}, pipeline {pipeline}, interval {interval}: {report.Summary} ({report.Acted} acted)");
        Directory.Delete(dir, recursive: true);
        return report;
    }

    /// <summary>The events: time, whether a trade, its price in ticks and sub-tick fraction.</summary>
    private static void WriteTape(string path, int n)
    {
        var events = new List<(long Time, bool Trade, long Price, ushort Fraction)>();
        var t = Start;
        void Quote() => events.Add((t, false, 1000, 0));
        void Trade(long price, ushort fraction = 0) => events.Add((t, true, price, fraction));
        long BarStart(long time) => time / Bar * Bar;
        void Skip(long bars) => t = BarStart(t) + bars * Bar + 100;

        // Time moves before the first trade: no bar yet.
        Quote();
        Skip(3);
        Quote();
        Trade(5000);
        Trade(5003, 1);
        Trade(4990);
        // On the boundary and one ns before it.
        t = BarStart(t) + Bar - 1;
        Trade(5010);
        t++;
        Trade(4980);
        Quote();
        foreach (var gap in new long[] { 1, 1, 2, n - 1, 1, n, 1, n + 1, 1, 2L * n, 1, 1 })
        {
            Skip(gap);
            Trade(5000 + gap, (ushort)(gap * 997));
            Trade(5000 - gap);
            Quote();
        }
        // Whole-range bars: the sum of N reaches nearly N 2^47.
        for (var i = 0; i < 2 * n + 3; i++)
        {
            Skip(1);
            Trade(1);
            Trade(int.MaxValue, ushort.MaxValue);
            Trade(i % 2 == 0 ? 1 : int.MaxValue, (ushort)(i % 2 == 0 ? 0 : ushort.MaxValue));
        }
        // Flat bars (true range 0) and quotes only.
        for (var i = 0; i < n + 2; i++)
        {
            Skip(1);
            if (i % 3 == 0)
                Trade(7777);
            else
                Quote();
        }
        var random = new Random(23);
        for (var i = 0; i < 3000; i++)
        {
            switch (random.Next(8))
            {
                case 0: t += random.Next(0, 50); break;
                case 1: Skip(1); break;
                case 2: Skip(random.Next(2, n + 3)); break;
                case 3: Skip(random.Next(n - 1, 3 * n)); break;
                case 4: t = BarStart(t) + Bar - random.Next(0, 2); break;
                default: t += random.Next(0, (int)Bar); break;
            }
            var price = random.Next(4) switch
            {
                0 => random.Next(1, 3) == 1 ? 1 : int.MaxValue,
                1 => random.NextInt64(1, int.MaxValue),
                _ => 100_000 + random.Next(-500, 500),
            };
            if (random.Next(4) == 0)
                Quote();
            else
                Trade(price, (ushort)random.Next(0, 65536));
        }
        using var stream = File.Create(path);
        var writer = new TapeWriter(stream, new Instrument("XYZ", 0.01m, 1m, "USD"), depth: 1);
        var quotes = 0;
        foreach (var (time, trade, price, fraction) in events)
        {
            // A quote inserts the one bid level once, then changes its size.
            if (trade)
                writer.Append(time, TapeOp.Trade, TapeMarks.None, fraction, price, 1);
            else
                writer.Append(time, quotes++ == 0 ? TapeOp.Insert : TapeOp.Change, TapeMarks.None, 0, price, quotes);
            writer.EndEvent();
        }
        writer.Complete();
    }
}

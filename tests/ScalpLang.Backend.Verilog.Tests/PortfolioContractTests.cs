using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Trading;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// The portfolio at its narrow widths (PortfolioSection, under the position contract |position| &lt;=
/// POSITION_BOUND) against the runtime's own Portfolio.OnFill and the view BacktestEngine builds
/// (position and losses as Q47.16, entry, time in position, equity marked at mid or at the entry),
/// fill by fill in iverilog: adds, partial closes, flips both ways, closes to flat, losing and
/// winning round trips, prices up to the int32 maximum, |position| exactly at the bound (and flips
/// from +B to -B in one fill of 2B lots), realized P&amp;L that wraps at 64 bits. Broken variants must
/// mismatch, and the simulation-only contract check must fire just past the bound.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class PortfolioContractTests(ITestOutputHelper output)
{
    private const int B = PortfolioSection.PositionBound;
    private const long Capital = 1L << 46;

    /// <summary>One Fill record and the book the view is then marked at: buy or sell, price (ticks), lots, times (ns), best bid/ask (ticks, 0 = empty side).</summary>
    private sealed record Fill(bool Buy, long Price, long Lots, long Ts, long Now, long Bid, long Ask)
    {
        public string Line => string.Create(CultureInfo.InvariantCulture, $"{(Buy ? 1 : 0)} {Price} {Lots} {Ts} {Now} {Bid} {Ask}");
    }

    [Fact]
    public void The_narrow_portfolio_equals_the_runtime_portfolio_fill_by_fill()
    {
        var fills = Sequences(seed: 5);
        var expected = Expected(fills);
        var got = Simulate("portfolio", Harness(Section()), fills);
        for (var i = 0; i < fills.Count; i++)
            Assert.True(expected[i] == got[i], $"fill {i} ({fills[i].Line}): IL {expected[i]}, Verilog {got[i]}");
        // The extremes were reached: |position| = B both ways, the largest price, a flip of 2B lots, a wrapped realized P&L.
        var runtime = Replay(fills);
        Assert.Contains(runtime, s => s.Position == B);
        Assert.Contains(runtime, s => s.Position == -B);
        Assert.Contains(fills, f => f.Price == int.MaxValue);
        Assert.Contains(fills, f => f.Lots == 2L * B);
        Assert.Contains(runtime, s => s.Realized < 0 && s.Losses >= 2);
        Assert.Contains(runtime, s => s.Wrapped);
        output.WriteLine($"{fills.Count} fills, 0 mismatches; {runtime.Count(s => s.Position == 0)} flat, {runtime.Max(s => s.Losses)} losses in a row at most");
    }

    [Theory]
    [InlineData(@"pf_neg_position\[14:0\] : pf_position\[14:0\]", "{1'b0, pf_neg_position[13:0]} : {1'b0, pf_position[13:0]}", "|position| one bit too narrow")]
    [InlineData(@"pf_mul_a <= pf_adds \? pf_abs_position", "pf_mul_a <= pf_adds ? {1'b0, pf_abs_position[13:0]}", "the entry's weight cut to 14 bits")]
    [InlineData(@"pf_price_down\[46:0\] : pf_price_up\[46:0\]", "{1'b0, pf_price_down[45:0]} : {1'b0, pf_price_up[45:0]}", "the per-lot P&L one bit too narrow")]
    [InlineData(@"pf_open_pnl_a = \{pf_mark\[47\], pf_mark\}", "pf_open_pnl_a = {{2{pf_mark[46]}}, pf_mark[46:0]}", "the open P&L's mark one bit too narrow")]
    [InlineData(@"pf_open_pnl_neg_0\};", "1'b0};", "the open P&L's lowest Booth row without its +1")]
    [InlineData(@"pf_open_pnl_two_7 = [^;]*;", "pf_open_pnl_two_7 = 1'b0;", "the open P&L's top Booth digit never 2")]
    [InlineData(@"r_fill_price = \{r_price\[30:0\]", "r_fill_price = {1'b0, r_price[29:0]", "the price one bit too narrow")]
    [InlineData(@"pf_high <= pf_mul_sum\[16:2\]", "pf_high <= {1'b0, pf_mul_sum[15:2]}", "the multiplier's high part one bit too narrow")]
    [InlineData(@"localparam \[5:0\] PF_MULTIPLY_LAST = 6'd\d+", "localparam [5:0] PF_MULTIPLY_LAST = 6'd23", "the multiplier's last step dropped")]
    [InlineData(@"localparam \[5:0\] PF_DIVIDE_LAST = 6'd\d+", "localparam [5:0] PF_DIVIDE_LAST = 6'd47", "the divider's last step dropped")]
    [InlineData(@"pf_quo_1 = !pf_diff_1\[15\]", "pf_quo_1 = 1'b0", "every second quotient row dropped")]
    [InlineData(@"\+ \{63'd0, pf_pnl_negative\}", "+ 64'd0", "the closed P&L's negation one off")]
    [InlineData(@"pf_step == PF_TRIP && !pf_adding", "pf_step == PF_BOOK && pf_adding", "the round trip ended on the old realized")]
    public void A_broken_portfolio_mismatches(string pattern, string replacement, string what)
    {
        var fills = Sequences(seed: 6);
        var expected = Expected(fills);
        var section = Section();
        var broken = Regex.Replace(section, pattern, replacement);
        Assert.NotEqual(section, broken);
        var got = Simulate("portfolio-broken", Harness(broken), fills);
        var wrong = Enumerable.Range(0, fills.Count).Count(i => expected[i] != got[i]);
        output.WriteLine($"{what}: {wrong} of {fills.Count} fills mismatch");
        Assert.True(wrong > 0, what);
    }

    [Fact]
    public void The_contract_check_fires_just_past_the_bound_and_not_at_it()
    {
        var harness = Harness(Section());
        Fill At(bool buy, long lots, long price = 100) => new(buy, price, lots, 1, 1, 99, 101);
        // Exactly at the bound, both signs, and a flip of 2B lots between them: no report.
        Assert.DoesNotContain(PortfolioSection.ViolationReport, Run("contract-at", harness, [At(true, B), At(false, 2L * B), At(true, B)]));
        // One lot past it, long or short; a flip one lot too far; a price at 2^31: reported, naming the record.
        string[] broken =
        [
            Run("contract-long", harness, [At(true, B - 1), At(true, 2)]),
            Run("contract-short", harness, [At(false, B), At(false, 1)]),
            Run("contract-flip", harness, [At(true, B), At(false, 2L * B + 1)]),
            Run("contract-price", harness, [At(true, 1, 1L << 31)]),
        ];
        foreach (var log in broken)
        {
            output.WriteLine(log.Trim());
            Assert.Contains($"{PortfolioSection.ViolationReport}: tape record ", log);
        }
        Assert.Contains($"record 1 (a fill of 2 lots at 100 ticks) leaves a position of {B + 1} lots", broken[0]);
        Assert.Contains($"leaves a position of {-(B + 1)} lots", broken[1]);
    }

    /// <summary>
    /// FILL_IDLE: the next Fill record exactly FILL_IDLE cycles after one (what every fill above does)
    /// is not reported; one cycle earlier it is, naming both records and the idle cycles it left.
    /// </summary>
    [Fact]
    public void The_fill_idle_check_fires_one_cycle_early_and_not_at_fill_idle()
    {
        Fill At(bool buy, long lots) => new(buy, 100, lots, 1, 1, 99, 101);
        Fill[] fills = [At(true, 3), At(true, 2), At(false, 5)];
        Assert.DoesNotContain(PortfolioFillEngine.IdleViolationReport, Run("idle-at", Harness(Section()), fills));
        var early = Run("idle-early", Harness(Section(), PortfolioFillEngine.IdleCycles - 1), fills);
        output.WriteLine(early.Trim());
        Assert.Contains($"{PortfolioFillEngine.IdleViolationReport}: tape record 1 came {PortfolioFillEngine.IdleCycles - 1} idle cycles after Fill record 0", early);
    }

    /// <summary>
    /// End to end (what `scalp sim` runs): a strategy that swings its position between +B and -B in
    /// single fills of 2B lots co-simulates with 0 mismatches; one whose fills take it past B fails the
    /// run with the contract's report instead of comparing decisions.
    /// </summary>
    [Fact]
    public void A_cosimulation_at_the_bound_agrees_and_one_past_it_fails_with_the_report()
    {
        var swing = $$"""
            strategy Swing
            instrument "GOOG" tick 0.01 lot 1 currency USD
            book depth 2
            rule open  priority 3 when position == 0 => buy {{B}} lots at market
            rule down  priority 2 when position > 0 and entry_price > 0 => sell {{2 * B}} lots at market
            rule up    priority 1 when position < 0 => buy {{2 * B}} lots at market
            risk max_position {{B}} lots
            risk max_orders   3 per 1s
            """;
        var at = CoSim(swing);
        Assert.True(at.Error is null, at.Error);
        Assert.True(at.Mismatches == 0, at.Summary);
        Assert.True(at.Fills >= 4, $"only {at.Fills} fills");
        output.WriteLine($"at the bound: {at.Summary}, {at.Fills} fills");
        var past = CoSim(swing.Replace($"max_position {B} lots", $"max_position {B + 1} lots", StringComparison.Ordinal)
            .Replace($"buy {B} lots", $"buy {B + 1} lots", StringComparison.Ordinal));
        Assert.NotNull(past.Error);
        Assert.Contains(PortfolioSection.ViolationReport, past.Error, StringComparison.Ordinal);
        output.WriteLine($"past it: {past.Error}");
    }

    private static ScalpLang.Hdl.CoSim.CoSimulation.Report CoSim(string source)
    {
        var program = Strategies.Lower(source);
        var dir = Tools.Scratch("portfolio-cosim");
        var tape = Tools.SyntheticTape(dir, 3, 3_000, program.BookDepth);
        var report = ScalpLang.Hdl.CoSim.CoSimulation.Run(program, tape, ScalpLang.Hdl.CoSim.SimulatorKind.Iverilog, Path.Combine(dir, "work"));
        Directory.Delete(dir, recursive: true);
        return report;
    }

    /// <summary>
    /// The open P&amp;L as a serial product before the evaluation (EvaluationFold's lead at R = 16, 6 and
    /// 3: 1, 2 and 8 Booth digits a cycle), loaded with the evaluation's request and read when the
    /// evaluation comes: the view, equity included, equals the runtime's fill by fill.
    /// </summary>
    [Theory]
    [InlineData(16, 1, 8)]
    [InlineData(6, 2, 4)]
    [InlineData(3, 8, 1)]
    public void The_serial_open_pnl_gives_the_runtime_view(int interval, int perStep, int steps)
    {
        var plan = EvaluationFold.PlanLead(interval, PortfolioSection.OpenPnlDigits);
        Assert.Equal((perStep, steps), plan);
        var fills = Sequences(seed: 7);
        var expected = Expected(fills);
        var got = Simulate("portfolio-serial", Harness(Section(plan), lead: 1 + steps), fills);
        for (var i = 0; i < fills.Count; i++)
            Assert.True(expected[i] == got[i], $"fill {i} ({fills[i].Line}): IL {expected[i]}, Verilog {got[i]}");
    }

    [Theory]
    [InlineData(@"(pf_open_pnl_left <= 4'd)8;", "${1}7;", "one step short")]
    [InlineData(@"\(pf_open_pnl_d0 == 3'b011\) \? pf_open_pnl_a2", "(pf_open_pnl_d0 == 3'b011) ? pf_open_pnl_a1", "a digit of 2 taken as 1")]
    [InlineData(@"(pf_open_pnl_h0 = pf_open_pnl_t0) >>> 2;", "$1 >>> 1;", "the partial product shifted one bit a digit")]
    [InlineData(@"(pf_open_pnl_lo <= \{pf_open_pnl_t0\[1:0\], pf_open_pnl_lo\[15:)2\]\}", "${1}2]} ^ 16'd1", "a low bit flipped as it shifts")]
    public void A_broken_serial_open_pnl_mismatches(string pattern, string replacement, string what)
    {
        var fills = Sequences(seed: 8);
        var expected = Expected(fills);
        var plan = EvaluationFold.PlanLead(16, PortfolioSection.OpenPnlDigits);
        var section = Section(plan);
        var broken = Regex.Replace(section, pattern, replacement);
        Assert.NotEqual(section, broken);
        var got = Simulate("portfolio-serial-broken", Harness(broken, lead: 1 + plan!.Value.Steps), fills);
        var wrong = Enumerable.Range(0, fills.Count).Count(i => expected[i] != got[i]);
        output.WriteLine($"{what}: {wrong} of {fills.Count} fills mismatch");
        Assert.True(wrong > 0, what);
    }

    /// <summary>The section as the module writes it (with a serial open P&amp;L when planned).</summary>
    private static string Section((int PerStep, int Steps)? serial = null)
    {
        var v = new StringBuilder();
        PortfolioSection.Write(v, serialOpenPnl: serial is not null);
        if (serial is { } plan)
            PortfolioSection.WriteSerialOpenPnl(v, plan.PerStep, plan.Steps);
        return v.ToString();
    }

    /// <summary>
    /// The section with the registers and wires it reads (as BookSection and EventSection declare them);
    /// one Fill record per vector, <paramref name="idle"/> cycles without a record (FILL_IDLE: the next
    /// Fill record comes exactly when the contract allows), then the view marked at the vector's book and time.
    /// </summary>
    /// <param name="lead">a serial open P&amp;L: the evaluation's request (eval_request) for a cycle once the book is set, the view read this many cycles after it.</param>
    private static string Harness(string section, int idle = PortfolioFillEngine.IdleCycles, int lead = 0) => $$"""
        `timescale 1ns/1ps
        module pf_harness;
            localparam [7:0] OP_FILL = 8'd6;
            localparam signed [63:0] CAPITAL_TICK_LOTS = 64'sd{{Capital}};
            reg clk = 1'b0;
            reg rst = 1'b1;
            reg r_valid = 1'b0;
            reg [7:0] r_op = 8'd0;
            reg [7:0] r_marks = 8'd0;
            reg [31:0] r_size = 32'd0;
            reg [31:0] r_price = 32'd0;
            reg [63:0] r_ts = 64'd0;
            reg [63:0] ev_ts = 64'd0;
            reg ev_open = 1'b0;
            wire r_end_of_event = r_marks[0];
            reg [30:0] bid_price_0 = 31'd0;
            reg [30:0] ask_price_0 = 31'd0;
            reg eval_request = 1'b0;
        {{section}}
            integer vectors, out, scanned;
            reg [63:0] buy, price, lots, ts, now, bid, ask;
            always #5 clk = !clk;
            initial begin
                vectors = $fopen("vectors.txt", "r");
                out = $fopen("out.txt", "w");
                @(negedge clk); @(negedge clk);
                rst = 1'b0;
                while (!$feof(vectors)) begin
                    scanned = $fscanf(vectors, "%d %d %d %d %d %d %d\n", buy, price, lots, ts, now, bid, ask);
                    if (scanned == 7) begin
                        r_valid = 1'b1; r_op = OP_FILL; r_marks = {5'd0, buy[0], 2'b00};
                        r_price = price[31:0]; r_size = lots[31:0]; r_ts = ts; ev_ts = ts;
                        @(negedge clk);
                        // in_valid low FILL_IDLE cycles after the record: the engine applies it meanwhile.
                        r_valid = 1'b0;
                        repeat ({{idle}}) @(negedge clk);
                        ev_ts = now; bid_price_0 = bid[30:0]; ask_price_0 = ask[30:0];
                        if ({{lead}} > 0) begin
                            eval_request = 1'b1;
                            @(negedge clk);
                            eval_request = 1'b0;
                            repeat ({{Math.Max(lead - 1, 0)}}) @(negedge clk);
                        end
                        #1 $fwrite(out, "%0d %0d %0d %0d %0d %0d\n", view_position, view_entry_price, view_time_in_position,
                            view_losses_in_a_row, view_equity, pf_realized);
                    end
                end
                $fclose(out);
                $finish;
            end
        endmodule

        """;

    private static List<string> Simulate(string name, string verilog, IReadOnlyList<Fill> fills) =>
        Tools.SimulateVectors(name, verilog, "pf_harness", fills.Select(f => f.Line).ToList());

    /// <summary>Runs the harness on a few fills and returns the simulator's output (the contract check's report).</summary>
    private static string Run(string name, string verilog, IReadOnlyList<Fill> fills)
    {
        var dir = Tools.Scratch(name);
        File.WriteAllText(Path.Combine(dir, "h.v"), verilog);
        File.WriteAllLines(Path.Combine(dir, "vectors.txt"), fills.Select(f => f.Line));
        var (exit, log) = Tools.Run("iverilog", dir, "-g2005", "-o", "sim", "-s", "pf_harness", "h.v");
        Assert.True(exit == 0, log);
        (exit, log) = Tools.Run("vvp", dir, "-n", "sim");
        Assert.True(exit == 0, log);
        Directory.Delete(dir, recursive: true);
        return log;
    }

    private sealed record State(long Position, long Realized, long Losses, bool Wrapped);

    /// <summary>The runtime's portfolio after each fill, and whether its realized P&amp;L has wrapped (its exact sum left 64 bits).</summary>
    private static List<State> Replay(IReadOnlyList<Fill> fills)
    {
        var p = new Portfolio(Capital);
        var exact = System.Numerics.BigInteger.Zero;
        var wrapped = false;
        var states = new List<State>();
        foreach (var f in fills)
        {
            var before = p.RealizedQ16;
            p.OnFill(f.Ts, f.Buy ? Side.Buy : Side.Sell, f.Price, f.Lots);
            exact += unchecked(p.RealizedQ16 - before);   // the step itself is below 2^63 in magnitude
            wrapped |= exact != p.RealizedQ16;
            states.Add(new State(p.Position, p.RealizedQ16, p.LossesInARow, wrapped));
        }
        return states;
    }

    /// <summary>The view BacktestEngine.UpdatePortfolioView builds after each fill, with the realized P&amp;L.</summary>
    private static List<string> Expected(IReadOnlyList<Fill> fills)
    {
        var p = new Portfolio(Capital);
        var lines = new List<string>();
        foreach (var f in fills)
        {
            p.OnFill(f.Ts, f.Buy ? Side.Buy : Side.Sell, f.Price, f.Lots);
            var (bid, ask) = (Q.FromInteger(f.Bid), Q.FromInteger(f.Ask));
            var mid = bid > 0 && ask > 0 ? (bid + ask) / 2 : p.EntryPriceQ16;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Q.FromInteger(p.Position)} {p.EntryPriceQ16} {p.TimeInPosition(f.Now)} {Q.FromInteger(p.LossesInARow)} {p.EquityQ16(mid)} {p.RealizedQ16}"));
        }
        return lines;
    }

    /// <summary>
    /// Fill sequences that keep |position| &lt;= B: hand-written extremes (a full long at the top price
    /// closed at 1 tick, four times, wraps the realized P&amp;L; +B to -B in one fill), then random
    /// adds, partial closes, flips and closes to flat at small, mid and extreme prices and sizes.
    /// </summary>
    private static List<Fill> Sequences(int seed)
    {
        var random = new Random(seed);
        var fills = new List<Fill>();
        long position = 0, t = 1_340_271_000_000_000_000;
        void Add(bool buy, long price, long lots)
        {
            t += random.Next(1, 1_000_000);
            var (bid, ask) = random.Next(6) switch
            {
                0 => (0L, 0L),
                1 => ((long)int.MaxValue - 1, (long)int.MaxValue),
                2 => (1L, 0L),
                _ => (Math.Max(1, price - random.Next(0, 3)), Math.Min(int.MaxValue, price + random.Next(1, 3))),
            };
            fills.Add(new Fill(buy, price, lots, t, t + random.Next(0, 5_000_000), bid, ask));
            position += buy ? lots : -lots;
            Assert.InRange(position, -B, B);
        }
        // Losing round trips at the extremes: realized falls ~2^62 a trip and wraps.
        for (var k = 0; k < 5; k++)
        {
            Add(true, int.MaxValue, B);
            Add(false, 1, B);
        }
        // Winning ones, short then long, and the flips +B -> -B -> +B in single fills of 2B lots.
        Add(false, int.MaxValue, B);
        Add(true, 1, 2L * B);
        Add(false, int.MaxValue - 7, 2L * B);
        Add(true, int.MaxValue - 7, B);
        long Price() => random.Next(4) switch
        {
            0 => random.Next(1, 100),
            1 => int.MaxValue - random.Next(0, 100),
            _ => random.Next(1, int.MaxValue),
        };
        long Lots(long most) => most <= 0 ? 0 : random.Next(3) switch
        {
            0 => most,
            1 => Math.Min(most, random.Next(1, 4)),
            _ => random.NextInt64(1, most + 1),
        };
        for (var i = 0; i < 1_500; i++)
        {
            var price = Price();
            switch (random.Next(4))
            {
                case 0:   // add (or open), up to the bound
                {
                    var buy = position > 0 || (position == 0 && random.Next(2) == 0);
                    var lots = Lots(B - Math.Abs(position));
                    if (lots > 0)
                        Add(buy, price, lots);
                    break;
                }
                case 1:   // partial close
                    if (Math.Abs(position) > 1)
                        Add(position < 0, price, random.NextInt64(1, Math.Abs(position)));
                    break;
                case 2:   // close to flat
                    if (position != 0)
                        Add(position < 0, price, Math.Abs(position));
                    break;
                default:  // flip through zero
                    if (position != 0)
                        Add(position < 0, price, Math.Abs(position) + Lots(B));
                    break;
            }
        }
        return fills;
    }
}

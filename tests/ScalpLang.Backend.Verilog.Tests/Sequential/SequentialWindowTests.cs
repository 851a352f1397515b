using ScalpLang.Backend.Verilog.Sequential;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;
using ScalpLang.Runtime.Tape;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests.Sequential;

/// <summary>
/// Strategies with windows as one sequential-core program (SequentialWindows) take the IL's
/// decision at every evaluation in the machine: the goldens with windows and a small strategy per
/// window kind whose decisions carry the window's value bit for bit (as a limit price or a
/// quantity), on the synthetic tape and on the same tape with gaps in time (20 ms to 12 s: a
/// bucket's next one, many buckets, more than a window, more than atr's bars, and past a record's
/// 32-bit delta, so Clock records), with the host's fills (the evaluations after our own fill).
/// A routine broken on purpose (a ring slot never cleared) is caught by the decisions.
/// </summary>
public sealed class SequentialWindowTests(ITestOutputHelper output)
{
    private const string Header = """
        instrument "GOOG" tick 0.01 lot 1 currency USD
        book depth 3

        """;

    /// <summary>Market orders at the extremes (fills, so evaluations after our own fill), and the value in every other decision.</summary>
    private const string Risk = """

        risk max_position 3 lots
        risk max_orders   20 per 1s
        """;

    private const string AggressorRules = """
        signal aggr = aggressor_ratio(window: 500ms)
        rule hi  priority 3 when aggr > 0.9 => buy 1 lot at market
        rule lo  priority 2 when aggr < 0.1 => sell 1 lot at market
        rule all priority 1 when aggr >= aggr => buy 1 lot at bid - 1 tick + aggr * 1 tick
        """;

    /// <summary>Samples near 2^61 and -2^62 (the products wrap for a high bid): their sums need the 128-bit words.</summary>
    private const string SmaWideRules = """
        signal big = sma(of: bid * 3000000000, window: 320ms)
        signal low = sma(of: bid * -7000000000, window: 2s)
        rule all priority 1 when big >= big => sell 1 lot at ask + (big - bid) + (low - bid)
        """;

    public static TheoryData<string, string> Kinds => new()
    {
        { "aggressor_ratio", AggressorRules },
        { "cancel_rate", """
            signal cx = cancel_rate(window: 1s)
            rule hi  priority 3 when cx > 0.95 => sell 1 lot at market
            rule lo  priority 2 when cx < 0.3 => buy 1 lot at market
            rule all priority 1 when cx >= cx => sell 1 lot at ask + 1 tick + cx * 1 tick
            """ },
        { "atr", """
            signal vol = atr(window: 10s, bar: 1s)
            rule hi  priority 2 when vol > 4 => sell 1 lot at market
            rule all priority 1 when vol >= vol => buy 1 lot at bid - 1 tick - vol
            """ },
        { "atr-short-bars", """
            signal vol = atr(window: 320ms, bar: 32ms)
            rule hi  priority 2 when vol > 3 => buy 1 lot at market
            rule all priority 1 when vol >= vol => sell 1 lot at ask + 1 tick + vol
            """ },
        { "trade_volume", """
            signal vol = trade_volume(window: 320ms)
            rule hi  priority 2 when vol > 400 lots => sell 1 lot at market
            rule all priority 1 when vol >= vol => buy vol at bid - 1 tick
            """ },
        { "vwap", """
            signal fair = vwap(window: 640ms)
            rule hi  priority 2 when fair > ask => buy 1 lot at market
            rule all priority 1 when fair >= fair => sell 1 lot at fair + 5 ticks
            """ },
        { "sma", """
            signal avg = sma(of: bid, window: 320ms)
            signal neg = sma(of: bid - ask, window: 640ms)
            rule hi  priority 2 when neg < -2 ticks => buy 1 lot at market
            rule all priority 1 when avg >= avg => buy 1 lot at avg - 2 ticks + neg
            """ },
        { "sma-wide", SmaWideRules },
        { "avg_depth", """
            signal thick = avg_depth(window: 1s, levels: 3)
            rule hi  priority 2 when depth(levels: 3) < 0.5 * thick => sell 1 lot at market
            rule all priority 1 when thick >= thick => buy thick at bid - 1 tick
            """ },
        { "ema", """
            signal cx = cancel_rate(window: 320ms)
            signal e  = ema(of: mid, window: 640ms)
            signal c  = ema(of: cx, window: 2s)
            rule hi  priority 2 when cx > 2 * c => buy 1 lot at market
            rule all priority 1 when e >= e => buy 1 lot at e - 2 ticks + c * 1 tick
            """ },
        { "zscore", """
            signal z = zscore(of: mid, window: 640ms)
            signal w = zscore(of: bid * -7000000000, window: 3s)
            rule hi  priority 2 when z > 1.5 => buy 1 lot at market
            rule all priority 1 when z >= z => buy 1 lot at bid - 5 ticks + z * 1 tick + w * 1 tick
            """ },
        { "every-sum-and-atr", """
            signal aggr = aggressor_ratio(window: 500ms)
            signal cx   = cancel_rate(window: 1s)
            signal vol  = atr(window: 10s, bar: 1s)
            signal tv   = trade_volume(window: 500ms)
            signal fair = vwap(window: 1s)
            rule a priority 3 when aggr > 0.8 and cx < 0.8 => buy 1 lot at market
            rule b priority 2 when aggr < 0.2 and vol > 1 => sell 1 lot at market
            rule c priority 1 when tv >= tv => buy tv at fair - vol + (aggr - cx) * 1 tick
            """ },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_window_takes_the_ils_decisions_on_the_synthetic_tape(string kind, string rules) =>
        Check(kind, Strategies.Lower(Source(kind, rules)), reshape: null);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_window_takes_the_ils_decisions_across_gaps_in_time(string kind, string rules) =>
        Check(kind + " (gaps)", Strategies.Lower(Source(kind, rules)), WithGaps);

    [Theory]
    [InlineData("06-sum-ring")]
    [InlineData("07-sample-ring")]
    public void A_golden_with_windows_takes_the_ils_decisions(string golden) =>
        Check(golden, Strategies.Golden(golden), reshape: null);

    /// <summary>
    /// Golden 04-windows needs more than the core's 512 registers (ten windows, seven of them rings
    /// of 32 or 64 words), so its windows and rules are checked in two halves, each the golden's own
    /// lines.
    /// </summary>
    [Theory]
    [InlineData("04-windows, first half", """
        signal aggr    = aggressor_ratio(window: 500ms)
        signal cancels = cancel_rate(window: 1s)
        signal spike   = volume_spike(window: 1s, baseline: 8s, factor: 2)
        signal smooth  = ema(of: cancels, window: 4s)
        signal z       = zscore(of: mid, window: 3s)

        rule a priority 9 when z > 1.5 and aggr > 0.6 => buy 1 lot at market
        rule b priority 8 when z < -1.5 and aggr < 0.4 => sell 1 lot at market
        rule c priority 7 when cancels > 2 * smooth and spike => wait
        """)]
    [InlineData("04-windows, second half", """
        param w: duration = 2s in 32ns..10s

        signal vol     = trade_volume(window: 1s)
        signal fair    = vwap(window: w)
        signal range   = atr(window: 10s, bar: 1s)
        signal avg_sp  = sma(of: spread, window: 2s)
        signal thick   = avg_depth(window: 1s, levels: 3)

        rule d priority 6 when depth(levels: 3) < 0.5 * thick => cancel_all
        rule e priority 5 when spread >= avg_sp + 1 and vol > 0 => buy vol / 100 at fair
        rule f priority 4 when range > 3 => sell thick / 10 at bid + range
        """)]
    public void A_golden_too_big_for_the_register_file_takes_the_ils_decisions_in_halves(string name, string rules) =>
        Check(name, Strategies.Lower($"""
            strategy WindowTour
            instrument "GOOG" tick 0.01 lot 1 currency USD
            book depth 5

            {rules}
            """), reshape: null);

    /// <summary>
    /// examples/imbalance_scalper.scalp without what reads the portfolio (its exits and its circuit
    /// breaker, with drawdown): its book, its three windows and its rules fit the register file and
    /// take the IL's decisions.
    /// </summary>
    [Fact]
    public void The_imbalance_scalpers_windows_take_the_ils_decisions() =>
        Check("imbalance scalper without the portfolio", Strategies.Lower("""
            strategy ImbalanceWindows
            instrument "AAPL" tick 0.01 lot 100 currency USD
            book depth 5

            param threshold: ratio  = 0.60 in 0.50..0.90
            param max_spread: ticks = 2 in 1..5
            param size: lots        = 1 in 1..5
            param p_win: ratio      = 0.58 in 0.50..0.70

            signal imb   = imbalance(levels: 5)
            signal aggr  = aggressor_ratio(window: 500ms)
            signal vol   = atr(window: 10s, bar: 1s)
            signal spoof = cancel_rate(window: 1s) > 80%

            filter positive_edge when edge(p_win: p_win, gain: 2 ticks, loss: 1.5 * vol, fees: 0.2 ticks) > 0

            rule stand_aside priority 30 when spoof => wait
            rule long        priority 20 when imb > threshold and spread <= max_spread and aggr > 0.6
                                         => buy size at market
            rule short       priority 10 when imb < -threshold and spread <= max_spread and aggr < 0.4
                                         => sell size at market

            risk max_position 5 lots
            risk max_orders   50 per 1s
            """), WithGaps);

    /// <summary>
    /// A ring's clearing made a NOP (the same timing): the instruction that writes 0 at I. In the
    /// sum rings it clears a slot time passed over, so the slot keeps its old amounts and the
    /// totals drift; in atr's ring it runs only when a gap skips N bars or more (the gapped tape's
    /// 12 s gaps against 10 bars), so the old ranges leave a sum that was set to 0. Either way the
    /// decisions that carry the value leave the IL's.
    /// </summary>
    [Theory]
    [InlineData("aggressor_ratio", false, 2, 2)]
    [InlineData("atr", true, 2, 1)]
    public void A_ring_slot_that_is_not_cleared_is_caught(string kind, bool gaps, int zeroWrites, int broken)
    {
        var rules = kind == "atr" ? """
            signal vol = atr(window: 10s, bar: 1s)
            rule all priority 1 when vol >= vol => buy 1 lot at bid - 1 tick - vol
            """ : AggressorRules;
        var (found, wrong, evaluations) = Sabotaged(Strategies.Lower(Source(kind, rules)), gaps ? WithGaps : null, broken,
            (x, program) => x is { Op: MicroOp.Add, IndexD: true } && x.A == x.B && program.InitialRegisters.TryGetValue(x.A, out var v) && v == 0);
        // A sum window's: its clearing, one per lane; atr's: its clearing loop, then the flat bars' push of 0 (kept).
        Assert.Equal(zeroWrites, found);
        output.WriteLine($"{kind}{(gaps ? " (gaps)" : "")}, its ring not cleared: {wrong} of {evaluations} decisions differ from the IL's");
        Assert.True(wrong > 0);
    }

    /// <summary>
    /// The sample windows' 128-bit sums with the sign extension of the added or subtracted sample
    /// dropped (its high word taken as 0): the means of negative samples near -2^62 leave the IL's.
    /// </summary>
    [Fact]
    public void A_wide_sum_without_the_samples_sign_is_caught()
    {
        var (found, wrong, evaluations) = Sabotaged(Strategies.Lower(Source("sma-wide", SmaWideRules)), null, int.MaxValue,
            (x, _) => x is { Op: MicroOp.ShiftRightSigned, B: 63 });
        output.WriteLine($"sma-wide, {found} sign extensions dropped: {wrong} of {evaluations} decisions differ from the IL's");
        Assert.True(found > 0);
        Assert.True(wrong > 0);
    }

    /// <summary>
    /// The evaluation after our own fill made to add the event's amounts again (the mask that zeroes
    /// them, refill - 1, made 0 - 1): the sums count a filled event twice, and the ratios drift.
    /// </summary>
    [Fact]
    public void Amounts_counted_again_after_our_own_fill_are_caught()
    {
        var (micro, reference, records) = StrategyReplay.Prepare(Strategies.Lower(Source("aggressor_ratio", AggressorRules)));
        int Constant(long value) => micro.InitialRegisters.Single(r => r.Value == value).Key;
        // refill = (op == 6), the Fill op; its reader refill - 1 is the mask.
        var fillTests = micro.Instructions.Where(x => x.Op == MicroOp.Equal && x.B == Constant(6)).Select(x => x.D).ToHashSet();
        var found = 0;
        var code = micro.Instructions.Select(x =>
        {
            if (x is not { Op: MicroOp.Sub } || !fillTests.Contains(x.A) || x.B != Constant(1))
                return x;
            found++;
            return x with { A = Constant(0) };
        }).ToList();
        Assert.Equal(1, found);
        var emitted = new MicroMachine(micro with { Instructions = code }).Run(records);
        var wrong = Enumerable.Range(0, emitted.Count).Count(i => reference.Decisions[i] != StrategyReplay.Decision(emitted[i].Words));
        output.WriteLine($"amounts counted again after our own fill ({reference.Events.Count(e => e.Reevaluated)} such evaluations): {wrong} of {emitted.Count} decisions differ from the IL's");
        Assert.True(wrong > 0);
    }

    /// <summary>Runs the program with the first <paramref name="broken"/> instructions that <paramref name="matches"/> made NOPs: those found, the decisions unlike the IL's, the evaluations.</summary>
    private static (int Found, int Wrong, int Evaluations) Sabotaged(IrProgram program, Func<string, string>? reshape, int broken,
        Func<MicroInstruction, MicroProgram, bool> matches)
    {
        var (micro, reference, records) = StrategyReplay.Prepare(program, reshape: reshape);
        var found = 0;
        var code = micro.Instructions.Select(x => !matches(x, micro) ? x : ++found <= broken ? new MicroInstruction(MicroOp.Nop) : x).ToList();
        var emitted = new MicroMachine(micro with { Instructions = code }).Run(records);
        Assert.Equal(reference.Decisions.Count, emitted.Count);
        var wrong = Enumerable.Range(0, emitted.Count).Count(i => reference.Decisions[i] != StrategyReplay.Decision(emitted[i].Words));
        return (found, wrong, emitted.Count);
    }

    private static string Source(string kind, string rules) =>
        $"strategy Seq{string.Concat(kind.Split('_', '-', ' ').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))}\n{Header}{rules}{Risk}";

    private void Check(string name, IrProgram program, Func<string, string>? reshape)
    {
        var (micro, reference, records) = StrategyReplay.Prepare(program, reshape: reshape);
        var (machine, emitted, acted) = StrategyReplay.RunAsTheIl(micro, reference, records);
        var refills = reference.Events.Count(e => e.Reevaluated);
        var most = emitted.Max(e => e.CyclesSinceRecord);
        output.WriteLine($"{name}: {records.Count} records, {emitted.Count} evaluations ({refills} after our own fill), {acted} acted, all as the IL; " +
            $"{micro.Instructions.Count} instructions, {Registers(micro)} registers, {machine.Cycles / records.Count} cycles a record on average, at most {most} from Wait to Emit");
        Assert.True(acted > 0);
    }

    /// <summary>The registers a program names (the reset names every register of a ring), constants included.</summary>
    private static int Registers(MicroProgram micro) =>
        1 + micro.Instructions.Where(x => x.Op != MicroOp.Nop && !x.Branches)
            .SelectMany(x => (int[])[x.WritesRegister ? x.D : 0, x.ReadsA ? x.A : 0, x.ReadsB ? x.B : 0])
            .Concat(micro.InitialRegisters.Keys).Max();

    /// <summary>
    /// The tape at <paramref name="path"/> again with gaps in time before some events (one in 150,
    /// drawn from 20 ms to 12 s; the writer bridges those over 4.29 s with a Clock record).
    /// </summary>
    internal static string WithGaps(string path)
    {
        var gapped = Path.Combine(Path.GetDirectoryName(path)!, "gapped.tape");
        long[] gaps = [20_000_000, 70_000_000, 400_000_000, 1_300_000_000, 2_500_000_000, 5_000_000_000, 12_000_000_000];
        var random = new Random(5);
        using var source = TapeFile.Open(path);
        using var stream = File.Create(gapped);
        var writer = new TapeWriter(stream, source.Header.Instrument, source.Header.Depth);
        long ts = source.Header.StartTs, offset = 0;
        var eventStart = true;
        var records = source.Records;
        for (var n = 0; n < records.Length / TapeRecord.Length; n++)
        {
            var r = TapeRecord.Read(records.Slice(n * TapeRecord.Length, TapeRecord.Length));
            ts += r.TimeDelta;
            if (r.Op == TapeOp.Clock)
            {
                ts += ((long)(uint)r.Price << 32) | (uint)r.Size;
                continue;
            }
            if (eventStart && random.Next(150) == 0)
                offset += gaps[random.Next(gaps.Length)];
            writer.Append(ts + offset, r.Op, r.Flags & ~TapeMarks.EndOfEvent, r.Aux, r.Price, r.Size);
            eventStart = (r.Flags & TapeMarks.EndOfEvent) != 0;
            if (eventStart)
                writer.EndEvent();
        }
        writer.Complete();
        return gapped;
    }
}

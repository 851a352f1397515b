using ScalpLang.Backend.Verilog.Sequential;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Runtime.Abi.Windows;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Trading;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests.Sequential;

/// <summary>
/// The portfolio on the sequential core (SequentialPortfolio, SequentialPeakSinceEntry): strategies
/// that read position, entry, time in position, losses in a row and trailing stops take the IL's
/// decision at every evaluation on the synthetic tape with the host's fills, in the machine; the
/// fill arithmetic, the view, equity and a peak equal Portfolio.OnFill, BacktestEngine's view and
/// PeakSinceEntry record by record on random fills (adds, partial closes, closes, flips, 0 lots,
/// extreme prices and sizes). A flip that keeps the old entry is caught by both; a win that does not
/// clear the losses in a row and a peak that is never held are caught on the random fills.
/// </summary>
public sealed class SequentialPortfolioTests(ITestOutputHelper output)
{
    /// <summary>Opens, adds, flips and trims on the book's lean; every exit (a trailing stop across flips); a breaker on losses in a row.</summary>
    private const string Exits = """
        strategy Exits
        instrument "GOOG" tick 0.01 lot 1 currency USD
        book depth 2
        rule add_long   priority 4 when bid_depth(levels: 1) > ask_depth(levels: 1) + 5 lots and position >= 0 lots and position < 4 lots => buy 2 lots at market
        rule flip_short priority 3 when ask_depth(levels: 1) > bid_depth(levels: 1) + 5 lots and position > 0 lots => sell 5 lots at market
        rule open_short priority 2 when ask_depth(levels: 1) > bid_depth(levels: 1) + 5 lots and position == 0 lots => sell 3 lots at market
        rule trim       priority 1 when position < -2 lots and spread <= 1 tick => buy 1 lots at market
        exit take_profit 2 ticks
        exit stop_loss   3 ticks
        exit trailing_stop 2 ticks
        exit time_stop   5s
        risk max_position 8 lots
        risk circuit_breaker when losses_in_a_row >= 20 => kill
        """;

    /// <summary>A trailing stop on a long that adds, and rules that read the entry and the time in position.</summary>
    private const string Trailing = """
        strategy Trailing
        instrument "GOOG" tick 0.01 lot 1 currency USD
        book depth 2
        rule open   priority 3 when position == 0 lots and bid_depth(levels: 2) > ask_depth(levels: 2) => buy 2 lots at market
        rule add    priority 2 when position > 0 lots and position < 6 lots and bid < entry_price - 1 tick => buy 2 lots at market
        rule reduce priority 1 when position > 2 lots and time_in_position > 3s and bid > entry_price => sell 1 lots at market
        exit trailing_stop 2 ticks
        exit time_stop     20s
        risk max_position 6 lots
        """;

    /// <summary>Shorts and longs stopped out often: the breaker on three losses in a row kills.</summary>
    private const string Breaker = """
        strategy Breaker
        instrument "GOOG" tick 0.01 lot 1 currency USD
        book depth 1
        rule long  priority 2 when position == 0 lots and bid_depth(levels: 1) > ask_depth(levels: 1) => buy 1 lots at market
        rule short priority 1 when position == 0 lots and bid_depth(levels: 1) < ask_depth(levels: 1) => sell 1 lots at market
        exit take_profit 1 ticks
        exit stop_loss   4 ticks
        exit time_stop   3s
        risk circuit_breaker when losses_in_a_row >= 3 => kill
        """;

    /// <summary>Limit orders at the touch that rest and fill in a later event (fills before its evaluation, at its time).</summary>
    private const string Resting = """
        strategy Resting
        instrument "GOOG" tick 0.01 lot 1 currency USD
        book depth 2
        rule bid_long  priority 2 when position <= 0 lots and bid_depth(levels: 1) > ask_depth(levels: 1) => buy 2 lots at bid
        rule ask_short priority 1 when position >= 0 lots and bid_depth(levels: 1) < ask_depth(levels: 1) => sell 2 lots at ask
        exit take_profit 2 ticks
        exit stop_loss   2 ticks
        exit time_stop   10s
        risk max_position 4 lots
        risk max_orders   5 per 1s
        """;

    public static TheoryData<string, int> Sources => new()
    {
        { nameof(Exits), 11 }, { nameof(Exits), 5 }, { nameof(Trailing), 11 }, { nameof(Trailing), 5 }, { nameof(Breaker), 11 }, { nameof(Breaker), 5 },
        { nameof(Resting), 11 }, { nameof(Resting), 5 },
    };

    private static string Source(string name) => name switch
    {
        nameof(Exits) => Exits,
        nameof(Trailing) => Trailing,
        nameof(Resting) => Resting,
        _ => Breaker,
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_strategy_that_reads_the_portfolio_takes_the_ils_decisions_in_the_machine(string name, int seed)
    {
        var (micro, reference, records) = StrategyReplay.Prepare(Strategies.Lower(Source(name)), seed);
        var (machine, emitted, acted) = StrategyReplay.RunAsTheIl(micro, reference, records);
        var kinds = FillKinds(reference);
        var killedAt = reference.Decisions.FindIndex(d => d.Kill);
        var byDecision = string.Join(" ", reference.Decisions.Where(d => d.Action != 0).GroupBy(d => d.Decision).OrderBy(g => g.Key).Select(g => $"#{g.Key}:{g.Count()}"));
        output.WriteLine($"{name}, tape seed {seed}: {records.Count} records, {emitted.Count} evaluations, {acted} acted ({byDecision}), all as the IL; " +
            $"{(killedAt < 0 ? "no kill" : $"killed at evaluation {killedAt}")}; fills {Describe(kinds)} " +
            $"({reference.Events.Sum(e => e.Before.Count)} before an evaluation, {reference.Events.Sum(e => e.After.Count + e.AfterReevaluation.Count)} after); " +
            $"{micro.Instructions.Count} instructions, {machine.Cycles / records.Count} cycles a record on average, at most {emitted.Max(e => e.CyclesSinceRecord)} from Wait to Emit");
        Assert.True(kinds[FillKind.Open] > 0 && kinds[FillKind.Close] > 0, "the strategy opens and closes positions");
        if (name == nameof(Exits))
            Assert.True(kinds[FillKind.Add] > 0 && kinds[FillKind.Reduce] > 0 && kinds[FillKind.Flip] > 0, "Exits adds, reduces and flips");
        if (name == nameof(Breaker))
            Assert.Contains(reference.Decisions, d => d.Kill);
    }

    /// <summary>The same strategy with the flip's entry select keeping the old entry: some evaluation differs from the IL's.</summary>
    [Fact]
    public void A_flip_that_keeps_the_old_entry_is_caught_against_the_il()
    {
        var (micro, reference, records) = StrategyReplay.Prepare(Strategies.Lower(Exits));
        var emitted = new MicroMachine(KeepEntryOnFlip(micro, FlipEntrySelect(micro))).Run(records);
        var differ = Enumerable.Range(0, Math.Min(emitted.Count, reference.Decisions.Count))
            .Count(i => reference.Decisions[i] != StrategyReplay.Decision(emitted[i].Words));
        output.WriteLine($"a flip that keeps the old entry: {differ} of {reference.Decisions.Count} evaluations differ from the IL");
        Assert.True(differ > 0 || emitted.Count != reference.Decisions.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_fill_arithmetic_the_view_equity_and_a_peak_are_the_runtimes_on_random_fills(int seed)
    {
        var harness = new Harness(capitalTickLots: 10_000_000 + seed);
        var (fills, firstDifference) = harness.Replay(seed, 3_000, harness.Program);
        Assert.True(firstDifference is null, firstDifference);
        output.WriteLine($"seed {seed}: {Describe(fills)}, every record as Portfolio.OnFill, the view, EquityQ16 and PeakSinceEntry; " +
            $"{harness.Program.Instructions.Count} instructions; a Fill record (with the view, equity and the peak after it) {harness.FillCycles.Min()}..{harness.FillCycles.Max()} cycles " +
            $"from Wait to Wait, a book record {harness.BookCycles.Min()}..{harness.BookCycles.Max()}");
        Assert.True(fills[FillKind.Add] > 0 && fills[FillKind.Reduce] > 0 && fills[FillKind.Close] > 0 && fills[FillKind.Flip] > 0);
    }

    /// <summary>Sabotaged programs: a flip that keeps the old entry, a winning round trip that does not clear the losses, a peak that is never held.</summary>
    [Theory]
    [InlineData("flip keeps the entry")]
    [InlineData("losses never cleared")]
    [InlineData("peak not held")]
    public void A_broken_portfolio_is_caught_on_random_fills(string sabotage)
    {
        var harness = new Harness(capitalTickLots: 10_000_000);
        var broken = sabotage switch
        {
            "flip keeps the entry" => KeepEntryOnFlip(harness.Program, harness.FlipEntrySelect()),
            "losses never cleared" => harness.Patched(x => x.Op == MicroOp.Select && x.D == harness.Portfolio.LossesInARow, x => x with { B = x.D }),
            _ => harness.Patched(x => x.Op == MicroOp.Select && x.D == harness.Peak && x.A == harness.Peak, x => x with { A = x.B }),
        };
        var (_, firstDifference) = harness.Replay(1, 3_000, broken);
        output.WriteLine($"{sabotage}: {firstDifference}");
        Assert.NotNull(firstDifference);
    }

    /// <summary>What a fill does to the position it meets.</summary>
    private enum FillKind { Open, Add, Reduce, Close, Flip, ZeroOnFlat, Extreme }

    private static Dictionary<FillKind, int> NewCounts() => Enum.GetValues<FillKind>().ToDictionary(k => k, _ => 0);

    private static FillKind Classify(long position, long signedLots)
    {
        var after = unchecked(position + signedLots);
        if (position == 0)
            return signedLots == 0 ? FillKind.ZeroOnFlat : FillKind.Open;
        if (signedLots != 0 && Math.Sign(signedLots) == Math.Sign(position))
            return FillKind.Add;
        return after == 0 ? FillKind.Close : Math.Sign(after) != Math.Sign(position) ? FillKind.Flip : FillKind.Reduce;
    }

    /// <summary>The host's fills in booking order, classified against the position they met.</summary>
    private static Dictionary<FillKind, int> FillKinds(ScalpLang.Hdl.CoSim.HostReference.Run run)
    {
        var counts = NewCounts();
        long position = 0;
        foreach (var e in run.Events)
        {
            foreach (var fill in e.Before.Concat(e.After).Concat(e.AfterReevaluation))
            {
                var signed = fill.Side == Side.Buy ? fill.Lots : -fill.Lots;
                counts[Classify(position, signed)]++;
                position += signed;
            }
        }
        return counts;
    }

    private static string Describe(Dictionary<FillKind, int> counts) =>
        string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"));

    /// <summary>
    /// The flip's entry select in a strategy's program: the entry is the one register two selects of 0
    /// write (the entry's quotient, 0 for a 0 divisor, then the close's 0 or the flip's price); the later.
    /// </summary>
    private static int FlipEntrySelect(MicroProgram program)
    {
        var zero = program.InitialRegisters.Single(r => r.Value == 0).Key;
        var code = program.Instructions;
        var entry = Enumerable.Range(0, code.Count).Where(k => code[k].Op == MicroOp.Select && code[k].A == zero && !code[k].IndexD)
            .GroupBy(k => code[k].D).Single(g => g.Count() == 2);
        return entry.Max();
    }

    /// <summary>The program with the flip's entry select keeping the entry it had (a close still leaves 0).</summary>
    private static MicroProgram KeepEntryOnFlip(MicroProgram program, int select)
    {
        var code = program.Instructions.ToArray();
        code[select] = code[select] with { B = code[select].D };
        return program with { Instructions = code };
    }

    /// <summary>
    /// A program of the book (1 level), the event, the portfolio, every view input, equity and a peak of
    /// equity, run record by record beside Portfolio, the view BacktestEngine builds and PeakSinceEntry.
    /// Every record is an event of its own: a Fill record's time is the record's.
    /// </summary>
    private sealed class Harness
    {
        public MicroProgram Program { get; }

        /// <summary>Cycles from Wait to Wait per Fill record and per book record, of the last replay.</summary>
        public List<long> FillCycles { get; } = [];
        public List<long> BookCycles { get; } = [];

        private readonly long _capital;
        private readonly SequentialPortfolio _portfolio;
        private readonly int _zero;
        private readonly int _equity;
        private readonly int _peak;

        public SequentialPortfolio Portfolio => _portfolio;

        /// <summary>The register the peak of equity is kept in.</summary>
        public int Peak => _peak;

        /// <summary>The program with the one instruction <paramref name="which"/> picks changed by <paramref name="change"/>.</summary>
        public MicroProgram Patched(Func<MicroInstruction, bool> which, Func<MicroInstruction, MicroInstruction> change)
        {
            var code = Program.Instructions.ToArray();
            var k = Array.FindIndex(code, x => which(x));
            Assert.True(k >= 0 && Array.FindLastIndex(code, x => which(x)) == k, "one instruction to break");
            code[k] = change(code[k]);
            return Program with { Instructions = code };
        }
        private readonly Dictionary<IrInputKind, int> _view = [];

        public Harness(long capitalTickLots)
        {
            _capital = capitalTickLots;
            var asm = new MicroAssembler(SequentialStrategy.RecordWords, 1);
            var book = new SequentialBook(asm, 1);
            var operators = new MicroOperators(asm);
            var events = new SequentialEvent(asm, book, 1);
            var peak = new IrPeakSinceEntry(0, ScalpType.Ticks, new IrValue(0));
            _portfolio = new SequentialPortfolio(asm, operators, book, events, [peak], capitalTickLots);
            _zero = asm.Constant(0);
            book.EmitReset();
            events.EmitReset();
            _portfolio.EmitReset();
            var top = asm.NewLabel();
            asm.Place(top);
            asm.Wait();
            book.EmitDecode();
            events.EmitRecord();
            book.EmitUpdate();
            _portfolio.EmitFill();
            foreach (var kind in (IrInputKind[])[IrInputKind.Position, IrInputKind.EntryPrice, IrInputKind.TimeInPosition, IrInputKind.LossesInARow])
            {
                _view[kind] = asm.Register();
                _portfolio.EmitInput(kind, _view[kind]);
            }
            _equity = asm.Register();
            _portfolio.EmitEquity(_equity);
            _peak = _portfolio.EmitPeak(peak, _equity);
            asm.Jump(MicroOp.Jump, top);
            Program = asm.Assemble();
        }

        /// <summary>The flip's entry select: the last select of 0 into the entry.</summary>
        public int FlipEntrySelect() =>
            Enumerable.Range(0, Program.Instructions.Count).Last(k => Program.Instructions[k] is { Op: MicroOp.Select } x && x.D == _portfolio.EntryPrice && x.A == _zero);

        /// <summary>Random records through <paramref name="program"/> (this harness's, or a broken copy); the fills by kind and the first difference.</summary>
        public (Dictionary<FillKind, int> Fills, string? FirstDifference) Replay(int seed, int count, MicroProgram program)
        {
            var random = new Random(seed);
            var machine = new MicroMachine(program);
            machine.Run([]);
            var reference = new Portfolio(_capital);
            var peak = new PeakSinceEntry();
            var counts = NewCounts();
            long now = 0, bid = 0, ask = 0;
            for (var n = 0; n < count; n++)
            {
                var delta = (uint)random.Next(0, 2_000_000_000);
                now += delta;
                int op, marks = 1, price, size;
                var what = random.Next(10);
                if (what < 3)
                {
                    // The book (one level a side): a new best, or the side emptied.
                    var isAsk = random.Next(2) == 1;
                    op = random.Next(4) == 0 ? 2 : 0;
                    marks |= isAsk ? 8 : 0;
                    price = 10_000 + random.Next(-40, 40) + (isAsk ? 1 : 0);
                    size = random.Next(1, 50);
                    var best = op == 0 ? (long)price : 0;
                    (bid, ask) = isAsk ? (bid, best) : (best, ask);
                }
                else
                {
                    (price, size, var buy) = RandomFill(random, reference.Position, what, counts);
                    op = 6;
                    marks |= buy ? 4 : 0;
                    counts[Classify(reference.Position, buy ? size : -(long)size)]++;
                    try
                    {
                        reference.OnFill((long)now, buy ? Side.Buy : Side.Sell, price, size);
                    }
                    catch (DivideByZeroException) when (reference.Position == 0 && size == 0)
                    {
                        // C# divides by |total| = 0 after setting the opening time and the trip's start; the core leaves the entry 0 (it was).
                    }
                }
                long word0 = delta | (long)op << 32 | (long)marks << 40;
                long word1 = (uint)price | (long)size << 32;
                var before = machine.Cycles;
                machine.Run([[word0, word1]]);
                (op == 6 ? FillCycles : BookCycles).Add(machine.Cycles - before);

                var r = machine.Registers;
                var mid = bid > 0 && ask > 0 ? ((bid << 16) + (ask << 16)) / 2 : reference.EntryPriceQ16;
                var equity = reference.EquityQ16(mid);
                (string What, long Expected, long Got)[] checks =
                [
                    ("position", reference.Position, r[_portfolio.Position]),
                    ("entry", reference.EntryPriceQ16, r[_portfolio.EntryPrice]),
                    ("realized", reference.RealizedQ16, r[_portfolio.Realized]),
                    ("opened at", reference.OpenedAt, r[_portfolio.OpenedAt]),
                    ("losses in a row", reference.LossesInARow, r[_portfolio.LossesInARow]),
                    ("view position", reference.Position << 16, r[_view[IrInputKind.Position]]),
                    ("view entry", reference.EntryPriceQ16, r[_view[IrInputKind.EntryPrice]]),
                    ("view time in position", reference.TimeInPosition(now), r[_view[IrInputKind.TimeInPosition]]),
                    ("view losses", reference.LossesInARow << 16, r[_view[IrInputKind.LossesInARow]]),
                    ("equity", equity, r[_equity]),
                    ("peak of equity", peak.Update(equity, reference.Position << 16), r[_peak]),
                ];
                foreach (var (what2, expected, got) in checks)
                {
                    if (expected != got)
                        return (counts, $"record {n} (op {op}, price {price}, size {size}, marks {marks}): {what2} {got}, Portfolio {expected}");
                }
            }
            return (counts, null);
        }

        /// <summary>A fill of the kind <paramref name="what"/> (3..9) picks against the position: price, lots (as the record's int32 fields), buy.</summary>
        private static (int Price, int Lots, bool Buy) RandomFill(Random random, long position, int what, Dictionary<FillKind, int> counts)
        {
            var price = 10_000 + random.Next(-40, 40);
            var side = position == 0 ? (random.Next(2) == 0 ? 1 : -1) : Math.Sign(position);
            var held = (int)Math.Min(Math.Abs(position), int.MaxValue / 2);
            switch (what)
            {
                case 3 or 4:
                    return (price, random.Next(1, 6), side > 0);                               // open or add
                case 5:
                    return (price, held > 1 ? random.Next(1, held) : 1, side < 0);            // reduce (close at 1 lot)
                case 6:
                    return (price, held, side < 0);                                            // close (0 lots flat)
                case 7:
                    return (price, held + random.Next(1, 6), side < 0);                        // flip
                case 8:
                    counts[FillKind.Extreme]++;
                    // The int32 edges: prices and sizes up to 2^31 - 1, negative ones (sign-extended as the host wrote them).
                    int[] edges = [int.MaxValue, int.MinValue, -1, 0, 1, 1 << 30, -(1 << 30), random.Next(), -random.Next()];
                    return (edges[random.Next(edges.Length)], edges[random.Next(edges.Length)], random.Next(2) == 0);
                default:
                    return (price, random.Next(2) == 0 ? 0 : held, random.Next(2) == 0);   // 0 lots, or |position| either way
            }
        }
    }
}

using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The portfolio as a sequential-core routine, fed the host's fills (Fill records, op 6:
/// hdl-backend/README.md "Fills"): position, average entry, realized P&amp;L, the time the position
/// opened, the realized P&amp;L the round trip started from and the losing round trips in a row,
/// updated as the runtime's Portfolio.OnFill updates them, with its plain 64-bit arithmetic
/// (products, sums and the entry's quotient wrap like C#'s unchecked long; the core's words are 64
/// bits, so no position contract is needed). The strategy reads the view BacktestEngine builds
/// (UpdatePortfolioView): position and losses as Q47.16, the entry, the time in position from the
/// event's time, and <see cref="EmitEquity"/> (capital + realized + open P&amp;L at mid, at the entry
/// when a side of the book is empty), which a drawdown window reads.
/// <para>
/// Where C# would throw, the core goes on: a fill of 0 lots on a flat position divides by |total| = 0
/// (DivideByZeroException) and leaves the entry 0, as the parallel module (PortfolioSection) does;
/// Math.Abs(-2^63) (OverflowException; no fill of 32-bit lots reaches such a position) wraps to -2^63.
/// </para>
/// </summary>
internal sealed class SequentialPortfolio
{
    /// <summary>Lots, signed.</summary>
    public int Position { get; }

    /// <summary>Average entry, Q47.16 ticks (0 when flat).</summary>
    public int EntryPrice { get; }

    /// <summary>Realized P&amp;L, Q47.16 tick-lots.</summary>
    public int Realized { get; }

    /// <summary>Unix ns the position last left zero (or flipped).</summary>
    public int OpenedAt { get; }

    /// <summary>Realized P&amp;L when the round trip began.</summary>
    public int TripStart { get; }

    /// <summary>Losing round trips in a row (a count).</summary>
    public int LossesInARow { get; }

    private readonly MicroAssembler _asm;
    private readonly MicroOperators _operators;
    private readonly SequentialBook _book;
    private readonly SequentialEvent _events;
    private readonly long _capitalQ16;

    /// <summary>The core's parameter for the capital in Q47.16 tick-lots (the module passes CAPITAL_TICK_LOTS &lt;&lt;&lt; 16).</summary>
    public const string CapitalParam = "CAPITAL_Q16";
    private readonly Dictionary<int, SequentialPeakSinceEntry> _peaks;

    /// <param name="capitalTickLots">the host's capital in tick-lots (ModuleWriter.DefaultCapital: the module's CAPITAL_TICK_LOTS default).</param>
    /// <param name="peaks">the program's peaks since entry (each gets its state now, so the reset clears it before the first record).</param>
    public SequentialPortfolio(MicroAssembler asm, MicroOperators operators, SequentialBook book, SequentialEvent events, IEnumerable<IrPeakSinceEntry> peaks, long capitalTickLots)
    {
        (_asm, _operators, _book, _events) = (asm, operators, book, events);
        _capitalQ16 = unchecked(capitalTickLots << 16);
        (Position, EntryPrice, Realized) = (asm.Register(), asm.Register(), asm.Register());
        (OpenedAt, TripStart, LossesInARow) = (asm.Register(), asm.Register(), asm.Register());
        _peaks = peaks.ToDictionary(p => p.Id, _ => new SequentialPeakSinceEntry(asm));
    }

    /// <summary>Whether the program reads the portfolio (its inputs, a peak since entry, a drawdown's equity).</summary>
    public static bool IsRead(IrProgram program) => program.Nodes.Any(n => n is IrPeakSinceEntry or IrWindow { Kind: IrWindowKind.Drawdown }
        or IrInput { Kind: IrInputKind.Position or IrInputKind.EntryPrice or IrInputKind.TimeInPosition or IrInputKind.LossesInARow });

    /// <summary>Clears the portfolio and the peaks (after reset the register file keeps what the last run left).</summary>
    public void EmitReset()
    {
        var zero = _asm.Constant(0);
        foreach (var r in (int[])[Position, EntryPrice, Realized, OpenedAt, TripStart, LossesInARow])
            _asm.Add(r, zero, zero);
        foreach (var peak in _peaks.Values)
            peak.EmitReset();
    }

    /// <summary>
    /// Applies the decoded record when it is a Fill record. Goes after <see cref="SequentialEvent.EmitRecord"/>:
    /// the fill's time is the event's (<see cref="SequentialEvent.Time"/>), which is the module's r_fill_ts
    /// (the event's time when the fill is After or inside an open event, else the record's own, which then opens the event).
    /// </summary>
    public void EmitFill()
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1), t = asm.Register();
        var done = asm.NewLabel();
        asm.Op(new(MicroOp.Equal, t, _book.Op, asm.Constant(6)));
        asm.Jump(MicroOp.JumpUnless, done);

        // The host writes a fill's price and lots as int32 (FilledTape): sign-extended, they are what the IL booked.
        int price = asm.Register(), lots = asm.Register(), signedLots = asm.Register(), buy = asm.Register();
        asm.Shift(MicroOp.ShiftLeft, price, _book.Price, 32);
        asm.Shift(MicroOp.ShiftRightSigned, price, price, 16);          // Q47.16 ticks
        asm.Shift(MicroOp.ShiftLeft, lots, _book.Size, 32);
        asm.Shift(MicroOp.ShiftRightSigned, lots, lots, 32);
        asm.Shift(MicroOp.ShiftRight, buy, _book.Marks, 2);             // AggressorBuy: a buy
        asm.Op(new(MicroOp.And, buy, buy, one));
        asm.Op(new(MicroOp.Equal, t, buy, one));
        asm.Sub(signedLots, zero, lots);
        asm.Select(signedLots, lots, signedLots);

        // Adding (or opening): flat, or a nonzero fill on the position's side (Math.Sign equal).
        int positionNegative = asm.Register(), fillNegative = asm.Register(), adds = asm.Register(), total = asm.Register();
        int absPosition = Absolute(Position, positionNegative), absFill = asm.Register();
        asm.Op(new(MicroOp.LessSigned, fillNegative, signedLots, zero));
        asm.Op(new(MicroOp.Equal, adds, positionNegative, fillNegative));
        asm.Op(new(MicroOp.Equal, t, signedLots, zero));
        asm.Op(new(MicroOp.Xor, t, t, one));
        asm.Op(new(MicroOp.And, adds, adds, t));
        asm.Op(new(MicroOp.Equal, t, Position, zero));
        asm.Op(new(MicroOp.Or, adds, adds, t));
        asm.Add(total, Position, signedLots);
        asm.Sub(absFill, zero, signedLots);
        asm.Op(new(MicroOp.Equal, t, fillNegative, one));
        asm.Select(absFill, absFill, signedLots);
        var reduces = asm.NewLabel();
        asm.Op(new(MicroOp.Equal, t, adds, zero));
        asm.Jump(MicroOp.JumpIf, reduces);

        // From flat: the round trip opens now, from the realized P&L as it is.
        asm.Op(new(MicroOp.Equal, t, Position, zero));
        asm.Select(OpenedAt, _events.Time, OpenedAt);
        asm.Select(TripStart, Realized, TripStart);
        // The entry: (entry * |position| + price * |lots|) / |total|, truncated (0 when |total| = 0, where C# throws).
        int weighted = asm.Register(), product = asm.Register(), totalNegative = asm.Register();
        _operators.MultiplyInteger(weighted, EntryPrice, absPosition);
        _operators.MultiplyInteger(product, price, absFill);
        asm.Add(weighted, weighted, product);
        var absTotal = Absolute(total, totalNegative);
        _operators.DivideInteger(EntryPrice, weighted, absTotal);
        asm.Add(Position, total, zero);
        asm.Jump(MicroOp.Jump, done);

        // Reducing or flipping: book closing * per lot, closing = min(|lots|, |position|).
        asm.Place(reduces);
        int closing = asm.Register(), perLot = asm.Register(), pnl = asm.Register(), ends = asm.Register();
        asm.Op(new(MicroOp.LessSigned, t, absFill, absPosition));
        asm.Select(closing, absFill, absPosition);
        asm.Sub(perLot, price, EntryPrice);
        asm.Sub(pnl, EntryPrice, price);
        asm.Op(new(MicroOp.Equal, t, positionNegative, one));
        asm.Select(perLot, pnl, perLot);
        _operators.MultiplyInteger(pnl, perLot, closing);
        asm.Add(Realized, Realized, pnl);
        // The round trip ends when the remainder is 0 or on the other side (Math.Sign differs).
        int remainingNegative = asm.Register();
        asm.Op(new(MicroOp.LessSigned, remainingNegative, total, zero));
        asm.Op(new(MicroOp.Xor, ends, remainingNegative, positionNegative));
        asm.Op(new(MicroOp.Equal, t, total, zero));
        asm.Op(new(MicroOp.Or, ends, ends, t));
        asm.Add(Position, total, zero);
        asm.Op(new(MicroOp.Equal, t, ends, zero));
        asm.Jump(MicroOp.JumpIf, done);
        // CloseRoundTrip: a losing trip counts, any other clears the count.
        int tripPnl = asm.Register(), more = asm.Register();
        asm.Sub(tripPnl, Realized, TripStart);
        asm.Add(more, LossesInARow, one);
        asm.Op(new(MicroOp.LessSigned, t, tripPnl, zero));
        asm.Select(LossesInARow, more, zero);
        // A flip opens the new position at this fill's price, time and realized P&L; a close leaves entry 0.
        asm.Op(new(MicroOp.Equal, t, total, zero));
        asm.Select(EntryPrice, zero, price);
        asm.Select(OpenedAt, OpenedAt, _events.Time);
        asm.Select(TripStart, TripStart, Realized);
        asm.Place(done);
    }

    /// <summary>R[d] = the input as the view holds it (BacktestEngine.UpdatePortfolioView).</summary>
    public void EmitInput(IrInputKind kind, int d)
    {
        var asm = _asm;
        var zero = asm.Constant(0);
        switch (kind)
        {
            case IrInputKind.Position:
                asm.Shift(MicroOp.ShiftLeft, d, Position, 16);
                break;
            case IrInputKind.EntryPrice:
                asm.Add(d, EntryPrice, zero);
                break;
            case IrInputKind.TimeInPosition:
            {
                // Portfolio.TimeInPosition at the event's time: 0 when flat.
                var t = asm.Register();
                asm.Sub(t, _events.Time, OpenedAt);
                asm.Op(new(MicroOp.Equal, d, Position, zero));
                asm.Select(d, zero, t);
                break;
            }
            case IrInputKind.LossesInARow:
                asm.Shift(MicroOp.ShiftLeft, d, LossesInARow, 16);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not one of the portfolio's inputs");
        }
    }

    /// <summary>
    /// R[d] = equity, Q47.16 tick-lots (Portfolio.EquityQ16 at BacktestEngine's mark): capital + realized
    /// + the open P&amp;L, (mid - entry) * |position| long and (entry - mid) * |position| short, the mid
    /// (best bid + best ask) / 2, or the entry when a side of the book is empty. The drawdown window reads it.
    /// </summary>
    public void EmitEquity(int d)
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1);
        int bid = asm.Register(), ask = asm.Register(), mid = asm.Register(), t = asm.Register(), both = asm.Register();
        int negative = asm.Register(), mark = asm.Register(), open = asm.Register();
        asm.Shift(MicroOp.ShiftLeft, bid, _book.BidPrice, 16);
        asm.Shift(MicroOp.ShiftLeft, ask, _book.AskPrice, 16);
        // Both below 2^47: the sum is positive and C#'s division by 2 is the shift.
        asm.Add(mid, bid, ask);
        asm.Shift(MicroOp.ShiftRightSigned, mid, mid, 1);
        asm.Op(new(MicroOp.LessSigned, both, zero, bid));
        asm.Op(new(MicroOp.LessSigned, t, zero, ask));
        asm.Op(new(MicroOp.And, both, both, t));
        asm.Op(new(MicroOp.Equal, t, both, one));
        asm.Select(mid, mid, EntryPrice);
        var absPosition = Absolute(Position, negative);
        asm.Sub(mark, mid, EntryPrice);
        asm.Sub(t, EntryPrice, mid);
        asm.Op(new(MicroOp.Equal, open, negative, one));
        asm.Select(mark, t, mark);
        // Flat, |position| is 0 and so is the product.
        _operators.MultiplyInteger(open, mark, absPosition);
        asm.Add(d, asm.Param(CapitalParam, _capitalQ16), Realized);
        asm.Add(d, d, open);
    }

    /// <summary>R = the peak of <paramref name="value"/> since entry, updated at this evaluation; returns the register holding it.</summary>
    public int EmitPeak(IrPeakSinceEntry peak, int value) => _peaks[peak.Id].EmitUpdate(Position, value);

    /// <summary>|x| in a new register (wrapping: -2^63 stays), and x &lt; 0 as 0/1 in <paramref name="negative"/>.</summary>
    private int Absolute(int x, int negative)
    {
        var asm = _asm;
        int zero = asm.Constant(0), abs = asm.Register();
        asm.Sub(abs, zero, x);
        asm.Op(new(MicroOp.LessSigned, negative, x, zero));
        asm.Select(abs, abs, x);
        return abs;
    }
}

namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// What the windows and the portfolio read besides the book, as a sequential-core routine kept
/// exactly as EventSection keeps it for the parallel module (and the IL host builds its view from a
/// tape): the tape's time (record deltas and Clock records), the event's time (its first non-Clock
/// record's), and the event's amounts: the traded size and the last trade's aggressor; the size
/// added, and cancelled unless a trade came earlier in the event, at the tracked levels by book
/// records that are not Reveals. A Fill record before the event's end opens the event like a market
/// record (it carries no amounts); one marked After belongs to the event that ended. Amounts are
/// Q47.16 lots (the size shifted left 16), wrapping at 2^64 like the IL's sums.
/// <para>
/// <see cref="EmitRecord"/> goes between <see cref="SequentialBook.EmitDecode"/> and
/// <see cref="SequentialBook.EmitUpdate"/>: a Change's or a Delete's amount is the level's size
/// before the record.
/// </para>
/// </summary>
internal sealed class SequentialEvent
{
    /// <summary>Unix ns of the last record.</summary>
    public int Now { get; }

    /// <summary>The event's time: its first non-Clock record's (the portfolio and the windows read it).</summary>
    public int Time { get; }

    /// <summary>1 while a record of the event has been applied but not its last.</summary>
    public int Open { get; }

    /// <summary>1 when the event carries a trade (so far).</summary>
    public int Trades { get; }

    /// <summary>1 when the event's last trade's aggressor bought.</summary>
    public int AggressorBuy { get; }

    /// <summary>The size traded in the event, Q47.16 lots.</summary>
    public int Traded { get; }

    /// <summary>The size added at the tracked levels, Q47.16 lots.</summary>
    public int Added { get; }

    /// <summary>The size cancelled at the tracked levels, Q47.16 lots.</summary>
    public int Cancelled { get; }

    private readonly MicroAssembler _asm;
    private readonly SequentialBook _book;
    private readonly int _tracked;

    /// <param name="tracked">the levels whose flow counts: the strategy's book depth, at most the tape's.</param>
    public SequentialEvent(MicroAssembler asm, SequentialBook book, int tracked)
    {
        _asm = asm;
        _book = book;
        _tracked = tracked;
        (Now, Time, Open, Trades, AggressorBuy) = (asm.Register(), asm.Register(), asm.Register(), asm.Register(), asm.Register());
        (Traded, Added, Cancelled) = (asm.Register(), asm.Register(), asm.Register());
    }

    /// <summary>Clears the time and the event (after reset).</summary>
    public void EmitReset()
    {
        var zero = _asm.Constant(0);
        foreach (var r in (int[])[Now, Time, Open, Trades, AggressorBuy, Traded, Added, Cancelled])
            _asm.Add(r, zero, zero);
    }

    /// <summary>The decoded record's time, and its amounts for the event (the book not yet updated).</summary>
    public void EmitRecord()
    {
        var asm = _asm;
        var b = _book;
        int zero = asm.Constant(0), one = asm.Constant(1), wordMask = asm.Constant(0xffff_ffff);
        int t = asm.Register(), f = asm.Register(), clock = asm.Register(), ts = asm.Register();

        // The record's time: the delta, and a Clock record's 64-bit step {price, size}.
        asm.Op(new(MicroOp.And, t, b.Size, wordMask));
        asm.Shift(MicroOp.ShiftLeft, clock, b.Price, 32);
        asm.Op(new(MicroOp.Or, clock, clock, t));
        asm.Add(ts, Now, b.Delta);
        asm.Add(t, ts, clock);
        asm.Op(new(MicroOp.Equal, f, b.Op, asm.Constant(5)));
        asm.Select(ts, t, ts);
        asm.Add(Now, ts, zero);
        var skip = asm.NewLabel();
        asm.Jump(MicroOp.JumpIf, skip);
        // A Fill record marked After (bit 4) belongs to the event that ended.
        asm.Shift(MicroOp.ShiftRight, t, b.Marks, 4);
        asm.Op(new(MicroOp.And, t, t, one));
        asm.Op(new(MicroOp.Equal, f, b.Op, asm.Constant(6)));
        asm.Op(new(MicroOp.And, t, t, f));
        asm.Op(new(MicroOp.Equal, f, t, one));
        asm.Jump(MicroOp.JumpIf, skip);

        // The event's first record starts its time and its amounts from zero: keep = all ones while it is open.
        int keep = asm.Register(), trade = asm.Register(), tradedNow = asm.Register(), earlierTrades = asm.Register();
        asm.Op(new(MicroOp.And, earlierTrades, Open, Trades));
        asm.Sub(keep, zero, Open);
        asm.Op(new(MicroOp.Equal, f, Open, zero));
        asm.Select(Time, ts, Time);
        asm.Op(new(MicroOp.And, Traded, Traded, keep));
        asm.Op(new(MicroOp.And, Added, Added, keep));
        asm.Op(new(MicroOp.And, Cancelled, Cancelled, keep));
        asm.Op(new(MicroOp.And, AggressorBuy, AggressorBuy, keep));
        asm.Op(new(MicroOp.And, Open, b.Marks, one));
        asm.Op(new(MicroOp.Xor, Open, Open, one));

        // A trade: its size, its aggressor (bit 2).
        asm.Op(new(MicroOp.Equal, trade, b.Op, asm.Constant(3)));
        asm.Op(new(MicroOp.Or, Trades, earlierTrades, trade));
        asm.Shift(MicroOp.ShiftLeft, tradedNow, b.Size, 16);
        asm.Shift(MicroOp.ShiftRight, t, b.Marks, 2);
        asm.Op(new(MicroOp.And, t, t, one));
        asm.Op(new(MicroOp.Equal, f, trade, one));
        asm.Select(tradedNow, tradedNow, zero);
        asm.Select(AggressorBuy, t, AggressorBuy);
        asm.Add(Traded, Traded, tradedNow);

        // A book record: new size minus old at the level (the book still holds the old), on its side.
        int level = asm.Register(), bidLevel = asm.Register(), askLevel = asm.Register(), change = asm.Register();
        int counted = asm.Register(), amount = asm.Register();
        asm.SetIndex(b.Aux);
        asm.Op(new(MicroOp.Add, bidLevel, b.BidSize, zero, IndexA: true));
        asm.Op(new(MicroOp.Add, askLevel, b.AskSize, zero, IndexA: true));
        asm.Op(new(MicroOp.And, t, b.Marks, asm.Constant(8)));
        asm.Op(new(MicroOp.Equal, f, t, zero));
        asm.Select(level, bidLevel, askLevel);
        asm.Sub(change, b.Size, level);                      // a Change
        asm.Op(new(MicroOp.Equal, f, b.Op, zero));
        asm.Select(change, b.Size, change);                  // an Insert
        asm.Sub(t, zero, level);
        asm.Op(new(MicroOp.Equal, f, b.Op, asm.Constant(2)));
        asm.Select(change, t, change);                       // a Delete
        // Counted: a book op (0..2), not a Reveal (bit 1), at a tracked level. Past the book's levels the
        // indexed read above is some other register, but such a level is never counted.
        asm.Op(new(MicroOp.LessUnsigned, counted, b.Op, asm.Constant(3)));
        asm.Shift(MicroOp.ShiftRight, t, b.Marks, 1);
        asm.Op(new(MicroOp.And, t, t, one));
        asm.Op(new(MicroOp.Xor, t, t, one));
        asm.Op(new(MicroOp.And, counted, counted, t));
        asm.Op(new(MicroOp.LessUnsigned, t, b.Aux, asm.Constant(_tracked)));
        asm.Op(new(MicroOp.And, counted, counted, t));
        // Added: an increase.
        asm.Op(new(MicroOp.LessSigned, t, zero, change));
        asm.Op(new(MicroOp.And, t, t, counted));
        asm.Shift(MicroOp.ShiftLeft, amount, change, 16);
        asm.Op(new(MicroOp.Equal, f, t, one));
        asm.Select(t, amount, zero);
        asm.Add(Added, Added, t);
        // Cancelled: a decrease, unless a trade came earlier in the event (then it was an execution).
        asm.Op(new(MicroOp.LessSigned, t, change, zero));
        asm.Op(new(MicroOp.And, t, t, counted));
        asm.Op(new(MicroOp.Xor, earlierTrades, earlierTrades, one));
        asm.Op(new(MicroOp.And, t, t, earlierTrades));
        asm.Sub(amount, zero, amount);
        asm.Op(new(MicroOp.Equal, f, t, one));
        asm.Select(t, amount, zero);
        asm.Add(Cancelled, Cancelled, t);
        asm.Place(skip);
    }
}

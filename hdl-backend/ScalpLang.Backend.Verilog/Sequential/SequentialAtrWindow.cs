namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// <c>atr(window: W, bar: B)</c> (the runtime's AtrWindow) as a sequential-core routine: a bucket
/// clock of width B moves the bars; when it moves on and bars have started, the open bar completes
/// (its true range max(high, prev) - min(low, prev) enters a ring of N = W / B at the next slot,
/// leaving the oldest once N are held), the bars the gap skipped complete flat (range 0; N or more
/// of them clear the ring, its sum to 0 and its count to N) and the mean sum / count is taken;
/// then a trade moves the open bar (the first trade starts the bars at its price). The sum is one
/// word where the IL keeps an Int128: a range is at most a last price, below 2^47 (a tape price
/// is 31 bits and its fraction 16), so N &lt;= 256 of them stay below 2^55, exact, and non-negative.
/// </summary>
internal sealed class SequentialAtrWindow
{
    /// <summary>The mean true range of the completed bars, Q47.16 ticks (0 before the first).</summary>
    public int Mean { get; }

    private readonly MicroAssembler _asm;
    private readonly SequentialScratch _scratch;
    private readonly SequentialBucketClock _clock;
    private readonly int _bars;
    private readonly int _ring;
    private readonly int _sum, _count, _next, _high, _low, _close, _previousClose, _started;

    public SequentialAtrWindow(MicroAssembler asm, SequentialScratch scratch, SequentialBucketClock barClock, int bars)
    {
        if (bars is < 1 or > 256)
            throw new ArgumentOutOfRangeException(nameof(bars), bars, "atr holds 1..256 bars (grammar/README.md §7)");
        _asm = asm;
        _scratch = scratch;
        _clock = barClock;
        _bars = bars;
        _ring = asm.Region(bars);
        Mean = asm.Register();
        (_sum, _count, _next, _high, _low, _close, _previousClose, _started) =
            (asm.Register(), asm.Register(), asm.Register(), asm.Register(), asm.Register(), asm.Register(), asm.Register(), asm.Register());
    }

    public void EmitReset()
    {
        var zero = _asm.Constant(0);
        for (var j = 0; j < _bars; j++)
            _asm.Add(_ring + j, zero, zero);
        foreach (var r in (int[])[Mean, _sum, _count, _next, _high, _low, _close, _previousClose, _started])
            _asm.Add(r, zero, zero);
    }

    /// <summary>After the bar clock's step: completes the bars time left, then applies a trade at <paramref name="lastPrice"/> when <paramref name="isTrade"/> is 1.</summary>
    public void EmitRecord(int lastPrice, int isTrade)
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1), bars = asm.Constant(_bars);
        using var scratch = _scratch.Open();
        int f = scratch.Next(), high = scratch.Next(), low = scratch.Next(), range = scratch.Next(), empty = scratch.Next();
        MicroAssembler.Label trade = asm.NewLabel(), few = asm.NewLabel(), flat = asm.NewLabel(), clear = asm.NewLabel();
        MicroAssembler.Label mean = asm.NewLabel(), started = asm.NewLabel(), done = asm.NewLabel();

        asm.Op(new(MicroOp.Equal, f, _clock.Moved, zero));
        asm.Jump(MicroOp.JumpIf, trade);
        asm.Op(new(MicroOp.Equal, f, _started, zero));
        asm.Jump(MicroOp.JumpIf, trade);
        // The open bar completes: high and low against the previous close.
        asm.Op(new(MicroOp.LessSigned, f, _high, _previousClose));
        asm.Select(high, _previousClose, _high);
        asm.Op(new(MicroOp.LessSigned, f, _low, _previousClose));
        asm.Select(low, _low, _previousClose);
        asm.Sub(range, high, low);
        EmitPush(range);
        asm.Add(_previousClose, _close, zero);
        asm.Add(_high, _close, zero);
        asm.Add(_low, _close, zero);
        // The bars the gap skipped complete flat.
        asm.Sub(empty, _clock.Moved, one);
        asm.Op(new(MicroOp.LessUnsigned, f, empty, bars));
        asm.Jump(MicroOp.JumpIf, few);
        asm.Add(empty, zero, zero);
        asm.Place(clear);
        asm.LoopBound(clear, _bars);
        asm.SetIndex(empty);
        asm.Op(new(MicroOp.Add, _ring, zero, zero, IndexD: true));
        asm.Add(empty, empty, one);
        asm.Op(new(MicroOp.Equal, f, empty, bars));
        asm.Jump(MicroOp.JumpUnless, clear);
        asm.Add(_sum, zero, zero);
        asm.Add(_count, bars, zero);
        asm.Jump(MicroOp.Jump, mean);
        asm.Place(few);
        asm.Op(new(MicroOp.Equal, f, empty, zero));
        asm.Jump(MicroOp.JumpIf, mean);
        asm.Place(flat);
        asm.LoopBound(flat, _bars);
        EmitPush(zero);
        asm.Sub(empty, empty, one);
        asm.Op(new(MicroOp.Equal, f, empty, zero));
        asm.Jump(MicroOp.JumpUnless, flat);
        asm.Place(mean);
        // The sum is non-negative and the count at least 1 here.
        asm.Op(new(MicroOp.DivideStart, 0, _sum, _count));
        asm.Op(new(MicroOp.Take, Mean, 0, 0));

        asm.Place(trade);
        asm.Op(new(MicroOp.Equal, f, isTrade, zero));
        asm.Jump(MicroOp.JumpIf, done);
        asm.Op(new(MicroOp.Equal, f, _started, zero));
        asm.Jump(MicroOp.JumpUnless, started);
        // The first trade starts the bars: its price is the bar's and the previous close.
        asm.Add(_high, lastPrice, zero);
        asm.Add(_low, lastPrice, zero);
        asm.Add(_close, lastPrice, zero);
        asm.Add(_previousClose, lastPrice, zero);
        asm.Add(_started, one, zero);
        asm.Jump(MicroOp.Jump, done);
        asm.Place(started);
        asm.Op(new(MicroOp.LessSigned, f, _high, lastPrice));
        asm.Select(_high, lastPrice, _high);
        asm.Op(new(MicroOp.LessSigned, f, lastPrice, _low));
        asm.Select(_low, lastPrice, _low);
        asm.Add(_close, lastPrice, zero);
        asm.Place(done);
    }

    /// <summary>A completed bar's range into the ring: the oldest leaves the sum once N are held.</summary>
    private void EmitPush(int range)
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1), bars = asm.Constant(_bars);
        using var scratch = _scratch.Open();
        int filling = scratch.Next(), old = scratch.Next();
        asm.SetIndex(_next);
        asm.Op(new(MicroOp.LessUnsigned, filling, _count, bars));
        asm.Op(new(MicroOp.Add, old, _ring, zero, IndexA: true));
        asm.Select(old, zero, old);
        asm.Sub(_sum, _sum, old);
        asm.Add(_count, _count, filling);
        asm.Op(new(MicroOp.Add, _ring, range, zero, IndexD: true));
        asm.Add(_sum, _sum, range);
        asm.Add(_next, _next, one);
        asm.Op(new(MicroOp.Equal, filling, _next, bars));
        asm.Select(_next, zero, _next);
    }
}

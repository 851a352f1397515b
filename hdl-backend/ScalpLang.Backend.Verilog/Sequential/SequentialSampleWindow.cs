namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The 32 bucket samples of a window (the runtime's SampleBuckets) and their mean (SmaWindow, for
/// sma and avg_depth) as a sequential-core routine: a ring of 32 registers holds each bucket's last
/// sample, a bucket time passes over repeats the one before it, the count of held buckets grows
/// from 1 at the first event to 32, and the exact sum of the closed (held, not current) samples is
/// kept in two words (a signed 128-bit number: 32 samples of 64 bits need 69). A gap of 32 buckets
/// or more fills every slot with the old current sample (the closed sum 31 of it). The mean is
/// (closed sum + current sample) / count truncated toward zero, by long division of the magnitude
/// in 32-bit digits on the unit: the magnitude is below 2^69 and the count at most 32, so two
/// 64-bit divisions give the quotient's low 64 bits, which hold it. Built with squares (zscore),
/// it keeps the exact sum of the closed samples' squares too, in three words (UInt192).
/// </summary>
internal sealed class SequentialSampleWindow
{
    public const int Buckets = 32;

    /// <summary>The buckets held, 1..32 once started.</summary>
    public int Count { get; }

    private readonly MicroAssembler _asm;
    private readonly SequentialWide _wide;
    private readonly SequentialScratch _scratch;
    private readonly SequentialBucketClock _clock;
    private readonly int _ring, _closedLow, _closedHigh;
    /// <summary>The closed samples' squares, low word first; empty without squares.</summary>
    private readonly int[] _squares;
    /// <summary>A closing or leaving sample's square (with squares).</summary>
    private readonly int _squareHigh, _squareLow;

    public SequentialSampleWindow(MicroAssembler asm, SequentialWide wide, SequentialScratch scratch, SequentialBucketClock clock, bool squares = false)
    {
        _asm = asm;
        _wide = wide;
        _scratch = scratch;
        _clock = clock;
        _ring = asm.Region(Buckets);
        (Count, _closedLow, _closedHigh) = (asm.Register(), asm.Register(), asm.Register());
        _squares = squares ? [asm.Register(), asm.Register(), asm.Register()] : [];
        (_squareHigh, _squareLow) = squares ? (asm.Register(), asm.Register()) : (0, 0);
    }

    public void EmitReset()
    {
        var zero = _asm.Constant(0);
        for (var j = 0; j < Buckets; j++)
            _asm.Add(_ring + j, zero, zero);
        foreach (var r in (int[])[Count, _closedLow, _closedHigh, .. _squares])
            _asm.Add(r, zero, zero);
    }

    /// <summary>After the clock's step: closes the buckets time left, then makes <paramref name="sample"/> the current bucket's.</summary>
    public void EmitRecord(int sample)
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1), slotMask = asm.Constant(Buckets - 1), all = asm.Constant(Buckets);
        using var scratch = _scratch.Open();
        int f = scratch.Next(), repeat = scratch.Next(), slot = scratch.Next(), left = scratch.Next(), old = scratch.Next();
        MicroAssembler.Label store = asm.NewLabel(), notFirst = asm.NewLabel(), near = asm.NewLabel(), fillAll = asm.NewLabel(), fill = asm.NewLabel();

        asm.Op(new(MicroOp.Equal, f, _clock.First, zero));
        asm.Jump(MicroOp.JumpIf, notFirst);
        asm.Add(Count, one, zero);
        asm.Jump(MicroOp.Jump, store);
        asm.Place(notFirst);
        asm.Op(new(MicroOp.Equal, f, _clock.Moved, zero));
        asm.Jump(MicroOp.JumpIf, store);
        // The old current bucket's sample repeats in the buckets time passed over.
        asm.Sub(slot, _clock.Bucket, _clock.Moved);
        asm.Op(new(MicroOp.And, slot, slot, slotMask));
        asm.SetIndex(slot);
        asm.Op(new(MicroOp.Add, repeat, _ring, zero, IndexA: true));
        asm.Op(new(MicroOp.LessUnsigned, f, _clock.Moved, all));
        asm.Jump(MicroOp.JumpIf, near);
        // 32 or more: every slot repeats it, 31 of them closed.
        foreach (var r in (int[])[_closedLow, _closedHigh, .. _squares])
            asm.Add(r, zero, zero);
        asm.Add(slot, zero, zero);
        asm.Place(fillAll);
        asm.LoopBound(fillAll, SequentialSumWindow.Buckets);
        asm.SetIndex(slot);
        asm.Op(new(MicroOp.Add, _ring, repeat, zero, IndexD: true));
        EmitClose(repeat);
        asm.Add(slot, slot, one);
        asm.Op(new(MicroOp.Equal, f, slot, all));
        asm.Jump(MicroOp.JumpUnless, fillAll);
        EmitLeave(repeat);
        asm.Add(Count, all, zero);
        asm.Jump(MicroOp.Jump, store);

        // Fewer: the old current closes, then each bucket passed over is entered (the oldest held
        // leaves once 32 are held) and, all but the new current, closes.
        asm.Place(near);
        EmitClose(repeat);
        asm.Sub(slot, _clock.Bucket, _clock.Moved);
        asm.Add(left, _clock.Moved, zero);
        asm.Place(fill);
        asm.LoopBound(fill, SequentialSumWindow.Buckets);
        asm.Add(slot, slot, one);
        asm.Op(new(MicroOp.And, slot, slot, slotMask));
        asm.SetIndex(slot);
        asm.Op(new(MicroOp.Add, old, _ring, zero, IndexA: true));
        asm.Op(new(MicroOp.LessUnsigned, f, Count, all));
        asm.Select(old, zero, old);
        asm.Add(Count, Count, f);
        EmitLeave(old);
        asm.Op(new(MicroOp.Add, _ring, repeat, zero, IndexD: true));
        asm.Op(new(MicroOp.Equal, f, left, one));
        asm.Select(old, zero, repeat);
        EmitClose(old);
        asm.Sub(left, left, one);
        asm.Op(new(MicroOp.Equal, f, left, zero));
        asm.Jump(MicroOp.JumpUnless, fill);

        asm.Place(store);
        asm.Op(new(MicroOp.And, slot, _clock.Bucket, slotMask));
        asm.SetIndex(slot);
        asm.Op(new(MicroOp.Add, _ring, sample, zero, IndexD: true));
    }

    /// <summary>R[current] = the current bucket's sample (after <see cref="EmitRecord"/>).</summary>
    public void EmitCurrent(int current)
    {
        var asm = _asm;
        using var scratch = _scratch.Open();
        var slot = scratch.Next();
        asm.Op(new(MicroOp.And, slot, _clock.Bucket, asm.Constant(Buckets - 1)));
        asm.SetIndex(slot);
        asm.Op(new(MicroOp.Add, current, _ring, asm.Constant(0), IndexA: true));
    }

    /// <summary>(high, low) = the exact sum of the held samples (after <see cref="EmitRecord"/>), signed.</summary>
    public void EmitSum(int high, int low)
    {
        var asm = _asm;
        using var scratch = _scratch.Open();
        var current = scratch.Next();
        EmitCurrent(current);
        asm.Add(low, _closedLow, asm.Constant(0));
        asm.Add(high, _closedHigh, asm.Constant(0));
        _wide.AddSigned(high, low, current);
    }

    /// <summary>(s2, s1, s0) = the exact sum of the held samples' squares (built with squares).</summary>
    public void EmitSumOfSquares(int s2, int s1, int s0)
    {
        var asm = _asm;
        using var scratch = _scratch.Open();
        int zero = asm.Constant(0), current = scratch.Next(), high = scratch.Next(), low = scratch.Next();
        EmitCurrent(current);
        asm.Add(s0, _squares[0], zero);
        asm.Add(s1, _squares[1], zero);
        asm.Add(s2, _squares[2], zero);
        _wide.Square(high, low, current);
        _wide.Add(s2, s1, s0, zero, high, low);
    }

    /// <summary>R[d] = the mean of the held samples (after <see cref="EmitRecord"/>): their exact sum / count, truncated toward zero.</summary>
    public void EmitMean(int d)
    {
        var asm = _asm;
        using var scratch = _scratch.Open();
        int low = scratch.Next(), high = scratch.Next();
        EmitSum(high, low);
        EmitMean(d, high, low);
    }

    /// <summary>R[d] = (high, low) / count truncated toward zero, for a sum of the held samples (|sum| &lt; 2^69).</summary>
    public void EmitMean(int d, int high, int low)
    {
        var asm = _asm;
        int zero = asm.Constant(0), lowMask = asm.Constant(0xffff_ffff);
        using var scratch = _scratch.Open();
        int negative = scratch.Next(), t = scratch.Next(), quotient = scratch.Next(), remainder = scratch.Next();
        int magnitudeHigh = scratch.Next(), magnitudeLow = scratch.Next();
        // The magnitude: -(high, low) is (-high - (low != 0), -low).
        asm.Op(new(MicroOp.Equal, t, low, zero));
        asm.Op(new(MicroOp.Xor, t, t, asm.Constant(1)));
        asm.Sub(t, zero, t);
        asm.Sub(t, t, high);
        asm.Op(new(MicroOp.LessSigned, negative, high, zero));
        asm.Select(magnitudeHigh, t, high);
        asm.Sub(t, zero, low);
        asm.Select(magnitudeLow, t, low);
        // Two digits of 32 bits below the high word's few bits: (high, low's top) / n, then (remainder, low's bottom) / n.
        asm.Shift(MicroOp.ShiftLeft, magnitudeHigh, magnitudeHigh, 32);
        asm.Shift(MicroOp.ShiftRight, t, magnitudeLow, 32);
        asm.Op(new(MicroOp.Or, t, magnitudeHigh, t));
        asm.Op(new(MicroOp.DivideStart, 0, t, Count));
        asm.Op(new(MicroOp.Take, quotient, 0, 0));
        asm.Op(new(MicroOp.Take, remainder, 0, 1));
        asm.Shift(MicroOp.ShiftLeft, remainder, remainder, 32);
        asm.Op(new(MicroOp.And, t, magnitudeLow, lowMask));
        asm.Op(new(MicroOp.Or, t, remainder, t));
        asm.Op(new(MicroOp.DivideStart, 0, t, Count));
        asm.Op(new(MicroOp.Take, t, 0, 0));
        asm.Shift(MicroOp.ShiftLeft, quotient, quotient, 32);
        asm.Add(quotient, quotient, t);
        asm.Sub(t, zero, quotient);
        asm.Op(new(MicroOp.Equal, negative, negative, asm.Constant(1)));
        asm.Select(d, t, quotient);
    }

    /// <summary>A sample closes: into the closed sum (and its square into the squares).</summary>
    private void EmitClose(int v)
    {
        _wide.AddSigned(_closedHigh, _closedLow, v);
        if (_squares.Length == 0)
            return;
        _wide.Square(_squareHigh, _squareLow, v);
        _wide.Add(_squares[2], _squares[1], _squares[0], _asm.Constant(0), _squareHigh, _squareLow);
    }

    /// <summary>A closed sample leaves the window (0 for none).</summary>
    private void EmitLeave(int v)
    {
        _wide.SubtractSigned(_closedHigh, _closedLow, v);
        if (_squares.Length == 0)
            return;
        _wide.Square(_squareHigh, _squareLow, v);
        _wide.Subtract(_squares[2], _squares[1], _squares[0], _asm.Constant(0), _squareHigh, _squareLow);
    }
}

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
/// 64-bit divisions give the quotient's low 64 bits, which hold it.
/// </summary>
internal sealed class SequentialSampleWindow
{
    public const int Buckets = 32;

    private readonly MicroAssembler _asm;
    private readonly SequentialBucketClock _clock;
    private readonly int _ring, _count, _closedLow, _closedHigh;

    public SequentialSampleWindow(MicroAssembler asm, SequentialBucketClock clock)
    {
        _asm = asm;
        _clock = clock;
        _ring = asm.Region(Buckets);
        (_count, _closedLow, _closedHigh) = (asm.Register(), asm.Register(), asm.Register());
    }

    public void EmitReset()
    {
        var zero = _asm.Constant(0);
        for (var j = 0; j < Buckets; j++)
            _asm.Add(_ring + j, zero, zero);
        foreach (var r in (int[])[_count, _closedLow, _closedHigh])
            _asm.Add(r, zero, zero);
    }

    /// <summary>After the clock's step: closes the buckets time left, then makes <paramref name="sample"/> the current bucket's.</summary>
    public void EmitRecord(int sample)
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1), slotMask = asm.Constant(Buckets - 1), all = asm.Constant(Buckets);
        int f = asm.Register(), repeat = asm.Register(), slot = asm.Register(), left = asm.Register(), old = asm.Register();
        MicroAssembler.Label store = asm.NewLabel(), notFirst = asm.NewLabel(), near = asm.NewLabel(), fillAll = asm.NewLabel(), fill = asm.NewLabel();

        asm.Op(new(MicroOp.Equal, f, _clock.First, zero));
        asm.Jump(MicroOp.JumpIf, notFirst);
        asm.Add(_count, one, zero);
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
        asm.Add(_closedLow, zero, zero);
        asm.Add(_closedHigh, zero, zero);
        asm.Add(slot, zero, zero);
        asm.Place(fillAll);
        asm.SetIndex(slot);
        asm.Op(new(MicroOp.Add, _ring, repeat, zero, IndexD: true));
        EmitAdd(_closedHigh, _closedLow, repeat);
        asm.Add(slot, slot, one);
        asm.Op(new(MicroOp.Equal, f, slot, all));
        asm.Jump(MicroOp.JumpUnless, fillAll);
        EmitSubtract(_closedHigh, _closedLow, repeat);
        asm.Add(_count, all, zero);
        asm.Jump(MicroOp.Jump, store);

        // Fewer: the old current closes, then each bucket passed over is entered (the oldest held
        // leaves once 32 are held) and, all but the new current, closes.
        asm.Place(near);
        EmitAdd(_closedHigh, _closedLow, repeat);
        asm.Sub(slot, _clock.Bucket, _clock.Moved);
        asm.Add(left, _clock.Moved, zero);
        asm.Place(fill);
        asm.Add(slot, slot, one);
        asm.Op(new(MicroOp.And, slot, slot, slotMask));
        asm.SetIndex(slot);
        asm.Op(new(MicroOp.Add, old, _ring, zero, IndexA: true));
        asm.Op(new(MicroOp.LessUnsigned, f, _count, all));
        asm.Select(old, zero, old);
        asm.Add(_count, _count, f);
        EmitSubtract(_closedHigh, _closedLow, old);
        asm.Op(new(MicroOp.Add, _ring, repeat, zero, IndexD: true));
        asm.Op(new(MicroOp.Equal, f, left, one));
        asm.Select(old, zero, repeat);
        EmitAdd(_closedHigh, _closedLow, old);
        asm.Sub(left, left, one);
        asm.Op(new(MicroOp.Equal, f, left, zero));
        asm.Jump(MicroOp.JumpUnless, fill);

        asm.Place(store);
        asm.Op(new(MicroOp.And, slot, _clock.Bucket, slotMask));
        asm.SetIndex(slot);
        asm.Op(new(MicroOp.Add, _ring, sample, zero, IndexD: true));
    }

    /// <summary>R[d] = the mean of the held samples (after <see cref="EmitRecord"/>): their exact sum / count, truncated toward zero.</summary>
    public void EmitMean(int d)
    {
        var asm = _asm;
        int zero = asm.Constant(0), lowMask = asm.Constant(0xffff_ffff), slotMask = asm.Constant(Buckets - 1);
        int low = asm.Register(), high = asm.Register(), current = asm.Register(), negative = asm.Register();
        int t = asm.Register(), quotient = asm.Register(), remainder = asm.Register();
        asm.Op(new(MicroOp.And, t, _clock.Bucket, slotMask));
        asm.SetIndex(t);
        asm.Op(new(MicroOp.Add, current, _ring, zero, IndexA: true));
        asm.Add(low, _closedLow, zero);
        asm.Add(high, _closedHigh, zero);
        EmitAdd(high, low, current);
        // The magnitude: -(high, low) is (-high - (low != 0), -low).
        asm.Op(new(MicroOp.Equal, t, low, zero));
        asm.Op(new(MicroOp.Xor, t, t, asm.Constant(1)));
        asm.Sub(t, zero, t);
        asm.Sub(t, t, high);
        asm.Op(new(MicroOp.LessSigned, negative, high, zero));
        asm.Select(high, t, high);
        asm.Sub(t, zero, low);
        asm.Select(low, t, low);
        // Two digits of 32 bits below the high word's few bits: (high, low's top) / n, then (remainder, low's bottom) / n.
        asm.Shift(MicroOp.ShiftLeft, high, high, 32);
        asm.Shift(MicroOp.ShiftRight, t, low, 32);
        asm.Op(new(MicroOp.Or, t, high, t));
        asm.Op(new(MicroOp.DivideStart, 0, t, _count));
        asm.Op(new(MicroOp.Take, quotient, 0, 0));
        asm.Op(new(MicroOp.Take, remainder, 0, 1));
        asm.Shift(MicroOp.ShiftLeft, remainder, remainder, 32);
        asm.Op(new(MicroOp.And, t, low, lowMask));
        asm.Op(new(MicroOp.Or, t, remainder, t));
        asm.Op(new(MicroOp.DivideStart, 0, t, _count));
        asm.Op(new(MicroOp.Take, t, 0, 0));
        asm.Shift(MicroOp.ShiftLeft, quotient, quotient, 32);
        asm.Add(quotient, quotient, t);
        asm.Sub(t, zero, quotient);
        asm.Op(new(MicroOp.Equal, negative, negative, asm.Constant(1)));
        asm.Select(d, t, quotient);
    }

    /// <summary>(high, low) += v sign-extended, 128 bits.</summary>
    private void EmitAdd(int high, int low, int v)
    {
        var asm = _asm;
        int sum = asm.Register(), carry = asm.Register();
        asm.Add(sum, low, v);
        asm.Op(new(MicroOp.LessUnsigned, carry, sum, v));
        asm.Add(low, sum, asm.Constant(0));
        asm.Add(high, high, carry);
        asm.Shift(MicroOp.ShiftRightSigned, carry, v, 63);
        asm.Add(high, high, carry);
    }

    /// <summary>(high, low) -= v sign-extended, 128 bits.</summary>
    private void EmitSubtract(int high, int low, int v)
    {
        var asm = _asm;
        int borrow = asm.Register();
        asm.Op(new(MicroOp.LessUnsigned, borrow, low, v));
        asm.Sub(low, low, v);
        asm.Sub(high, high, borrow);
        asm.Shift(MicroOp.ShiftRightSigned, borrow, v, 63);
        asm.Sub(high, high, borrow);
    }
}

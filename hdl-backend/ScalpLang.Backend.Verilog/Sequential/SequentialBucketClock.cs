namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// A window's bucket clock (the runtime's BucketClock, WindowShape.cs) as a sequential-core
/// routine: the current bucket k = floor(t / w) of the event's time, which never goes back, and per
/// evaluation how many buckets time moved on. Most events fall before the next bucket's start or
/// into the bucket right after it, which two unsigned comparisons decide; the first event and a
/// jump of more buckets divide t by w on the unit. The next bucket's start (k + 1)·w is kept
/// unsigned: t &lt;= 2^63 - 1 (the IL's times are non-negative longs), so it is below 2^64 and never
/// saturates, where the IL's long does; both give k = max(k, floor(t / w)) for every t.
/// One clock serves every window of its width (the atr's bar is a width too).
/// </summary>
internal sealed class SequentialBucketClock
{
    /// <summary>The current bucket k (valid once started).</summary>
    public int Bucket { get; }

    /// <summary>Buckets time moved on at this evaluation: 0 in the same (or an older) bucket and at the first event.</summary>
    public int Moved { get; }

    /// <summary>1 at the evaluation that started the clock (the IL's BucketClock.First).</summary>
    public int First { get; }

    public long Width { get; }

    private readonly MicroAssembler _asm;
    private readonly SequentialScratch _scratch;
    private readonly int _nextStart;
    private readonly int _started;

    public SequentialBucketClock(MicroAssembler asm, SequentialScratch scratch, long width)
    {
        if (width <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), width, "a bucket is a positive number of ns");
        _asm = asm;
        _scratch = scratch;
        Width = width;
        (Bucket, Moved, First, _nextStart, _started) = (asm.Register(), asm.Register(), asm.Register(), asm.Register(), asm.Register());
    }

    public void EmitReset()
    {
        var zero = _asm.Constant(0);
        foreach (var r in (int[])[Bucket, Moved, First, _nextStart, _started])
            _asm.Add(r, zero, zero);
    }

    /// <summary>Moves the clock to the bucket of <paramref name="time"/> (the event's time), setting Moved and First.</summary>
    public void EmitStep(int time)
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1), width = asm.Constant(Width);
        using var scratch = _scratch.Open();
        int f = scratch.Next(), since = scratch.Next(), k = scratch.Next(), remainder = scratch.Next();
        MicroAssembler.Label far = asm.NewLabel(), done = asm.NewLabel();
        asm.Add(Moved, zero, zero);
        asm.Add(First, zero, zero);
        asm.Op(new(MicroOp.Equal, f, _started, zero));
        asm.Jump(MicroOp.JumpIf, far);
        // Before the next bucket's start: the same bucket (an older event's time stays in it too).
        asm.Op(new(MicroOp.LessUnsigned, f, time, _nextStart));
        asm.Jump(MicroOp.JumpIf, done);
        asm.Sub(since, time, _nextStart);
        asm.Op(new(MicroOp.LessUnsigned, f, since, width));
        asm.Jump(MicroOp.JumpUnless, far);
        asm.Add(Moved, one, zero);
        asm.Add(Bucket, Bucket, one);
        asm.Add(_nextStart, _nextStart, width);
        asm.Jump(MicroOp.Jump, done);

        // The first event, or a jump past the next bucket: k = t / w, and the next start t - (t mod w) + w.
        asm.Place(far);
        asm.Op(new(MicroOp.DivideStart, 0, time, width));
        asm.Op(new(MicroOp.Take, k, 0, 0));
        asm.Op(new(MicroOp.Take, remainder, 0, 1));
        asm.Sub(_nextStart, time, remainder);
        asm.Add(_nextStart, _nextStart, width);
        asm.Sub(Moved, k, Bucket);
        asm.Op(new(MicroOp.Equal, f, _started, zero));
        asm.Select(Moved, zero, Moved);
        asm.Op(new(MicroOp.Xor, First, _started, one));
        asm.Add(Bucket, k, zero);
        asm.Add(_started, one, zero);
        asm.Place(done);
    }
}

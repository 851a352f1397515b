namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// <c>ema(of: X, window: W)</c> (the runtime's EmaWindow) as a sequential-core routine: e starts at
/// the first event's sample and moves only when buckets close, each by e + Q.Mul(alpha, x - e)
/// (alpha = 3972/65536, the wrapping <c>-</c> and <c>+</c>), x the old bucket's last sample; a gap
/// of g buckets closes g, and the loop stops at the first close that leaves e unchanged (every
/// later one would too), so it runs at most 664 products whatever the gap.
/// </summary>
internal sealed class SequentialEmaWindow
{
    /// <summary>2/(32+1) rounded to nearest in Q47.16 (EmaWindow.Alpha).</summary>
    public const long Alpha = 3972;

    /// <summary>The most buckets a gap closes before e stops changing (the runtime's EmaWindow.MaxCatchUpUpdates, tested there at both extremes).</summary>
    public const int MaxCatchUpUpdates = 664;

    /// <summary>e, the window's value.</summary>
    public int Average { get; }

    private readonly MicroAssembler _asm;
    private readonly MicroOperators _operators;
    private readonly SequentialScratch _scratch;
    private readonly SequentialBucketClock _clock;
    private readonly int _bucketSample;

    public SequentialEmaWindow(MicroAssembler asm, MicroOperators operators, SequentialScratch scratch, SequentialBucketClock clock)
    {
        (_asm, _operators, _scratch, _clock) = (asm, operators, scratch, clock);
        (Average, _bucketSample) = (asm.Register(), asm.Register());
    }

    public void EmitReset()
    {
        var zero = _asm.Constant(0);
        _asm.Add(Average, zero, zero);
        _asm.Add(_bucketSample, zero, zero);
    }

    /// <summary>After the clock's step: closes the buckets time left, then keeps <paramref name="sample"/> as the open bucket's.</summary>
    public void EmitRecord(int sample)
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1), alpha = asm.Constant(Alpha);
        using var scratch = _scratch.Open();
        int f = scratch.Next(), left = scratch.Next(), step = scratch.Next(), product = scratch.Next(), next = scratch.Next();
        MicroAssembler.Label store = asm.NewLabel(), notFirst = asm.NewLabel(), close = asm.NewLabel();
        asm.Op(new(MicroOp.Equal, f, _clock.First, zero));
        asm.Jump(MicroOp.JumpIf, notFirst);
        asm.Add(Average, sample, zero);
        asm.Jump(MicroOp.Jump, store);
        asm.Place(notFirst);
        asm.Op(new(MicroOp.Equal, f, _clock.Moved, zero));
        asm.Jump(MicroOp.JumpIf, store);
        asm.Add(left, _clock.Moved, zero);
        asm.Place(close);
        asm.LoopBound(close, MaxCatchUpUpdates);
        asm.Sub(step, _bucketSample, Average);
        _operators.Multiply(product, alpha, step);
        asm.Add(next, Average, product);
        asm.Op(new(MicroOp.Equal, f, next, Average));
        asm.Jump(MicroOp.JumpIf, store);
        asm.Add(Average, next, zero);
        asm.Sub(left, left, one);
        asm.Op(new(MicroOp.Equal, f, left, zero));
        asm.Jump(MicroOp.JumpUnless, close);
        asm.Place(store);
        asm.Add(_bucketSample, sample, zero);
    }
}

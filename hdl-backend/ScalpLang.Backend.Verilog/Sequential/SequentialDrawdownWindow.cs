namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// <c>drawdown(window: W)</c> (the runtime's DrawdownWindow over SampleBuckets) as a sequential-core
/// routine: a ring of 32 registers holds each bucket's last equity sample, a bucket time passes over
/// repeats the one before it, and M, the highest sample of the held closed buckets, changes only when
/// time moves on. The value is (peak - equity) / peak (wrapping, Q.Div), peak = max(M, equity), and 0
/// when peak &lt;= 0.
/// <para>
/// No count of held buckets is kept: the first evaluation sets every slot to -2^63 (DrawdownWindow's
/// M while nothing is held), and a slot is held from the move that enters it (writing the repeated
/// sample), so a slot not held never raises a maximum. At a move the slots time passed over (those
/// at a distance below min(moved, 32) back from the new bucket) take the old current sample, and M
/// is the highest of all 32 slots then: the new current slot holds that old sample too, which the
/// old bucket, now closed and held (moved &lt; 32, or every slot holds it), brings into M anyway.
/// Both are straight-line code, one compare and select per slot for each, so a record's cycles have
/// a bound (MicroTiming) and nothing branches on how far time moved.
/// </para>
/// </summary>
internal sealed class SequentialDrawdownWindow
{
    public const int Buckets = 32;

    private readonly MicroAssembler _asm;
    private readonly MicroOperators _operators;
    private readonly SequentialScratch _scratch;
    private readonly SequentialBucketClock _clock;
    private readonly int _ring, _closedPeak;
    /// <summary>The peak and the equity the value in d was divided from (DrawdownWindow's cache).</summary>
    private readonly int _lastPeak, _lastEquity;

    public SequentialDrawdownWindow(MicroAssembler asm, MicroOperators operators, SequentialScratch scratch, SequentialBucketClock clock)
    {
        (_asm, _operators, _scratch, _clock) = (asm, operators, scratch, clock);
        _ring = asm.Region(Buckets);
        (_closedPeak, _lastPeak, _lastEquity) = (asm.Register(), asm.Register(), asm.Register());
    }

    /// <summary>
    /// Records <paramref name="equity"/> as the current bucket's sample (after the clock's step) and
    /// puts the drawdown in <paramref name="d"/>, which keeps it between evaluations: as DrawdownWindow,
    /// the quotient (a hundred cycles on the unit) is skipped when the peak and the equity are the last
    /// ones (equity rarely moves while flat). The ring, M and that cache need no reset: the clock's
    /// first evaluation after reset sets them.
    /// </summary>
    public void Emit(int d, int equity)
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1), slotMask = asm.Constant(Buckets - 1), all = asm.Constant(Buckets);
        var lowest = asm.Constant(long.MinValue);
        using var scratch = _scratch.Open();
        int f = scratch.Next(), passed = scratch.Next(), slot = scratch.Next(), repeat = scratch.Next(), distance = scratch.Next();
        MicroAssembler.Label notFirst = asm.NewLabel(), store = asm.NewLabel();

        asm.Op(new(MicroOp.Equal, f, _clock.First, zero));
        asm.Jump(MicroOp.JumpIf, notFirst);
        for (var j = 0; j < Buckets; j++)
            asm.Add(_ring + j, lowest, zero);
        asm.Add(_closedPeak, lowest, zero);
        asm.Jump(MicroOp.Jump, store);

        asm.Place(notFirst);
        asm.Op(new(MicroOp.Equal, f, _clock.Moved, zero));
        asm.Jump(MicroOp.JumpIf, store);
        // The old current bucket's sample, and how many slots repeat it (all 32 for a gap of 32 or more).
        asm.Sub(slot, _clock.Bucket, _clock.Moved);
        asm.Op(new(MicroOp.And, slot, slot, slotMask));
        asm.SetIndex(slot);
        asm.Op(new(MicroOp.Add, repeat, _ring, zero, IndexA: true));
        asm.Op(new(MicroOp.LessUnsigned, f, _clock.Moved, all));
        asm.Select(passed, _clock.Moved, all);
        asm.Add(_closedPeak, repeat, zero);
        // Slot j is (bucket - j) mod 32 buckets back from the new current one.
        asm.Op(new(MicroOp.And, distance, _clock.Bucket, slotMask));
        for (var j = 0; j < Buckets; j++)
        {
            asm.Op(new(MicroOp.LessUnsigned, f, distance, passed));
            asm.Select(_ring + j, repeat, _ring + j);
            asm.Op(new(MicroOp.LessSigned, f, _closedPeak, _ring + j));
            asm.Select(_closedPeak, _ring + j, _closedPeak);
            if (j == Buckets - 1)
                break;
            asm.Sub(distance, distance, one);
            asm.Op(new(MicroOp.And, distance, distance, slotMask));
        }

        asm.Place(store);
        asm.Op(new(MicroOp.And, slot, _clock.Bucket, slotMask));
        asm.SetIndex(slot);
        asm.Op(new(MicroOp.Add, _ring, equity, zero, IndexD: true));

        // peak = max(M, equity); (peak - equity) / peak, 0 when peak <= 0.
        int peak = passed, fall = repeat, same = slot;
        var done = asm.NewLabel();
        asm.Op(new(MicroOp.LessSigned, f, _closedPeak, equity));
        asm.Select(peak, equity, _closedPeak);
        asm.Op(new(MicroOp.Equal, same, peak, _lastPeak));
        asm.Op(new(MicroOp.Equal, f, equity, _lastEquity));
        asm.Op(new(MicroOp.And, same, same, f));
        asm.Op(new(MicroOp.Xor, f, _clock.First, one));
        asm.Op(new(MicroOp.And, same, same, f));
        asm.Op(new(MicroOp.Equal, f, same, one));
        asm.Jump(MicroOp.JumpIf, done);
        asm.Add(_lastPeak, peak, zero);
        asm.Add(_lastEquity, equity, zero);
        asm.Sub(fall, peak, equity);
        _operators.Divide(d, fall, peak);
        asm.Op(new(MicroOp.LessSigned, f, zero, peak));
        asm.Select(d, d, zero);
        asm.Place(done);
    }
}

namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The event sums of a window over its 32 buckets (the runtime's SumBuckets) as a sequential-core
/// routine: one or two lanes, each a ring of 32 registers read and written at I (the bucket's
/// slot, k mod 32) and a running total kept equal to the wrapped sum of its ring. When time moves
/// on, the slots of the buckets it passed over leave the total and are cleared (all 32 for a gap
/// of 32 or more: the total then returns to 0 exactly, since wrapping sums are exact mod 2^64);
/// then the event's amounts add to the current bucket and the totals. Every addition wraps, as
/// the IL's. trade_volume is one lane; aggressor_ratio, cancel_rate and vwap two.
/// </summary>
internal sealed class SequentialSumWindow
{
    public const int Buckets = 32;

    /// <summary>The total of each lane over the window.</summary>
    public IReadOnlyList<int> Totals { get; }

    private readonly MicroAssembler _asm;
    private readonly SequentialScratch _scratch;
    private readonly SequentialBucketClock _clock;
    private readonly int[] _rings;

    public SequentialSumWindow(MicroAssembler asm, SequentialScratch scratch, SequentialBucketClock clock, int lanes)
    {
        _asm = asm;
        _scratch = scratch;
        _clock = clock;
        _rings = [.. Enumerable.Range(0, lanes).Select(_ => asm.Region(Buckets))];
        Totals = [.. Enumerable.Range(0, lanes).Select(_ => asm.Register())];
    }

    public void EmitReset()
    {
        var zero = _asm.Constant(0);
        foreach (var ring in _rings)
        {
            for (var j = 0; j < Buckets; j++)
                _asm.Add(ring + j, zero, zero);
        }
        foreach (var total in Totals)
            _asm.Add(total, zero, zero);
    }

    /// <summary>Adds this evaluation's amounts (one register per lane) after the clock's step.</summary>
    public void EmitRecord(IReadOnlyList<int> amounts)
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1), slotMask = asm.Constant(Buckets - 1), all = asm.Constant(Buckets);
        using var scratch = _scratch.Open();
        int f = scratch.Next(), left = scratch.Next(), slot = scratch.Next(), old = scratch.Next();
        var moved = asm.NewLabel();
        var add = asm.NewLabel();
        asm.Op(new(MicroOp.Equal, f, _clock.Moved, zero));
        asm.Jump(MicroOp.JumpIf, add);
        // Clear the slots of buckets k - moved + 1 .. k (at most 32 of them), taking each out of its total.
        asm.Op(new(MicroOp.LessUnsigned, f, _clock.Moved, all));
        asm.Select(left, _clock.Moved, all);
        asm.Sub(slot, _clock.Bucket, left);
        asm.Add(slot, slot, one);
        asm.Op(new(MicroOp.And, slot, slot, slotMask));
        asm.Place(moved);
        asm.LoopBound(moved, Buckets);
        asm.SetIndex(slot);
        for (var lane = 0; lane < _rings.Length; lane++)
        {
            asm.Op(new(MicroOp.Add, old, _rings[lane], zero, IndexA: true));
            asm.Sub(Totals[lane], Totals[lane], old);
            asm.Op(new(MicroOp.Add, _rings[lane], zero, zero, IndexD: true));
        }
        asm.Add(slot, slot, one);
        asm.Op(new(MicroOp.And, slot, slot, slotMask));
        asm.Sub(left, left, one);
        asm.Op(new(MicroOp.Equal, f, left, zero));
        asm.Jump(MicroOp.JumpUnless, moved);

        asm.Place(add);
        asm.Op(new(MicroOp.And, slot, _clock.Bucket, slotMask));
        asm.SetIndex(slot);
        for (var lane = 0; lane < _rings.Length; lane++)
        {
            asm.Op(new(MicroOp.Add, _rings[lane], _rings[lane], amounts[lane], IndexA: true, IndexD: true));
            asm.Add(Totals[lane], Totals[lane], amounts[lane]);
        }
    }
}

namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// Two parallel event sums over the 32 buckets of a window (grammar/README.md §7, "sums"): each
/// bucket adds the amounts of its events, and a running total per lane is kept equal to the sum
/// of the 32 buckets, so an update is O(1) apart from clearing the buckets that time skipped
/// (at most 32). Every addition wraps like the language's <c>+</c>; since wrapping addition is
/// exact modulo 2^64, the running total equals the wrapped sum of the buckets at every step.
/// Buckets not yet reached hold 0, so no warm-up rule is needed.
/// </summary>
internal struct SumBuckets(long width)
{
    private readonly long[] _a = new long[WindowShape.Buckets];
    private readonly long[] _b = new long[WindowShape.Buckets];
    private BucketClock _clock = new(width);

    /// <summary>Sum of lane A over the window.</summary>
    public long TotalA { get; private set; }

    /// <summary>Sum of lane B over the window.</summary>
    public long TotalB { get; private set; }

    /// <summary>
    /// <see cref="Q.Div"/>(TotalA, TotalB), recomputed only when a total changed since the last
    /// call (the cache starts at Div(0, 0) = 0, which is exact).
    /// </summary>
    public long Ratio()
    {
        if (TotalA != _ratioA || TotalB != _ratioB)
        {
            _ratioA = TotalA;
            _ratioB = TotalB;
            _ratio = Q.Div(TotalA, TotalB);
        }
        return _ratio;
    }

    private long _ratioA;
    private long _ratioB;
    private long _ratio;

    /// <summary>Adds the event's amounts to its bucket, after clearing the buckets time left behind.</summary>
    public void Add(long tsEvent, long a, long b)
    {
        long moved = _clock.Step(tsEvent);
        if (moved > 0)
            Clear(_clock.Bucket, moved);
        if ((a | b) == 0)
            return; // most events add nothing to a given sum (no trade, no cancel)
        int slot = (int)(_clock.Bucket & WindowShape.BucketMask);
        _a[slot] = unchecked(_a[slot] + a);
        _b[slot] = unchecked(_b[slot] + b);
        TotalA = unchecked(TotalA + a);
        TotalB = unchecked(TotalB + b);
    }

    /// <summary>
    /// Time moved forward by <paramref name="moved"/> buckets to <paramref name="bucket"/>: the
    /// slots of buckets bucket-moved+1 .. bucket held buckets that are now out of the window.
    /// </summary>
    private void Clear(long bucket, long moved)
    {
        if (moved >= WindowShape.Buckets)
        {
            Array.Clear(_a);
            Array.Clear(_b);
            TotalA = 0;
            TotalB = 0;
            return;
        }
        long totalA = TotalA, totalB = TotalB;
        for (long k = bucket - moved + 1; k <= bucket; k++)
        {
            int slot = (int)(k & WindowShape.BucketMask);
            totalA = unchecked(totalA - _a[slot]);
            totalB = unchecked(totalB - _b[slot]);
            _a[slot] = 0;
            _b[slot] = 0;
        }
        TotalA = totalA;
        TotalB = totalB;
    }
}

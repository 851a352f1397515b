using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// <summary>Bucket k's lane A at 2 (k mod 32), its lane B just after: one cache line per two buckets.</summary>
    private readonly long[] _lanes = new long[2 * WindowShape.Buckets];
    private BucketClock _clock = new(width);

    /// <summary>Sum of lane A over the window.</summary>
    public long TotalA { get; private set; }

    /// <summary>Sum of lane B over the window.</summary>
    public long TotalB { get; private set; }

    /// <summary><see cref="Q.Div"/>(TotalA, TotalB).</summary>
    public readonly long Ratio() => Q.Div(TotalA, TotalB);

    /// <summary>Adds the event's amounts to its bucket, after clearing the buckets time left behind.</summary>
    public void Add(long tsEvent, long a, long b)
    {
        if (_clock.TryStepNear(tsEvent, out long moved))
        {
            // Branch-free: a move into the next bucket empties its slot (the bucket 32 back leaves).
            ref long laneA = ref Lane(_clock.Bucket);
            ref long laneB = ref Unsafe.Add(ref laneA, 1);
            long keep = moved - 1; // all ones when time stayed in the bucket, 0 when it moved on
            TotalA = unchecked(TotalA - (laneA & ~keep) + a);
            TotalB = unchecked(TotalB - (laneB & ~keep) + b);
            laneA = unchecked((laneA & keep) + a);
            laneB = unchecked((laneB & keep) + b);
            return;
        }
        AddFar(tsEvent, a, b);
    }

    /// <summary>
    /// Lane A only, for amounts that are zero on most events (traded volume: only trades add):
    /// here branches predict well and skipping the zero adds is the cheaper path.
    /// </summary>
    public void AddSparse(long tsEvent, long a)
    {
        long moved = _clock.Step(tsEvent);
        if (moved > 0)
            Clear(_clock.Bucket, moved);
        if (a == 0)
            return;
        ref long laneA = ref Lane(_clock.Bucket);
        laneA = unchecked(laneA + a);
        TotalA = unchecked(TotalA + a);
    }

    /// <summary>The first event, or a jump of more than one bucket: rare, and kept out of line so the common path inlines small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddFar(long tsEvent, long a, long b)
    {
        long far = _clock.Step(tsEvent);
        if (far > 0)
            Clear(_clock.Bucket, far);
        ref long laneA = ref Lane(_clock.Bucket);
        laneA = unchecked(laneA + a);
        Unsafe.Add(ref laneA, 1) = unchecked(Unsafe.Add(ref laneA, 1) + b);
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
            Array.Clear(_lanes);
            TotalA = 0;
            TotalB = 0;
            return;
        }
        long totalA = TotalA, totalB = TotalB;
        // Counted, not `k <= bucket`: bucket can be long.MaxValue (a 1 ns width at t = 2^63 - 1), where k++ would wrap.
        for (long k = bucket - moved + 1, left = moved; left > 0; k++, left--)
        {
            ref long laneA = ref Lane(k);
            totalA = unchecked(totalA - laneA);
            totalB = unchecked(totalB - Unsafe.Add(ref laneA, 1));
            laneA = 0;
            Unsafe.Add(ref laneA, 1) = 0;
        }
        TotalA = totalA;
        TotalB = totalB;
    }

    /// <summary>Lane A of bucket k (lane B is the next element): 2 (k mod 32) is always inside the 64 lanes, so no bounds check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ref long Lane(long k) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_lanes), (nint)(2 * (k & WindowShape.BucketMask)));
}

namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// The 32 bucket samples of a window (grammar/README.md §7, "samples"): each bucket keeps the
/// last value seen in it, a bucket with no event repeats the bucket before it, and the window
/// holds the buckets from the first event's bucket on, at most the newest 32 (<see cref="Count"/>).
/// Keeps the exact sum of the held samples (and, when asked, of their squares) up to date on
/// every slot change, so an update is O(1) apart from filling the buckets time skipped (at most 32).
/// </summary>
internal struct SampleBuckets(long width, bool squares)
{
    private readonly long[] _slots = new long[WindowShape.Buckets];
    private readonly bool _squares = squares;
    private BucketClock _clock = new(width);
    private UInt192 _sumOfSquares;

    /// <summary>Changes whenever the held samples do, so readers can cache what they derive from them.</summary>
    public long Version { get; private set; }

    /// <summary>Buckets held: from the first event's bucket to the current one, at most 32.</summary>
    public int Count { get; private set; }

    /// <summary>Exact sum of the held samples (never wraps: |sum| &lt;= 2^68).</summary>
    public Int128 Sum { get; private set; }

    /// <summary>Exact sum of the squares of the held samples (only when built with squares).</summary>
    public readonly UInt192 SumOfSquares => _sumOfSquares;

    /// <summary>The current bucket's slot.</summary>
    public readonly int Current => (int)(_clock.Bucket & WindowShape.BucketMask);

    public readonly long this[int slot] => _slots[slot];

    /// <summary>
    /// Makes <paramref name="sample"/> the current bucket's value, first filling the buckets time
    /// skipped with the value of the bucket before them. Returns <see cref="BucketClock.Step"/>'s result.
    /// </summary>
    public long Record(long tsEvent, long sample)
    {
        long moved = _clock.Step(tsEvent);
        if (moved != 0)
            Version++; // buckets were added or filled: count and sums may change
        if (moved == BucketClock.First)
        {
            Count = 1;
            _slots[Current] = sample;
            Enter(sample);
            return moved;
        }
        if (moved > 0)
            Fill(moved);
        int current = Current;
        if (_slots[current] == sample)
            return moved; // the bucket already ends on this value (equity while flat, a quiet book)
        Leave(_slots[current]);
        _slots[current] = sample;
        Enter(sample);
        return moved;
    }

    /// <summary>Buckets bucket-moved+1 .. bucket get the value of bucket-moved (their predecessor).</summary>
    private void Fill(long moved)
    {
        long bucket = _clock.Bucket;
        long repeat = _slots[(int)((bucket - moved) & WindowShape.BucketMask)];
        if (moved >= WindowShape.Buckets)
        {
            // Every held bucket left the window: all 32 now repeat the last sample.
            Array.Fill(_slots, repeat);
            Count = WindowShape.Buckets;
            Sum = (Int128)repeat * WindowShape.Buckets;
            if (_squares)
                _sumOfSquares = UInt192.Square(repeat).Multiply(WindowShape.Buckets);
            return;
        }
        for (long k = bucket - moved + 1; k <= bucket; k++)
        {
            int slot = (int)(k & WindowShape.BucketMask);
            // Before 32 buckets are held, the slot being entered is not held yet (it is at most
            // Count + moved - 1 < 32 buckets ahead of the oldest held one), so nothing leaves.
            if (Count < WindowShape.Buckets)
                Count++;
            else
                Leave(_slots[slot]);
            _slots[slot] = repeat;
            Enter(repeat);
        }
    }

    private void Enter(long sample)
    {
        Version++;
        Sum += sample;
        if (_squares)
            _sumOfSquares.AddSquare(sample);
    }

    private void Leave(long sample)
    {
        Sum -= sample;
        if (_squares)
            _sumOfSquares.SubtractSquare(sample);
    }
}

namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// The 32 bucket samples of a window (grammar/README.md §7, "samples"): each bucket keeps the
/// last value seen in it, a bucket with no event repeats the bucket before it, and the window
/// holds the buckets from the first event's bucket on, at most the newest 32 (<see cref="Count"/>).
/// Keeps the exact sum of the closed (older) held samples, and of their squares when asked, and
/// adds the current bucket's value when <see cref="Sum"/> or <see cref="SumOfSquares"/> is read:
/// an event inside a bucket only stores its sample, and a move is O(1) apart from filling the
/// buckets time skipped (at most 32).
/// </summary>
internal struct SampleBuckets(long width, bool squares)
{
    private readonly long[] _slots = new long[WindowShape.Buckets];
    private readonly bool _squares = squares;
    private BucketClock _clock = new(width);
    private Int128 _closedSum;
    private UInt192 _closedSquares;

    /// <summary>Changes whenever the held samples do, so readers can cache what they derive from them.</summary>
    public long Version { get; private set; }

    /// <summary>Buckets held: from the first event's bucket to the current one, at most 32.</summary>
    public int Count { get; private set; }

    /// <summary>Exact sum of the held samples (never wraps: |sum| &lt;= 2^68).</summary>
    public readonly Int128 Sum => _closedSum + _slots[Current];

    /// <summary>Exact sum of the squares of the held samples (only when built with squares).</summary>
    public readonly UInt192 SumOfSquares
    {
        get
        {
            var sum = _closedSquares;
            sum.AddSquare(_slots[Current]);
            return sum;
        }
    }

    /// <summary>The current bucket's slot.</summary>
    public readonly int Current => (int)(_clock.Bucket & WindowShape.BucketMask);

    public readonly long this[int slot] => _slots[slot];

    /// <summary>
    /// Makes <paramref name="sample"/> the current bucket's value, first closing the bucket that
    /// was current and filling the buckets time skipped with its value. Returns
    /// <see cref="BucketClock.Step"/>'s result.
    /// </summary>
    public long Record(long tsEvent, long sample)
    {
        long moved = _clock.Step(tsEvent);
        if (moved == BucketClock.First)
        {
            Count = 1;
            Version++;
            _slots[Current] = sample;
            return moved;
        }
        if (moved > 0)
        {
            Version++; // buckets were added: count and sums change
            Fill(moved);
        }
        int current = Current;
        if (_slots[current] != sample)
        {
            Version++;
            _slots[current] = sample;
        }
        return moved;
    }

    /// <summary>
    /// Time moved <paramref name="moved"/> buckets on: the bucket that was current closes, and the
    /// buckets after it (the new current one included, until its sample arrives) repeat its value.
    /// </summary>
    private void Fill(long moved)
    {
        long bucket = _clock.Bucket;
        long repeat = _slots[(int)((bucket - moved) & WindowShape.BucketMask)];
        if (moved >= WindowShape.Buckets)
        {
            // Every held bucket left the window: the 31 closed ones and the current all repeat the last sample.
            Array.Fill(_slots, repeat);
            Count = WindowShape.Buckets;
            _closedSum = (Int128)repeat * (WindowShape.Buckets - 1);
            if (_squares)
                _closedSquares = UInt192.Square(repeat).Multiply(WindowShape.Buckets - 1);
            return;
        }
        Close(repeat); // the old current bucket
        // Counted, not `k <= bucket`: bucket can be long.MaxValue (a 1 ns width at t = 2^63 - 1), where k++ would wrap.
        for (long k = bucket - moved + 1, left = moved; left > 0; k++, left--)
        {
            int slot = (int)(k & WindowShape.BucketMask);
            // Before 32 buckets are held, the slot being entered is not held yet (it is at most
            // Count + moved - 1 < 32 buckets ahead of the oldest held one), so nothing leaves;
            // once 32 are, the one leaving is a closed bucket (moved < 32).
            if (Count < WindowShape.Buckets)
                Count++;
            else
                Leave(_slots[slot]);
            _slots[slot] = repeat;
            if (k < bucket)
                Close(repeat);
        }
    }

    private void Close(long sample)
    {
        _closedSum += sample;
        if (_squares)
            _closedSquares.AddSquare(sample);
    }

    private void Leave(long sample)
    {
        _closedSum -= sample;
        if (_squares)
            _closedSquares.SubtractSquare(sample);
    }
}

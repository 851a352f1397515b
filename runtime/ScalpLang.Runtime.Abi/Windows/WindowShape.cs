using System.Runtime.CompilerServices;

namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// Constructor checks shared by every window (grammar/README.md §7): a window is 32 buckets of
/// width W / 32, so W must be a positive multiple of 32 ns.
/// </summary>
internal static class WindowShape
{
    public const int Buckets = 32;
    public const int BucketMask = Buckets - 1;
    public const int MaxAtrBars = 256;

    /// <summary>The bucket width W / 32 of a valid window, or an ArgumentException naming the problem.</summary>
    public static long BucketWidth(long windowNs, string paramName)
    {
        CheckDuration(windowNs, paramName, "window");
        return windowNs / Buckets;
    }

    public static void CheckDuration(long ns, string paramName, string what)
    {
        if (ns <= 0)
            throw new ArgumentException($"The {what} must be a positive duration; got {ns} ns.", paramName);
        if (ns % Buckets != 0)
            throw new ArgumentException($"The {what} must be a multiple of 32 ns; got {ns} ns.", paramName);
    }
}

/// <summary>
/// The bucket index of the newest event: k = floor(t / w) on exchange time (Unix ns, non-negative).
/// An event whose bucket is older than the current one is taken as belonging to the current
/// bucket, so the index never goes back.
/// </summary>
internal struct BucketClock(long width)
{
    /// <summary>Step's result for the first event: it starts the clock at its own bucket.</summary>
    public const long First = -1;

    private readonly long _width = width;

    /// <summary>The last bucket whose successor's start fits in a long (beyond it the start saturates).</summary>
    private readonly long _lastUnsaturated = long.MaxValue / width - 1;

    /// <summary>
    /// Where the bucket after the current one starts (saturating): an event before it stays in the
    /// current bucket, which a comparison decides without the 64-bit division (most events).
    /// </summary>
    private long _nextStart;

    /// <summary>The current (newest, still filling) bucket; valid after the first Step.</summary>
    public long Bucket { get; private set; }

    private bool _started;

    /// <summary>
    /// Moves to the event's bucket: <see cref="First"/> for the first event, 0 when the event is
    /// in the current bucket or an older one, otherwise how many buckets time moved forward
    /// (any positive number, even far more than 32).
    /// </summary>
    /// <summary>
    /// <see cref="Step"/> without a branch on the outcome when the event is at most one bucket
    /// ahead (events closer together than a bucket: whether one crosses into the next bucket is
    /// as good as random, and a mispredicted branch costs more than the arithmetic): sets
    /// <paramref name="moved"/> to 0 or 1 and returns true. Returns false, changing nothing, for
    /// the first event or a jump of more buckets; call <see cref="Step"/> then.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryStepNear(long tsEvent, out long moved)
    {
        if (!_started || tsEvent - _nextStart >= _width || Bucket >= _lastUnsaturated)
        {
            moved = 0;
            return false;
        }
        moved = tsEvent >= _nextStart ? 1 : 0;
        Bucket += moved;
        _nextStart += _width & -moved;
        return true;
    }

    public long Step(long tsEvent)
    {
        if (tsEvent < _nextStart && _started)
            return 0;
        // Events are often closer together than a bucket: time then moves to the next bucket
        // exactly, which needs no division either.
        if (_started && tsEvent - _nextStart < _width && Bucket < _lastUnsaturated)
        {
            Bucket++;
            _nextStart += _width;
            return 1;
        }
        long k = tsEvent / _width;
        if (!_started)
        {
            _started = true;
            MoveTo(k);
            return First;
        }
        if (k <= Bucket)
            return 0;
        long moved = k - Bucket;
        MoveTo(k);
        return moved;
    }

    private void MoveTo(long k)
    {
        Bucket = k;
        _nextStart = k <= _lastUnsaturated ? (k + 1) * _width : long.MaxValue;
    }
}

namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// <c>ema(of: X, window: W)</c> (grammar/README.md §7): e starts at the first event's sample and
/// changes only when a bucket closes, by <c>e &lt;- e + Q.Mul(alpha, x - e)</c> (<c>-</c>, <c>+</c>
/// wrapping) with x the closing bucket's sample and alpha = <see cref="Alpha"/>. When time skips
/// g buckets, g buckets close: the last one filled with its own last sample, the empty ones
/// repeating it. Once an update leaves e unchanged every further one with the same x does too,
/// so the loop stops there. How many updates that takes depends only on d = x - e, and the worst
/// cases are d = long.MaxValue and d = long.MinValue: 663 updates that change e, then the one that
/// does not (<see cref="MaxCatchUpUpdates"/>), so any gap, however long, costs a bounded amount.
/// </summary>
public sealed class EmaWindow
{
    /// <summary>2/(32+1) rounded to nearest in Q47.16: 3972/65536 = 0.06060791015625.</summary>
    internal const long Alpha = 3972;

    /// <summary>Most updates a gap ever computes before e stops changing (tested at both extremes).</summary>
    internal const int MaxCatchUpUpdates = 664;

    private BucketClock _clock;
    private long _ema;
    private long _bucketSample;

    /// <param name="windowNs">W in nanoseconds: positive, a multiple of 32.</param>
    /// <exception cref="ArgumentException">W is not a positive multiple of 32 ns.</exception>
    public EmaWindow(long windowNs) =>
        _clock = new BucketClock(WindowShape.BucketWidth(windowNs, nameof(windowNs)));

    /// <summary>
    /// Closes the buckets time left (if any), then records this event's sample as the current
    /// bucket's latest value; returns e, which the current (still open) bucket does not move.
    /// </summary>
    public long Update(long tsEvent, long sample)
    {
        long moved = _clock.Step(tsEvent);
        if (moved == BucketClock.First)
        {
            _ema = sample;
        }
        else if (moved > 0)
        {
            long x = _bucketSample;
            long e = _ema;
            for (long closed = 0; closed < moved; closed++)
            {
                long next = unchecked(e + Q.Mul(Alpha, unchecked(x - e)));
                if (next == e)
                    break;
                e = next;
            }
            _ema = e;
        }
        _bucketSample = sample;
        return _ema;
    }
}

namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// <c>trade_volume(window: W)</c>: the Q47.16 sum of trade sizes whose bucket is one of the
/// window's 32 (grammar/README.md §7, §8). Events without a trade pass size 0 and only move time.
/// </summary>
public sealed class TradeVolumeWindow
{
    private SumBuckets _sums;

    /// <param name="windowNs">W in nanoseconds: positive, a multiple of 32.</param>
    /// <exception cref="ArgumentException">W is not a positive multiple of 32 ns.</exception>
    public TradeVolumeWindow(long windowNs) =>
        _sums = new SumBuckets(WindowShape.BucketWidth(windowNs, nameof(windowNs)));

    /// <summary>Adds this event's trade size and returns the window's volume (wrapping sum).</summary>
    public long Update(long tsEvent, long tradeSize)
    {
        _sums.AddSparse(tsEvent, tradeSize);
        return _sums.TotalA;
    }
}

namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// <c>sma(of: X, window: W)</c> and <c>avg_depth(window: W)</c> (with the depth as the sample):
/// the mean of the window's bucket samples (grammar/README.md §7). The mean is the exact sum of
/// the n held samples (n = 32 once 32 buckets have passed since the first event, fewer before)
/// divided by n, truncated toward zero; it never wraps. O(1) per update (running exact sum).
/// </summary>
public sealed class SmaWindow
{
    private SampleBuckets _samples;
    private long _version = -1;
    private long _mean;

    /// <param name="windowNs">W in nanoseconds: positive, a multiple of 32.</param>
    /// <exception cref="ArgumentException">W is not a positive multiple of 32 ns.</exception>
    public SmaWindow(long windowNs) =>
        _samples = new SampleBuckets(WindowShape.BucketWidth(windowNs, nameof(windowNs)), squares: false);

    /// <summary>Records this event's sample as its bucket's latest value and returns the mean.</summary>
    public long Update(long tsEvent, long sample)
    {
        _samples.Record(tsEvent, sample);
        if (_samples.Version != _version)
        {
            _version = _samples.Version;
            _mean = Exact.Mean(_samples.Sum, _samples.Count);
        }
        return _mean;
    }
}

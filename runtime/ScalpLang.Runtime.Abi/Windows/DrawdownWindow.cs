namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// <c>drawdown(window: W)</c>: <c>(peak - equity) / peak</c>, where peak is the highest of the
/// window's equity bucket samples (the current bucket's sample is this event's equity, so
/// peak &gt;= equity), <c>-</c> wraps and <c>/</c> is <see cref="Q.Div"/>; 0 when peak &lt;= 0.
/// The peak of the closed buckets is re-scanned (at most 31 slots) only when time enters a new
/// bucket; within a bucket an update is O(1).
/// </summary>
public sealed class DrawdownWindow
{
    private SampleBuckets _samples;
    private long _closedPeak = long.MinValue;
    private long _lastPeak;
    private long _lastEquity;
    private long _lastDrawdown;

    /// <param name="windowNs">W in nanoseconds: positive, a multiple of 32.</param>
    /// <exception cref="ArgumentException">W is not a positive multiple of 32 ns.</exception>
    public DrawdownWindow(long windowNs) =>
        _samples = new SampleBuckets(WindowShape.BucketWidth(windowNs, nameof(windowNs)), squares: false);

    /// <summary>Records this event's equity as its bucket's latest value and returns the drawdown.</summary>
    public long Update(long tsEvent, long equity)
    {
        if (_samples.Record(tsEvent, equity) != 0)
            RescanClosedPeak();
        long peak = Math.Max(_closedPeak, equity);
        if (peak != _lastPeak || equity != _lastEquity)
        {
            // Equity rarely moves while flat: the division is skipped when nothing changed.
            _lastPeak = peak;
            _lastEquity = equity;
            _lastDrawdown = peak <= 0 ? 0 : Q.Div(unchecked(peak - equity), peak);
        }
        return _lastDrawdown;
    }

    /// <summary>The highest sample of the held buckets other than the current one.</summary>
    private void RescanClosedPeak()
    {
        long peak = long.MinValue;
        int current = _samples.Current;
        for (int back = 1; back < _samples.Count; back++)
            peak = Math.Max(peak, _samples[(current - back) & WindowShape.BucketMask]);
        _closedPeak = peak;
    }
}

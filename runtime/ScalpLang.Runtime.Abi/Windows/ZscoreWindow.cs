namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// <c>zscore(of: X, window: W)</c>: <c>(x - m) / s</c> over the window's n bucket samples
/// (grammar/README.md §7, §8), where x is this event's sample, m the mean as in
/// <see cref="SmaWindow"/> (exact sum / n, truncated toward zero), and s the exact population
/// standard deviation rounded down to 2^-16: on raw values, s = floor(sqrt(D) / n) with
/// D = n * sum(x_i^2) - (sum x_i)^2 computed exactly, which is isqrt(floor(D / n^2)).
/// <c>x - m</c> wraps like the language's <c>-</c> and the division is <see cref="Q.Div"/>, so
/// s = 0 gives 0. Integer arithmetic only (192-bit for D); O(1) per update plus one integer
/// square root (skipped when the variance did not change).
/// </summary>
public sealed class ZscoreWindow
{
    private SampleBuckets _samples;
    private UInt128 _lastVariance;
    private long _lastStd;
    private long _version = -1;
    private long _mean;

    /// <param name="windowNs">W in nanoseconds: positive, a multiple of 32.</param>
    /// <exception cref="ArgumentException">W is not a positive multiple of 32 ns.</exception>
    public ZscoreWindow(long windowNs) =>
        _samples = new SampleBuckets(WindowShape.BucketWidth(windowNs, nameof(windowNs)), squares: true);

    /// <summary>Records this event's sample as its bucket's latest value and returns its z-score.</summary>
    public long Update(long tsEvent, long sample)
    {
        Record(tsEvent, sample);
        return Value(sample);
    }

    /// <summary>
    /// The state half of <see cref="Update"/>: compiled strategies record every event but ask for
    /// the z-score only when a decision needs it (the mean and standard deviation are the costly part).
    /// </summary>
    public void Record(long tsEvent, long sample) => _samples.Record(tsEvent, sample);

    /// <summary>The z-score of <paramref name="sample"/>, the value last recorded, against the held samples.</summary>
    public long Value(long sample)
    {
        if (_samples.Version != _version)
        {
            // The mean and the 192-bit variance change only with the held samples.
            _version = _samples.Version;
            Refresh();
        }
        return Q.Div(unchecked(sample - _mean), _lastStd);
    }

    private void Refresh()
    {
        int n = _samples.Count;
        Int128 sum = _samples.Sum;
        _mean = Exact.Mean(sum, n);

        // n^2 * variance = n * sum(x^2) - sum(x)^2 >= 0, below 2^137; variance < 2^126 (raw^2 units).
        UInt192 spread = _samples.SumOfSquares.Multiply((ulong)n);
        spread.Subtract(UInt192.Square(sum < 0 ? (UInt128)(-sum) : (UInt128)sum));
        UInt128 variance = spread.Divide((ulong)(n * n));
        if (variance != _lastVariance)
        {
            _lastVariance = variance;
            _lastStd = (long)IntegerRoot.Floor(variance);
        }
    }
}

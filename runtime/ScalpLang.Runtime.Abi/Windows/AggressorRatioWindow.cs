namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// <c>aggressor_ratio(window: W)</c>: aggressive buy volume / all aggressive volume over the
/// window, one <see cref="Q.Div"/> of the two wrapping sums; 0 when the window has no volume.
/// </summary>
public sealed class AggressorRatioWindow
{
    private SumBuckets _sums;

    /// <param name="windowNs">W in nanoseconds: positive, a multiple of 32.</param>
    /// <exception cref="ArgumentException">W is not a positive multiple of 32 ns.</exception>
    public AggressorRatioWindow(long windowNs) =>
        _sums = new SumBuckets(WindowShape.BucketWidth(windowNs, nameof(windowNs)));

    /// <summary>Adds this event's trade (size 0 when none) and returns buy volume / all volume.</summary>
    public long Update(long tsEvent, long tradeSize, bool aggressorBuy)
    {
        Record(tsEvent, tradeSize, aggressorBuy);
        return Value();
    }

    /// <summary>The state half of <see cref="Update"/> (compiled strategies ask for <see cref="Value"/> only when a decision needs it).</summary>
    public void Record(long tsEvent, long tradeSize, bool aggressorBuy) => _sums.Add(tsEvent, aggressorBuy ? tradeSize : 0, tradeSize);

    /// <summary>Buy volume / all volume over the window: one division of the two sums.</summary>
    public long Value() => _sums.Ratio();
}

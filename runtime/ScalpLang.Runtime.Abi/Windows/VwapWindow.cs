namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// <c>vwap(window: W)</c>: (sum of <c>Q.Mul(price, size)</c>) / (sum of size) over the window's
/// trades: each product rounded by <see cref="Q.Mul"/>, both sums wrapping, one
/// <see cref="Q.Div"/>; 0 when the window has no traded size.
/// </summary>
public sealed class VwapWindow
{
    private SumBuckets _sums;

    /// <param name="windowNs">W in nanoseconds: positive, a multiple of 32.</param>
    /// <exception cref="ArgumentException">W is not a positive multiple of 32 ns.</exception>
    public VwapWindow(long windowNs) =>
        _sums = new SumBuckets(WindowShape.BucketWidth(windowNs, nameof(windowNs)));

    /// <summary>Adds this event's trade (size 0 when none) and returns the window's VWAP.</summary>
    public long Update(long tsEvent, long price, long size)
    {
        Record(tsEvent, price, size);
        return Value();
    }

    /// <summary>The state half of <see cref="Update"/> (compiled strategies ask for <see cref="Value"/> only when a decision needs it).</summary>
    public void Record(long tsEvent, long price, long size) => _sums.Add(tsEvent, Q.Mul(price, size), size);

    /// <summary>The volume-weighted price over the window: one division of the two sums.</summary>
    public long Value() => _sums.Ratio();
}

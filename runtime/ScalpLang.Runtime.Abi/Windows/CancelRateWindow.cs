namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// <c>cancel_rate(window: W)</c>: size cancelled / size added at the tracked levels over the
/// window, one <see cref="Q.Div"/> of the two wrapping sums; 0 when nothing was added.
/// </summary>
public sealed class CancelRateWindow
{
    private SumBuckets _sums;

    /// <param name="windowNs">W in nanoseconds: positive, a multiple of 32.</param>
    /// <exception cref="ArgumentException">W is not a positive multiple of 32 ns.</exception>
    public CancelRateWindow(long windowNs) =>
        _sums = new SumBuckets(WindowShape.BucketWidth(windowNs, nameof(windowNs)));

    /// <summary>Adds this event's cancelled and added size and returns cancelled / added.</summary>
    public long Update(long tsEvent, long cancelledSize, long addedSize)
    {
        Record(tsEvent, cancelledSize, addedSize);
        return Value();
    }

    /// <summary>The state half of <see cref="Update"/> (compiled strategies ask for <see cref="Value"/> only when a decision needs it).</summary>
    public void Record(long tsEvent, long cancelledSize, long addedSize) => _sums.Add(tsEvent, cancelledSize, addedSize);

    /// <summary>Cancelled / added over the window: one division of the two sums.</summary>
    public long Value() => _sums.Ratio();
}

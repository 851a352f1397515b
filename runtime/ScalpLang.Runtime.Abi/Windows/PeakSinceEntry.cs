namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// The highest value since the position was entered (for trailing exits): the first event in a
/// position starts the peak at its value, later ones raise it; a flat event clears it and
/// returns 0. Given the signed position, a reversal (long to short or back, even without a flat
/// event between) is a new entry and restarts the peak. O(1), no time involved.
/// </summary>
public sealed class PeakSinceEntry
{
    private bool _active;
    private long _peak;
    private int _side;

    /// <summary>As <see cref="Update(long, bool)"/>, restarting the peak when the position's sign changes.</summary>
    public long Update(long value, long position)
    {
        var side = Math.Sign(position);
        if (side != _side)
        {
            _active = false;
            _side = side;
        }
        return Update(value, side != 0);
    }

    /// <summary>Takes this event's value into the peak when in position; returns the peak, or 0 when flat.</summary>
    public long Update(long value, bool inPosition)
    {
        if (!inPosition)
        {
            _active = false;
            _peak = 0;
            return 0;
        }
        _peak = _active ? Math.Max(_peak, value) : value;
        _active = true;
        return _peak;
    }
}

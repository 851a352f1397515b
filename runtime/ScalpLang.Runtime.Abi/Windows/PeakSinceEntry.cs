namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// The highest value since the position left zero (for trailing exits): the first event with
/// <c>inPosition</c> starts the peak at its value, later ones raise it; an event with
/// <c>inPosition</c> false clears it and returns 0. A reversal that never shows a flat event keeps
/// the peak (only in / out of position is seen). O(1), no time involved.
/// </summary>
public sealed class PeakSinceEntry
{
    private bool _active;
    private long _peak;

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

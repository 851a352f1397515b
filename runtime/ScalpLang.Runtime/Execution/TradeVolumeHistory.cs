namespace ScalpLang.Runtime.Execution;

/// <summary>
/// The market's traded volume by time, for VWAP slicing: a running total, and the trades of the
/// last <see cref="Horizon"/> with the total before each, so the volume of any interval inside the
/// horizon is one binary search. Amortised O(1) per trade; memory grows with the trades of one
/// horizon only.
/// </summary>
public sealed class TradeVolumeHistory
{
    /// <summary>How far back volume is kept: one hour.</summary>
    public const long Horizon = 3_600_000_000_000;

    private long[] _ts = new long[1024];
    private long[] _before = new long[1024];
    private int _head;
    private int _end;

    /// <summary>All volume traded so far, lots.</summary>
    public long Total { get; private set; }

    public void Record(long ts, long lots)
    {
        if (lots <= 0)
            return;
        while (_head < _end && _ts[_head] <= ts - Horizon)
            _head++;
        if (_end == _ts.Length)
            Compact();
        _ts[_end] = ts;
        _before[_end] = Total;
        _end++;
        Total += lots;
    }

    /// <summary>The total traded up to and including time <paramref name="t"/> (t inside the horizon).</summary>
    public long TotalAt(long t)
    {
        int lo = _head;
        int hi = _end;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_ts[mid] <= t)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < _end ? _before[lo] : Total;
    }

    /// <summary>
    /// Volume over the <paramref name="span"/> ns up to <paramref name="now"/>; a span longer than
    /// the horizon is extrapolated from the last hour in proportion to time.
    /// </summary>
    public long VolumeBefore(long now, long span)
    {
        if (span <= Horizon)
            return Total - TotalAt(now - span);
        long lastHour = Total - TotalAt(now - Horizon);
        return (long)((Int128)lastHour * span / Horizon);
    }

    private void Compact()
    {
        int held = _end - _head;
        if (held > _ts.Length / 2)
        {
            Array.Resize(ref _ts, _ts.Length * 2);
            Array.Resize(ref _before, _before.Length * 2);
        }
        Array.Copy(_ts, _head, _ts, 0, held);
        Array.Copy(_before, _head, _before, 0, held);
        _head = 0;
        _end = held;
    }
}

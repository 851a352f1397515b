namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// <c>atr(window: W, bar: B)</c> (grammar/README.md §7): the mean true range, in ticks (Q47.16),
/// of the last N = W / B completed bars of <c>last_price</c>. Bars are aligned on floor(t / B);
/// only trades (<c>isTrade</c>) move a bar's high, low and close, but every event moves time, and a
/// bar is completed once an event of a later bar arrives. Bars start with the bar of the first
/// trade, whose previous close is that trade's price (so its true range is high - low). A bar
/// without a trade is flat at the previous close (true range 0) and counts. The mean is the
/// exact sum of the held true ranges over their count (N once N bars have completed, fewer
/// before), truncated toward zero; 0 before the first completed bar. A true range is
/// max(high, prev) - min(low, prev) with the language's wrapping <c>-</c>. O(1) per update
/// (running exact sum over a ring of N) apart from the bars a gap skips (at most N).
/// </summary>
public sealed class AtrWindow
{
    private readonly long _barNs;
    private readonly long[] _ranges;
    private long _bar;
    /// <summary>Where the bar after <see cref="_bar"/> starts (saturating): most events fall before it, and a comparison spares the 64-bit division.</summary>
    private long _nextBarStart;
    private bool _clockStarted;
    private bool _barsStarted;
    private long _high;
    private long _low;
    private long _close;
    private long _previousClose;
    private Int128 _sum;
    private int _count;
    private int _next;
    /// <summary>The mean true range, which changes only when bars complete.</summary>
    private long _mean;

    /// <param name="windowNs">W in nanoseconds: positive, a multiple of 32 and of B, at most 256 bars.</param>
    /// <param name="barNs">B in nanoseconds: positive, a multiple of 32.</param>
    /// <exception cref="ArgumentException">A duration is invalid, or W is not 1..256 whole bars.</exception>
    public AtrWindow(long windowNs, long barNs)
    {
        WindowShape.CheckDuration(windowNs, nameof(windowNs), "window");
        WindowShape.CheckDuration(barNs, nameof(barNs), "bar");
        if (windowNs % barNs != 0)
            throw new ArgumentException($"The atr window ({windowNs} ns) must be a whole number of bars of {barNs} ns.", nameof(windowNs));
        if (windowNs / barNs > WindowShape.MaxAtrBars)
            throw new ArgumentException($"The atr window must be at most {WindowShape.MaxAtrBars} bars; got {windowNs / barNs} ({windowNs} ns / {barNs} ns).", nameof(windowNs));
        _barNs = barNs;
        _ranges = new long[windowNs / barNs];
    }

    /// <summary>
    /// Completes the bars time left (if any), then applies this event's trade price to the
    /// current bar when <paramref name="isTrade"/>; returns the mean true range of the completed bars.
    /// </summary>
    public long Update(long tsEvent, long lastPrice, bool isTrade)
    {
        if (tsEvent >= _nextBarStart || !_clockStarted)
            MoveClock(tsEvent);
        if (isTrade)
        {
            if (!_barsStarted)
            {
                _barsStarted = true;
                _high = _low = _close = _previousClose = lastPrice;
            }
            else
            {
                _high = Math.Max(_high, lastPrice);
                _low = Math.Min(_low, lastPrice);
                _close = lastPrice;
            }
        }
        return _mean;
    }

    private void MoveClock(long tsEvent)
    {
        long bar = tsEvent / _barNs;
        if (!_clockStarted)
            _clockStarted = true;
        else if (bar > _bar)
        {
            if (_barsStarted)
            {
                CompleteBars(bar - _bar);
                _mean = Exact.Mean(_sum, _count);
            }
        }
        else
            return; // an event from an older bar (time never moves back a bar)
        _bar = bar;
        _nextBarStart = bar < long.MaxValue / _barNs ? (bar + 1) * _barNs : long.MaxValue;
    }

    /// <summary>The open bar and the <paramref name="moved"/> - 1 empty bars after it complete.</summary>
    private void CompleteBars(long moved)
    {
        // High and low already include the previous close (a bar opens flat at it).
        Push(unchecked(Math.Max(_high, _previousClose) - Math.Min(_low, _previousClose)));
        _previousClose = _close;
        _high = _low = _close;
        long empty = moved - 1;
        if (empty >= _ranges.Length)
        {
            Array.Clear(_ranges);
            _sum = 0;
            _count = _ranges.Length;
            return;
        }
        for (long i = 0; i < empty; i++)
            Push(0);
    }

    private void Push(long range)
    {
        if (_count < _ranges.Length)
            _count++;
        else
            _sum -= _ranges[_next];
        _ranges[_next] = range;
        _sum += range;
        _next = _next + 1 == _ranges.Length ? 0 : _next + 1;
    }
}

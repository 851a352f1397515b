namespace ScalpLang.Backtest.Venue;

/// <summary>Sliding-window order counter over a ring of the last N accepted arrival times (no allocation per order).</summary>
internal sealed class OrderRateLimiter(OrderRateLimit limit)
{
    private readonly long[] _times = new long[limit.MaxOrders];
    private int _count;
    private int _oldest;

    public OrderRateLimit Limit => limit;

    /// <summary>Records an order at <paramref name="now"/>, or returns false (recording nothing) when the window is full.</summary>
    public bool TryRecord(long now)
    {
        if (_count == _times.Length)
        {
            if (_times[_oldest] > now - limit.WindowNs)
                return false;
            _times[_oldest] = now;
            _oldest = (_oldest + 1) % _times.Length;
            return true;
        }
        _times[(_oldest + _count) % _times.Length] = now;
        _count++;
        return true;
    }

    /// <summary>Orders counted in the window ending at <paramref name="now"/>, for the reject's context.</summary>
    public int CountIn(long now)
    {
        int n = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_times[(_oldest + i) % _times.Length] > now - limit.WindowNs)
                n++;
        }
        return n;
    }
}

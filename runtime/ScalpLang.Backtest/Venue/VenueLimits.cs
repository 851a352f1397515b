namespace ScalpLang.Backtest.Venue;

/// <summary>
/// The exchange's price collar: a limit order priced farther than <see cref="MaxTicks"/> ticks,
/// or farther than <see cref="MaxFraction"/> of the reference price, from the reference price
/// (the mid, else the last trade) is rejected; a market order walks no farther than the band.
/// Either bound may be left out.
/// </summary>
public sealed record PriceBand(long? MaxTicks = null, decimal? MaxFraction = null);

/// <summary>The exchange's throttle: at most <see cref="MaxOrders"/> new orders in any <see cref="WindowNs"/> (by arrival time).</summary>
public sealed record OrderRateLimit(int MaxOrders, long WindowNs)
{
    public int MaxOrders { get; } = MaxOrders > 0 ? MaxOrders : throw new ArgumentOutOfRangeException(nameof(MaxOrders), MaxOrders, "must be positive");

    public long WindowNs { get; } = WindowNs > 0 ? WindowNs : throw new ArgumentOutOfRangeException(nameof(WindowNs), WindowNs, "must be positive");
}

/// <summary>
/// How an L2 level decrease that is not explained by a trade moves our queue position (an
/// aggregate feed cannot say whether the cancelled size was ahead of us or behind).
/// </summary>
public enum L2CancelRule : byte
{
    /// <summary>
    /// Cancels come from ahead and behind in proportion: size ahead shrinks by
    /// <c>floor(cancelled x ahead / level)</c> (rounded toward staying back).
    /// </summary>
    ProRata = 0,

    /// <summary>Pessimistic: cancels come from behind us first; only what exceeds the size behind moves us up.</summary>
    BehindFirst = 1,
}

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

namespace ScalpLang.Backtest.Venue;

/// <summary>The exchange's throttle: at most <see cref="MaxOrders"/> new orders in any <see cref="WindowNs"/> (by arrival time).</summary>
public sealed record OrderRateLimit(int MaxOrders, long WindowNs)
{
    public int MaxOrders { get; } = MaxOrders > 0 ? MaxOrders : throw new ArgumentOutOfRangeException(nameof(MaxOrders), MaxOrders, "must be positive");

    public long WindowNs { get; } = WindowNs > 0 ? WindowNs : throw new ArgumentOutOfRangeException(nameof(WindowNs), WindowNs, "must be positive");
}

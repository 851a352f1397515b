namespace ScalpLang.Runtime.Model;

/// <summary>
/// Timestamps are <see cref="long"/> nanoseconds since the Unix epoch (UTC), as nautilus_trader's
/// <c>UnixNanos</c>: one integer that orders, subtracts and buckets exactly (grammar/README.md §7
/// buckets windows on it). These helpers convert at the edges only.
/// </summary>
public static class UnixNanos
{
    public const long PerSecond = 1_000_000_000;
    public const long PerDay = 86_400 * PerSecond;

    private const long TicksPerNano = 100; // DateTime ticks are 100 ns

    public static long FromDateTime(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc)
            throw new ArgumentException("expected a UTC DateTime", nameof(utc));
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) * TicksPerNano;
    }

    /// <summary>For display only: DateTime keeps 100 ns, so the last two digits are dropped.</summary>
    public static DateTime ToDateTime(long unixNanos) =>
        new(DateTime.UnixEpoch.Ticks + unixNanos / TicksPerNano, DateTimeKind.Utc);

    /// <summary>
    /// Local midnight of <paramref name="date"/> in <paramref name="zone"/>, in Unix ns. Sources
    /// such as LOBSTER count time from the exchange's local midnight.
    /// </summary>
    public static long LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return FromDateTime(TimeZoneInfo.ConvertTimeToUtc(local, zone));
    }
}

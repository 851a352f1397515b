namespace ScalpLang.Backtest.Scenarios;

/// <summary>
/// Scenario time: <c>at 0ms</c> is <see cref="EpochNs"/>, midnight UTC of 2024-01-02. Midnight is
/// a whole number of every bucket and bar the examples use (86,400 s = 2^7·3^3·5^2 s), so
/// <c>at 1s</c> opens a new one-second bar and a 500 ms window's buckets start at 0, 15.625 ms, ...
/// </summary>
public static class ScenarioTime
{
    public const long EpochNs = 1_704_153_600_000_000_000;

    /// <summary>The largest unit the time is a whole number of: <c>2s</c>, <c>1500ms</c>, <c>250us</c>, <c>7ns</c>.</summary>
    public static string Format(long relativeNs) => relativeNs switch
    {
        0 => "0ms",
        _ when relativeNs % 1_000_000_000 == 0 => $"{relativeNs / 1_000_000_000}s",
        _ when relativeNs % 1_000_000 == 0 => $"{relativeNs / 1_000_000}ms",
        _ when relativeNs % 1_000 == 0 => $"{relativeNs / 1_000}us",
        _ => $"{relativeNs}ns",
    };
}

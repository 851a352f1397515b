namespace ScalpLang.Runtime.Lobster;

/// <summary>What to do with a row that cannot be read.</summary>
public enum BadRowPolicy : byte
{
    /// <summary>Stop reading and report it: silently dropping data would skew a backtest.</summary>
    Stop = 0,

    /// <summary>Skip the row (and its orderbook row), count it, report it to the callback, go on.</summary>
    Skip = 1,
}

public sealed record LobsterReadOptions
{
    public static LobsterReadOptions Default { get; } = new();

    /// <summary>The exchange LOBSTER samples come from (NASDAQ) counts time from New York midnight.</summary>
    public const string DefaultTimeZoneId = "America/New_York";

    public BadRowPolicy BadRows { get; init; } = BadRowPolicy.Stop;

    /// <summary>Called for each skipped row under <see cref="BadRowPolicy.Skip"/>.</summary>
    public Action<LobsterDiagnostic>? OnSkippedRow { get; init; }

    /// <summary>Also read the orderbook file beside the message file (a missing file is then an error).</summary>
    public bool ReadOrderBook { get; init; }

    /// <summary>The trading date; by default taken from the file name.</summary>
    public DateOnly? TradingDate { get; init; }

    /// <summary>The exchange's time zone; by default <see cref="DefaultTimeZoneId"/>.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Read buffer per file, and so the longest line accepted.</summary>
    public int BufferSize { get; init; } = 64 * 1024;
}

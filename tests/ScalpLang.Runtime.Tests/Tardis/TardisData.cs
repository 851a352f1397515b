namespace ScalpLang.Runtime.Tests.Tardis;

/// <summary>The Tardis samples in ../shared/data/tardis (see its SOURCE.txt), located like <see cref="SharedData"/>.</summary>
internal static class TardisData
{
    public const string BinanceTrades = "binance-futures_trades_BTCUSDT_first10k.csv";
    public const string BinanceQuotes = "binance-futures_quotes_BTCUSDT_first10k.csv";
    public const string BinanceSnapshot5 = "binance-futures_book_snapshot_5_BTCUSDT.csv";
    public const string BinanceSnapshot25 = "binance-futures_book_snapshot_25_BTCUSDT.csv";
    public const string BitmexTrades = "bitmex_trades_XBTUSD.csv";
    public const string DeribitIncremental = "deribit_incremental_book_L2_BTC-PERPETUAL.csv";
    public const string HuobiQuotes = "huobi-dm-swap_quotes_BTC-USD.csv";

    public static string? PathOf(string file) =>
        SharedData.SharedRoot is null ? null : Path.Combine(SharedData.SharedRoot, "data", "tardis", file);

    public static string? MissingReason(string file)
    {
        string? path = PathOf(file);
        if (path is null)
            return $"ScalpLang.sln not found above {AppContext.BaseDirectory}, so ../shared cannot be located";
        return File.Exists(path) ? null : $"Tardis sample {path} is missing (../shared beside the repository)";
    }

    public static string Require(string file)
    {
        if (MissingReason(file) is { } reason)
            Assert.Fail($"{reason}; {SharedData.RequireVariable}=1 makes missing shared data a failure");
        return PathOf(file)!;
    }
}

/// <summary>A fact needing files from ../shared/data/tardis: skipped when missing, failed under SCALP_REQUIRE_SHARED=1.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TardisDataFactAttribute : FactAttribute
{
    public TardisDataFactAttribute(params string[] files)
    {
        Files = files;
        if (SharedData.Required)
            return;
        foreach (string file in files)
        {
            if (TardisData.MissingReason(file) is { } reason)
            {
                Skip = reason;
                return;
            }
        }
    }

    public IReadOnlyList<string> Files { get; }
}

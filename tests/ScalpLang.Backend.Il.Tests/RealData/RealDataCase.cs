using ScalpLang.Backtest;

namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// One replay under test: the data spec the backtest host reads, the instrument and book depth
/// the probe strategy declares, and the reference's own reading of the same files.
/// </summary>
internal sealed record RealDataCase(string Name, DataSpec Data, string Instrument, int Depth, Func<List<RefEvent>> ReadReference)
{
    public static readonly string SharedData = Path.GetFullPath(Path.Combine(IlBackendTests.Root, "..", "shared", "data"));

    private static string Lobster(string relative) => Path.Combine(SharedData, "lobster", relative);

    private static string Tardis(string file) => Path.Combine(SharedData, "tardis", file);

    private static RealDataCase LobsterDay(string name, string message, int depth) =>
        new(name, new DataSpec(DataKind.Lobster, Lobster(message)), "instrument \"LOBSTER\" tick 0.01 lot 1 currency USD", depth,
            () => LobsterRef.Read(Lobster(message)));

    private static RealDataCase TardisFiles(string name, string instrument, decimal tick, decimal lot, int depth, params string[] files) =>
        new(name, new DataSpec(DataKind.Tardis, string.Join(',', files.Select(Tardis))),
            $"instrument \"{instrument}\" tick {tick} lot {lot} currency USD", depth,
            () => new TardisRef(tick, lot, depth).Read([.. files.Select(Tardis)]));

    public static readonly RealDataCase Goog = LobsterDay("GOOG level 1",
        "GOOG_2012-06-21_1/GOOG_2012-06-21_34200000_57600000_message_1.csv", 1);

    public static readonly RealDataCase Aapl = LobsterDay("AAPL level 10",
        "AAPL_2012-06-21_10_first999rows/AAPL_2012-06-21_34200000_57600000_message_10.csv", 10);

    public static readonly RealDataCase BinanceQuotesTrades = TardisFiles("binance quotes + trades", "BTCUSDT", 0.01m, 0.001m, 1,
        "binance-futures_trades_BTCUSDT_first10k.csv", "binance-futures_quotes_BTCUSDT_first10k.csv");

    public static readonly RealDataCase BinanceSnapshotsTrades = TardisFiles("binance book_snapshot_25 + trades", "BTCUSDT", 0.01m, 0.001m, 25,
        "binance-futures_book_snapshot_25_BTCUSDT.csv", "binance-futures_trades_BTCUSDT_first10k.csv");

    public static readonly RealDataCase BinanceSnapshot5 = TardisFiles("binance book_snapshot_5", "BTCUSDT", 0.01m, 0.001m, 5,
        "binance-futures_book_snapshot_5_BTCUSDT.csv");

    public static readonly RealDataCase DeribitIncremental = TardisFiles("deribit incremental L2", "BTC-PERPETUAL", 0.5m, 1m, 10,
        "deribit_incremental_book_L2_BTC-PERPETUAL.csv");

    public static readonly RealDataCase HuobiQuotesBitmexTrades = TardisFiles("huobi quotes + bitmex trades", "BTC", 0.1m, 1m, 1,
        "huobi-dm-swap_quotes_BTC-USD.csv", "bitmex_trades_XBTUSD.csv");

    /// <summary>Why the case cannot run (its files are missing), or null.</summary>
    public string? Missing()
    {
        foreach (var path in Data.Argument.Split(','))
        {
            if (!File.Exists(path))
                return $"{path} is missing (../shared beside the repository)";
        }
        return null;
    }

    public override string ToString() => Name;
}

using BenchmarkDotNet.Attributes;
using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tardis;

namespace ScalpLang.Benchmarks;

/// <summary>
/// CSV parsing, measured apart from replay (the replay figures start from a decoded tape): the
/// streaming LOBSTER and Tardis readers over the shared files, per row, with the file in the
/// page cache. The baseline reads the same message file with the same buffered stream and only
/// counts its lines: the floor of getting the bytes in.
/// </summary>
[MemoryDiagnoser]
public class CsvBenchmarks
{
    private const int GoogRows = 49_482;
    private const int BinanceTradeRows = 9_999;
    private string _goog = "";
    private string _binanceTrades = "";

    [GlobalSetup]
    public void Setup()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        var shared = Path.Combine(Path.GetDirectoryName(dir)!, "shared", "data");
        _goog = Path.Combine(shared, "lobster", "GOOG_2012-06-21_1", "GOOG_2012-06-21_34200000_57600000_message_1.csv");
        _binanceTrades = Path.Combine(shared, "tardis", "binance-futures_trades_BTCUSDT_first10k.csv");
        // The row counts divide the times: prove them, so a changed file cannot skew a figure.
        var counts = (LobsterMessages(), LobsterWithBook(), Lines(), TardisTrades());
        if (counts != (GoogRows, GoogRows, GoogRows, BinanceTradeRows))
            throw new InvalidOperationException($"the shared files have {counts} rows, not the counts this benchmark divides by");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = GoogRows, Description = "GOOG message file: count lines (per row)")]
    public long Lines()
    {
        using var stream = new FileStream(_goog, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> buffer = stackalloc byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
            lines += buffer[..read].Count((byte)'\n');
        return lines;
    }

    [Benchmark(OperationsPerInvoke = GoogRows, Description = "LOBSTER reader, messages (per row)")]
    public long LobsterMessages()
    {
        using var reader = new LobsterReader(_goog, Instrument.UsEquity("GOOG"));
        while (reader.Read())
        {
        }
        return reader.Error is null ? reader.RowsRead : throw new InvalidOperationException(reader.Error.ToString());
    }

    [Benchmark(OperationsPerInvoke = GoogRows, Description = "LOBSTER reader, messages + orderbook rows (per row)")]
    public long LobsterWithBook()
    {
        using var reader = new LobsterReader(_goog, Instrument.UsEquity("GOOG"), new LobsterReadOptions { ReadOrderBook = true });
        while (reader.Read())
        {
        }
        return reader.Error is null ? reader.RowsRead : throw new InvalidOperationException(reader.Error.ToString());
    }

    [Benchmark(OperationsPerInvoke = BinanceTradeRows, Description = "Tardis reader, Binance trades (per row)")]
    public long TardisTrades()
    {
        using var reader = new TardisReader(_binanceTrades, TardisFileKind.Trades, new Instrument("BTCUSDT", 0.01m, 0.001m, "USD"));
        while (reader.Read())
        {
        }
        return reader.Error is null ? reader.RowsRead : throw new InvalidOperationException(reader.Error.ToString());
    }
}

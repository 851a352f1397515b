namespace ScalpLang.Backtest.Tests.Tape;

/// <summary>
/// The key property of TapeRecorder (docs/tape.md, Events): after every tape event the replayed
/// N-level book equals the source book's top N at the source event that wrote it, and the tape
/// has one event per source event that changed the top N or carried a trade; recording twice
/// gives the same bytes.
/// </summary>
public sealed class RecorderEquivalenceTests
{
    [Theory]
    [InlineData(1UL, 1)]
    [InlineData(2UL, 5)]
    [InlineData(3UL, 10)]
    [InlineData(4UL, 64)]
    [InlineData(5UL, 10)]
    public void Synthetic_order_flow(ulong seed, int depth)
    {
        var data = new DataSpec(DataKind.Synthetic, $"seed={seed},events=200000");
        var tape = TapeSources.Record(data, depth, out var probe);
        TapeSources.AssertReplaysSource(tape, probe);
        Assert.InRange(probe.Visible, 10_000, 200_000);
        if (depth == 10)
            Assert.Equal(tape, TapeSources.Record(data, depth, out _)); // deterministic, byte for byte
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void Goog_lobster_day(int depth)
    {
        if (TapeSources.SharedFile(TapeSources.Goog) is not { } path)
            return;
        var tape = TapeSources.Record(new DataSpec(DataKind.Lobster, path), depth, out var probe);
        TapeSources.AssertReplaysSource(tape, probe);
        Assert.Equal(49_481, probe.SourceEvents); // every message after the seed, as the backtest replays it
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    public void Aapl_level_10_with_reveals(int depth)
    {
        if (TapeSources.SharedFile(TapeSources.Aapl) is not { } path)
            return;
        var data = new DataSpec(DataKind.Lobster, path);
        var tape = TapeSources.Record(data, depth, out var probe);
        TapeSources.AssertReplaysSource(tape, probe);
        Assert.Equal(tape, TapeSources.Record(data, depth, out _));
    }

    [Theory]
    [InlineData("binance-futures_book_snapshot_25_BTCUSDT.csv,binance-futures_trades_BTCUSDT_first10k.csv", 25, "0.01", "0.001", 10_000)]
    [InlineData("binance-futures_book_snapshot_25_BTCUSDT.csv", 4, "0.01", "0.001", 3)]
    [InlineData("binance-futures_book_snapshot_5_BTCUSDT.csv", 3, "0.01", "0.001", 5)]
    [InlineData("deribit_incremental_book_L2_BTC-PERPETUAL.csv", 3, "0.5", "1", 3)]
    [InlineData("binance-futures_quotes_BTCUSDT_first10k.csv,binance-futures_trades_BTCUSDT_first10k.csv", 1, "0.01", "0.001", 10_000)]
    public void Tardis_snapshots_incremental_l2_and_trades(string files, int depth, string tick, string lot, int minimumEvents)
    {
        var paths = files.Split(',').Select(f => TapeSources.SharedFile("tardis/" + f)).ToList();
        if (paths.Any(p => p is null))
            return;
        var instrument = new Runtime.Abi.InstrumentInfo("BTC", decimal.Parse(tick, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(lot, System.Globalization.CultureInfo.InvariantCulture), "USD");
        var data = new DataSpec(DataKind.Tardis, string.Join(',', paths));
        var tape = TapeSources.Record(data, depth, out var probe, instrument);
        TapeSources.AssertReplaysSource(tape, probe);
        Assert.True(probe.Visible >= minimumEvents, $"{probe.Visible} visible source events");
        Assert.Equal(tape, TapeSources.Record(data, depth, out _, instrument));
    }
}

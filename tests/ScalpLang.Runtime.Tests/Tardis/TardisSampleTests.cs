using System.Globalization;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tardis;

namespace ScalpLang.Runtime.Tests.Tardis;

public sealed class TardisSampleTests
{
    // Binance USD-M BTCUSDT in 2020 quoted to 0.01 and traded in 0.001 BTC (the files have 2 and 3 decimals).
    internal static readonly Instrument BinanceBtcUsdt = new("BTCUSDT", 0.01m, 0.001m, "USDT");
    internal static readonly Instrument BitmexXbtUsd = new("XBTUSD", 0.5m, 1m, "USD");
    internal static readonly Instrument DeribitPerpetual = new("BTC-PERPETUAL", 0.5m, 10m, "USD");
    internal static readonly Instrument HuobiBtcUsd = new("BTC-USD", 0.1m, 1m, "USD");

    private static string[][] DirectRows(string path) =>
        File.ReadLines(path).Skip(1).Select(line => line.Split(',')).ToArray();

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    [TardisDataFact(TardisData.BinanceTrades)]
    public void Every_binance_trade_parses_exactly()
    {
        string path = TardisData.Require(TardisData.BinanceTrades);
        var rows = DirectRows(path);
        var handler = new RecordingHandler();
        using var reader = new TardisReader(path, TardisFileKind.Trades, BinanceBtcUsdt);
        while (reader.Read())
            reader.Message.Dispatch(ref handler);
        Assert.Null(reader.Error);
        Assert.Equal(9999, reader.RowsRead);
        Assert.Equal(rows.Length, handler.Events.Count);
        Assert.Equal(
            new TradeTick(1582329602111000000, 1582329602418379000, new Price(968200), new Quantity(132), AggressorSide.Buyer, TradeKind.Regular),
            handler.Events[0]);
        for (int i = 0; i < rows.Length; i++)
        {
            var trade = Assert.IsType<TradeTick>(handler.Events[i]);
            Assert.Equal(long.Parse(rows[i][2], CultureInfo.InvariantCulture) * 1000, trade.TsEvent);
            Assert.Equal(long.Parse(rows[i][3], CultureInfo.InvariantCulture) * 1000, trade.TsRecv);
            Assert.Equal(rows[i][5] == "buy" ? AggressorSide.Buyer : AggressorSide.Seller, trade.Aggressor);
            Assert.Equal(Dec(rows[i][6]), BinanceBtcUsdt.ToDecimal(trade.Price));
            Assert.Equal(Dec(rows[i][7]), BinanceBtcUsdt.ToDecimal(trade.Size));
        }
    }

    [TardisDataFact(TardisData.BitmexTrades)]
    public void Bitmex_trades_parse_with_uuid_ids()
    {
        string path = TardisData.Require(TardisData.BitmexTrades);
        var handler = new RecordingHandler();
        using var reader = new TardisReader(path, TardisFileKind.Trades, BitmexXbtUsd);
        while (reader.Read())
            reader.Message.Dispatch(ref handler);
        Assert.Null(reader.Error);
        Assert.Equal(10, reader.RowsRead);
        Assert.Equal(
            new TradeTick(1583020803145000000, 1583020803307160000, new Price(17063), new Quantity(2152), AggressorSide.Seller, TradeKind.Regular),
            handler.Events[0]);
        Assert.Equal(2152 + 9, handler.Events.Cast<TradeTick>().Sum(t => t.Size.Lots));
    }

    [TardisDataFact(TardisData.DeribitIncremental)]
    public void Incremental_replay_equals_a_direct_aggregation()
    {
        string path = TardisData.Require(TardisData.DeribitIncremental);
        var expected = new Dictionary<(Side, long), long>();
        bool lastSnapshot = false;
        foreach (var row in DirectRows(path))
        {
            bool snapshot = row[4] == "true";
            if (snapshot && !lastSnapshot)
                expected.Clear();
            lastSnapshot = snapshot;
            var key = (row[5] == "bid" ? Side.Buy : Side.Sell, DeribitPerpetual.ToPrice(Dec(row[6])).Ticks);
            long lots = DeribitPerpetual.ToQuantity(Dec(row[7])).Lots;
            if (lots == 0) expected.Remove(key); else expected[key] = lots;
        }

        var book = new OrderBook();
        using var reader = new TardisReader(path, TardisFileKind.IncrementalBookL2, DeribitPerpetual);
        while (reader.Read())
            reader.Message.Dispatch(ref book);
        Assert.Null(reader.Error);
        Assert.Equal(15, reader.RowsRead);
        var actual = new Dictionary<(Side, long), long>();
        foreach (var side in new[] { Side.Buy, Side.Sell })
        {
            var levels = new BookLevel[256];
            int n = book.CopyLevels(side, levels);
            foreach (var level in levels.AsSpan(0, n))
                actual[(side, level.Price.Ticks)] = level.Size.Lots;
        }
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        Assert.True(book.TryGetBest(Side.Sell, out var best));
        Assert.Equal(new BookLevel(new Price(12843), new Quantity(1864)), best); // 6421.5 x 18640
    }

    [TardisDataFact(TardisData.BinanceSnapshot5, TardisData.BinanceSnapshot25)]
    public void Snapshot_replay_makes_the_book_equal_each_row()
    {
        foreach (var (file, depth) in new[] { (TardisData.BinanceSnapshot5, 5), (TardisData.BinanceSnapshot25, 25) })
        {
            string path = TardisData.Require(file);
            var rows = DirectRows(path);
            var book = new OrderBook();
            using var reader = new TardisReader(path, TardisFileKind.BookSnapshot, BinanceBtcUsdt);
            int index = 0;
            while (reader.Read())
            {
                Assert.Equal(depth, reader.Depth);
                reader.Message.Dispatch(ref book);
                var row = rows[index++];
                foreach (var (side, offset) in new[] { (Side.Sell, 4), (Side.Buy, 6) })
                {
                    var levels = new BookLevel[depth + 5];
                    int n = book.CopyLevels(side, levels);
                    var expected = Enumerable.Range(0, depth)
                        .Where(i => row[offset + 4 * i] != "")
                        .Select(i => new BookLevel(BinanceBtcUsdt.ToPrice(Dec(row[offset + 4 * i])), BinanceBtcUsdt.ToQuantity(Dec(row[offset + 4 * i + 1]))))
                        .ToArray();
                    Assert.Equal(expected, levels.AsSpan(0, n).ToArray());
                }
            }
            Assert.Null(reader.Error);
            Assert.Equal(rows.Length, index);
        }
    }

    [TardisDataFact(TardisData.BinanceQuotes, TardisData.HuobiQuotes)]
    public void Quote_replay_keeps_exactly_the_quoted_top()
    {
        foreach (var (file, instrument) in new[] { (TardisData.BinanceQuotes, BinanceBtcUsdt), (TardisData.HuobiQuotes, HuobiBtcUsd) })
        {
            string path = TardisData.Require(file);
            var rows = DirectRows(path);
            var book = new OrderBook();
            using var reader = new TardisReader(path, TardisFileKind.Quotes, instrument);
            int index = 0;
            while (reader.Read())
            {
                reader.Message.Dispatch(ref book);
                var row = rows[index++];
                Assert.Equal(1, book.LevelCount(Side.Sell));
                Assert.Equal(1, book.LevelCount(Side.Buy));
                book.TryGetBest(Side.Sell, out var ask);
                book.TryGetBest(Side.Buy, out var bid);
                Assert.Equal(new BookLevel(instrument.ToPrice(Dec(row[5])), instrument.ToQuantity(Dec(row[4]))), ask);
                Assert.Equal(new BookLevel(instrument.ToPrice(Dec(row[6])), instrument.ToQuantity(Dec(row[7]))), bid);
            }
            Assert.Null(reader.Error);
            Assert.Equal(rows.Length, index);
        }
    }
}

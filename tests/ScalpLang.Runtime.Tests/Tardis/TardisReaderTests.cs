using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tardis;

namespace ScalpLang.Runtime.Tests.Tardis;

public sealed class TardisReaderTests : IDisposable
{
    private const string TradesHeader = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n";
    private const string L2Header = "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\n";
    private static readonly Instrument Btc = TardisSampleTests.BinanceBtcUsdt;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scalp-tardis-" + Guid.NewGuid().ToString("N"));

    public TardisReaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        string path = Path.Combine(_folder, "t.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static (List<IMarketEvent> Events, TardisReader Reader) ReadAll(string path, TardisFileKind kind, Instrument instrument, TardisReadOptions? options = null)
    {
        var handler = new RecordingHandler();
        var reader = new TardisReader(path, kind, instrument, options);
        while (reader.Read())
            reader.Message.Dispatch(ref handler);
        reader.Dispose();
        return (handler.Events, reader);
    }

    [Theory]
    [InlineData("binance-futures,BTCUSDT,1,2,7,buy,9682.005,0.1", "column 7 (price): 9682.005 is not on the tick grid of BTCUSDT (tick size 0.01)")]
    [InlineData("binance-futures,BTCUSDT,1,2,7,buy,9682,0.0005", "column 8 (amount): 0.0005 is not a whole number of lots of BTCUSDT (lot size 0.001)")]
    [InlineData("binance-futures,BTCUSDT,1,2,7,buy,96x2,0.1", "column 7 (price): '96x2' is not a decimal number")]
    [InlineData("binance-futures,BTCUSDT,1,2,7,buy,9682,0", "column 8 (amount): '0' is not a positive amount")]
    [InlineData("binance-futures,BTCUSDT,1,2,7,buy,-9682,1", "column 7 (price): '-9682' is not a positive price")]
    [InlineData("binance-futures,BTCUSDT,1,2,7,taker,9682,0.1", "column 6 (side): 'taker' is not buy, sell or unknown")]
    [InlineData("binance-futures,BTCUSDT,1.5,2,7,buy,9682,0.1", "column 3 (timestamp): '1.5' is not microseconds since the Unix epoch")]
    [InlineData("binance-futures,BTCUSDT,1,,7,buy,9682,0.1", "column 4 (local_timestamp): '' is not microseconds since the Unix epoch")]
    [InlineData("binance-futures,ETHUSDT,1,2,7,buy,9682,0.1", "column 2 (symbol): 'ETHUSDT' is not BTCUSDT")]
    [InlineData("binance-futures,BTCUSDT,1,2,7,buy,9682", "expected 8 columns, found 7")]
    public void Bad_trade_rows_name_file_line_and_reason(string row, string reason)
    {
        string path = Write(TradesHeader + "binance-futures,BTCUSDT,1,2,6,sell,9682.01,0.001\n" + row + "\n");
        var (events, reader) = ReadAll(path, TardisFileKind.Trades, Btc);
        Assert.Single(events);
        Assert.Equal($"{path}:3: {reason}", reader.Error?.ToString());
    }

    [Fact]
    public void Wrong_header_names_the_file_and_the_expected_header()
    {
        string path = Write("exchange,symbol,timestamp,local_timestamp,id,side,amount,price\n");
        var (_, reader) = ReadAll(path, TardisFileKind.Trades, Btc);
        Assert.Equal(
            $"{path}:1: expected the trades header 'exchange,symbol,timestamp,local_timestamp,id,side,price,amount', " +
            "found 'exchange,symbol,timestamp,local_timestamp,id,side,amount,price'",
            reader.Error?.ToString());

        string empty = Write("");
        var (_, emptyReader) = ReadAll(empty, TardisFileKind.IncrementalBookL2, Btc);
        Assert.Equal(
            $"{empty}:1: empty file: expected the incremental_book_L2 header 'exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount'",
            emptyReader.Error?.ToString());
    }

    [Fact]
    public void Skip_policy_counts_bad_rows_and_goes_on()
    {
        string path = Write(TradesHeader +
            "x,BTCUSDT,1,2,a,buy,1.001,1\r\n" +
            "x,BTCUSDT,3,4,b,sell,1.5,2.5\r\n" +
            "x,BTCUSDT,5,6,c,unknown,1.5,0.0001\r\n" +
            "x,BTCUSDT,7,8,d,unknown,2,1");
        var skipped = new List<string>();
        var (events, reader) = ReadAll(path, TardisFileKind.Trades, Btc,
            new TardisReadOptions { BadRows = BadRowPolicy.Skip, OnSkippedRow = d => skipped.Add(d.ToString()) });
        Assert.Null(reader.Error);
        Assert.Equal(2, reader.SkippedRows);
        Assert.Equal(2, reader.RowsRead);
        Assert.Equal(
            [$"{path}:2: column 7 (price): 1.001 is not on the tick grid of BTCUSDT (tick size 0.01)",
             $"{path}:4: column 8 (amount): 0.0001 is not a whole number of lots of BTCUSDT (lot size 0.001)"],
            skipped);
        Assert.Equal(
            [new TradeTick(3000, 4000, new Price(150), new Quantity(2500), AggressorSide.Seller, TradeKind.Regular),
             new TradeTick(7000, 8000, new Price(200), new Quantity(1000), AggressorSide.None, TradeKind.Regular)],
            events);
    }

    [Fact]
    public void Snapshot_rows_emit_the_difference_including_removed_levels()
    {
        string path = Write(
            "exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,asks[1].price,asks[1].amount,bids[1].price,bids[1].amount\n" +
            "x,BTCUSDT,1,2,10.01,1,10,2,10.02,3,9.99,4\n" +
            "x,BTCUSDT,3,4,10.01,1,10,5,10.03,6,,\n" +
            "x,BTCUSDT,5,6,10.01,1,,,10.03,6,9.99,1\n");
        var (events, reader) = ReadAll(path, TardisFileKind.BookSnapshot, Btc);
        Assert.Equal(
            $"{path}:4: column 11 (bids[1].price): a level after an empty one",
            reader.Error?.ToString());
        Assert.Equal(2, reader.Depth);
        static BookLevelUpdated U(long t, Side s, long p, long q) => new(t * 1000, (t + 1) * 1000, s, new Price(p), new Quantity(q));
        Assert.Equal(
            [U(1, Side.Sell, 1001, 1000), U(1, Side.Sell, 1002, 3000), U(1, Side.Buy, 1000, 2000), U(1, Side.Buy, 999, 4000),
             U(3, Side.Sell, 1002, 0), U(3, Side.Sell, 1003, 6000), U(3, Side.Buy, 999, 0), U(3, Side.Buy, 1000, 5000)],
            events);
    }

    [Fact]
    public void Incremental_snapshot_after_updates_clears_the_book_first()
    {
        string path = Write(L2Header +
            "d,BTC-PERPETUAL,1,2,true,ask,100.5,20\n" +
            "d,BTC-PERPETUAL,1,2,true,bid,100,30\n" +
            "d,BTC-PERPETUAL,3,4,false,ask,100.5,0\n" +
            "d,BTC-PERPETUAL,3,4,false,ask,101,10\n" +
            "d,BTC-PERPETUAL,5,6,true,ask,102,40\n" +
            "d,BTC-PERPETUAL,5,6,true,bid,99,50\n" +
            "d,BTC-PERPETUAL,7,8,false,bid,99,150\n" +
            "d,BTC-PERPETUAL,7,8,false,mid,99,15\n");
        var (events, reader) = ReadAll(path, TardisFileKind.IncrementalBookL2, TardisSampleTests.DeribitPerpetual);
        Assert.Equal($"{path}:9: column 6 (side): 'mid' is neither bid nor ask", reader.Error?.ToString());
        static BookLevelUpdated U(long t, Side s, long p, long q) => new(t * 1000, (t + 1) * 1000, s, new Price(p), new Quantity(q));
        Assert.Equal(
            [U(1, Side.Sell, 201, 2), U(1, Side.Buy, 200, 3), U(3, Side.Sell, 201, 0), U(3, Side.Sell, 202, 1),
             U(5, Side.Sell, 202, 0), U(5, Side.Buy, 200, 0), U(5, Side.Sell, 204, 4), U(5, Side.Buy, 198, 5),
             U(7, Side.Buy, 198, 15)],
            events);
    }

    [Fact]
    public void Incremental_amount_off_the_lot_grid_is_a_bad_row()
    {
        string path = Write(L2Header + "d,BTC-PERPETUAL,1,2,true,ask,100.5,25\n");
        var (_, reader) = ReadAll(path, TardisFileKind.IncrementalBookL2, TardisSampleTests.DeribitPerpetual);
        Assert.Equal($"{path}:2: column 8 (amount): 25 is not a whole number of lots of BTC-PERPETUAL (lot size 10)", reader.Error?.ToString());
    }
}

using System.Text;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tests;

public sealed class LobsterReaderTests : IDisposable
{
    private static readonly Instrument Test = Instrument.UsEquity("TEST");

    /// <summary>New York midnight of 2012-06-21 (EDT), the date in the test file names.</summary>
    private const long Midnight = 1_340_251_200L * UnixNanos.PerSecond;

    private readonly TempLobsterFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static List<LobsterMessage> ReadAll(LobsterReader reader)
    {
        var messages = new List<LobsterMessage>();
        while (reader.Read())
            messages.Add(reader.Message);
        return messages;
    }

    [Fact]
    public void Every_event_type_becomes_its_market_event()
    {
        string path = _files.Write("""
            34200.000000001,1,11,100,5794000,1
            34200.5,2,11,40,5794000,1
            34200.5,4,11,10,5794000,1
            34200.75,3,11,50,5794000,1
            34201,5,0,7,5777750,-1
            34202.123456789,6,-1,1500,5790000,1
            34203,6,-2,100,5790000,-1
            34204,6,-3,5,5790100,-1
            34300,7,0,0,-1,-1
            34400,7,0,0,0,-1
            34500,7,0,0,1,-1
            """);
        using var reader = new LobsterReader(path, Test);
        var recorder = new RecordingHandler();
        while (reader.Read())
            reader.Message.Dispatch(ref recorder);

        Assert.Null(reader.Error);
        long T(long nanosAfterMidnight) => Midnight + nanosAfterMidnight;
        const long S = UnixNanos.PerSecond;
        IMarketEvent[] expected =
        [
            new BookOrderAdded(T(34_200 * S + 1), T(34_200 * S + 1), 11, Side.Buy, new Price(57_940), new Quantity(100)),
            new BookOrderCancelled(T(34_200_500_000_000), T(34_200_500_000_000), 11, Side.Buy, new Price(57_940), new Quantity(40)),
            new BookOrderExecuted(T(34_200_500_000_000), T(34_200_500_000_000), 11, Side.Buy, new Price(57_940), new Quantity(10)),
            new BookOrderDeleted(T(34_200_750_000_000), T(34_200_750_000_000), 11, Side.Buy, new Price(57_940), new Quantity(50)),
            // A hidden sell order hit by a buyer, at the midpoint: half a tick above 57777.
            new TradeTick(T(34_201 * S), T(34_201 * S), new Price(57_777), new Quantity(7), AggressorSide.Buyer, TradeKind.Hidden, 32_768),
            new TradeTick(T(34_202_123_456_789), T(34_202_123_456_789), new Price(57_900), new Quantity(1500), AggressorSide.None, TradeKind.OpeningCross),
            new TradeTick(T(34_203 * S), T(34_203 * S), new Price(57_900), new Quantity(100), AggressorSide.None, TradeKind.ClosingCross),
            new TradeTick(T(34_204 * S), T(34_204 * S), new Price(57_901), new Quantity(5), AggressorSide.None, TradeKind.OtherCross),
            new TradingStatusChanged(T(34_300 * S), T(34_300 * S), TradingStatus.Halted),
            new TradingStatusChanged(T(34_400 * S), T(34_400 * S), TradingStatus.Quoting),
            new TradingStatusChanged(T(34_500 * S), T(34_500 * S), TradingStatus.Trading),
        ];
        Assert.Equal(expected, recorder.Events);
    }

    [Theory]
    [InlineData("34200.18960767", 34_200_189_607_670)]
    [InlineData("34200", 34_200_000_000_000)]
    [InlineData("34200.000000001", 34_200_000_000_001)]
    [InlineData("57599.999999999", 57_599_999_999_999)]
    [InlineData("0.5", 500_000_000)]
    public void Time_is_converted_to_integer_nanoseconds_exactly(string time, long nanos)
    {
        string path = _files.Write($"{time},1,1,100,5794000,1\n");
        using var reader = new LobsterReader(path, Test);

        Assert.True(reader.Read(), reader.Error?.ToString());
        Assert.Equal(nanos, reader.Message.NanosAfterMidnight);
        Assert.Equal(Midnight + nanos, reader.Message.TsEvent);
        Assert.Equal(Midnight, reader.MidnightUnixNanos);
    }

    [Theory]
    [InlineData("34200.3,1,1,100,5794000", "expected 6 columns, found 5")]
    [InlineData("34200.3,1,1,100,5794000,1,7", "expected 6 columns, found 7")]
    [InlineData("", "expected 6 columns, found 1")]
    [InlineData("34200.3,1,1,abc,5794000,1", "column 4 (size): 'abc' is not an integer")]
    [InlineData("34200.3,1,1,100,57.94,1", "column 5 (price): '57.94' is not an integer")]
    [InlineData("34200.3,x,1,100,5794000,1", "column 2 (type): 'x' is not an integer")]
    [InlineData("34200.3,1,,100,5794000,1", "column 3 (order id): '' is not an integer")]
    [InlineData("34200.3,8,1,100,5794000,1", "column 2 (type): 8 is not a LOBSTER event type (1-7)")]
    [InlineData("34200.3,0,1,100,5794000,1", "column 2 (type): 0 is not a LOBSTER event type (1-7)")]
    [InlineData("34200.3x,1,1,100,5794000,1", "column 1 (time): '34200.3x' is not a time in seconds after midnight")]
    [InlineData("-34200.3,1,1,100,5794000,1", "column 1 (time): '-34200.3' is not a time in seconds after midnight")]
    [InlineData("34200.,1,1,100,5794000,1", "column 1 (time): '34200.' is not a time in seconds after midnight")]
    [InlineData("34200.3000000001,1,1,100,5794000,1", "column 1 (time): '34200.3000000001' has more than 9 decimals")]
    [InlineData("86400,1,1,100,5794000,1", "column 1 (time): 86400 is not within a day (under 86400 s)")]
    [InlineData("34200.3,1,1,100,5794050,1", "column 5 (price): 5794050 is not on the tick grid of TEST (tick size 0.01 = 100 price units)")]
    [InlineData("34200.3,1,1,100,0,1", "column 5 (price): 0 is not a positive price")]
    [InlineData("34200.3,1,1,0,5794000,1", "column 4 (size): 0 is not a positive size")]
    [InlineData("34200.3,1,1,100,5794000,0", "column 6 (direction): 0 is neither -1 (sell) nor 1 (buy)")]
    [InlineData("34200.3,7,0,0,2,-1", "column 5 (price): halt code 2 is not -1 (halt), 0 (quoting) or 1 (trading)")]
    [InlineData("34200.1,1,1,100,5794000,1", "time 34200.1 is earlier than the previous row's 34200.2")]
    public void A_bad_row_stops_the_read_with_file_line_and_reason(string badRow, string reason)
    {
        string path = _files.Write($"34200.1,1,1,100,5794000,1\n34200.2,1,2,100,5794000,1\n{badRow}\n34201,1,3,100,5794000,1\n");
        using var reader = new LobsterReader(path, Test);

        var read = ReadAll(reader);

        Assert.Equal(2, read.Count);
        Assert.Equal($"{path}:3: {reason}", reader.Error?.ToString());
        Assert.False(reader.Read()); // stays stopped
    }

    [Fact]
    public void Skip_mode_skips_bad_rows_counts_and_reports_them_and_keeps_going()
    {
        string path = _files.Write("""
            34200.5,1,1,100,5794000,1
            34200.1,1,2,100,5794000,1
            34200.6,9,3,100,5794000,1
            34200.3,1,4,100,5794000,1
            34200.7,1,5,100,5794000,1
            """);
        var reported = new List<string>();
        var options = new LobsterReadOptions { BadRows = BadRowPolicy.Skip, OnSkippedRow = d => reported.Add(d.ToString()) };
        using var reader = new LobsterReader(path, Test, options);

        var read = ReadAll(reader);

        Assert.Null(reader.Error);
        Assert.Equal([1L, 5L], read.Select(m => m.OrderId));
        Assert.Equal([1L, 5L], read.Select(m => m.Line));
        Assert.Equal(2, reader.RowsRead);
        Assert.Equal(3, reader.SkippedRows);
        Assert.Equal(
            [
                $"{path}:2: time 34200.1 is earlier than the previous row's 34200.5",
                $"{path}:3: column 2 (type): 9 is not a LOBSTER event type (1-7)",
                // A skipped row does not move the clock: 34200.3 is still before 34200.5.
                $"{path}:4: time 34200.3 is earlier than the previous row's 34200.5",
            ],
            reported);
    }

    [Fact]
    public void The_orderbook_row_after_each_message_is_read_in_lockstep_with_empty_levels_dropped()
    {
        string path = _files.Write(
            "34200.1,1,1,100,5794000,1\n34200.2,3,1,100,5794000,1\n",
            "5802300,100,5794000,100,5802400,5,-9999999999,0\n5802300,100,-9999999999,0,5802400,5,-9999999999,0\n",
            level: 2);
        using var reader = new LobsterReader(path, Test, new LobsterReadOptions { ReadOrderBook = true });

        Assert.Equal(TempLobsterFiles.BookPathOf(path), reader.OrderBookPath);
        Assert.True(reader.Read());
        Assert.Equal(2, reader.Depth);
        Assert.Equal([new BookLevel(new Price(58_023), new Quantity(100)), new BookLevel(new Price(58_024), new Quantity(5))], reader.Asks.ToArray());
        Assert.Equal([new BookLevel(new Price(57_940), new Quantity(100))], reader.Bids.ToArray());
        Assert.True(reader.Read());
        Assert.Empty(reader.Bids.ToArray());
        Assert.False(reader.Read());
        Assert.Null(reader.Error);
    }

    [Theory]
    [InlineData("x,100,5794000,100", "column 1 (ask price 1): 'x' is not an integer")]
    [InlineData("5802300,100,5794000", "expected 4 columns, found 3")]
    [InlineData("5802350,100,5794000,100", "column 1 (ask price 1): 5802350 is not on the tick grid of TEST (tick size 0.01 = 100 price units)")]
    [InlineData("5802300,0,5794000,100", "column 2 (ask size 1): 0 is not a positive size")]
    [InlineData("5802300,100,-9999999999,3", "column 4 (bid size 1): an empty level has size 3, not 0")]
    public void A_bad_orderbook_row_is_reported_against_the_orderbook_file(string bookRow, string reason)
    {
        string path = _files.Write("34200.1,1,1,100,5794000,1\n34200.2,1,2,100,5794000,1\n", $"5802300,100,5794000,100\n{bookRow}\n");
        using var reader = new LobsterReader(path, Test, new LobsterReadOptions { ReadOrderBook = true });

        Assert.Single(ReadAll(reader));
        Assert.Equal($"{TempLobsterFiles.BookPathOf(path)}:2: {reason}", reader.Error?.ToString());
    }

    [Fact]
    public void An_occupied_level_after_an_empty_one_is_refused()
    {
        string path = _files.Write("34200.1,1,1,100,5794000,1\n", "9999999999,0,5794000,100,5802300,100,5793900,5\n", level: 2);
        using var reader = new LobsterReader(path, Test, new LobsterReadOptions { ReadOrderBook = true });

        Assert.False(reader.Read());
        Assert.Equal($"{TempLobsterFiles.BookPathOf(path)}:1: column 5 (ask price 2): an occupied level after an empty one", reader.Error?.ToString());
    }

    [Fact]
    public void Files_of_different_lengths_are_an_error_at_the_first_unpaired_row()
    {
        string shortBook = _files.Write("34200.1,1,1,100,5794000,1\n34200.2,1,2,100,5794000,1\n", "5802300,100,5794000,100\n", ticker: "SHORT");
        using (var reader = new LobsterReader(shortBook, Test, new LobsterReadOptions { ReadOrderBook = true }))
        {
            Assert.Single(ReadAll(reader));
            Assert.Equal($"{TempLobsterFiles.BookPathOf(shortBook)}:2: missing row: the message file has more rows", reader.Error?.ToString());
        }

        string longBook = _files.Write("34200.1,1,1,100,5794000,1\n", "5802300,100,5794000,100\n5802300,100,5794000,100\n", ticker: "LONG");
        using (var reader = new LobsterReader(longBook, Test, new LobsterReadOptions { ReadOrderBook = true }))
        {
            Assert.Single(ReadAll(reader));
            Assert.Equal($"{TempLobsterFiles.BookPathOf(longBook)}:2: extra row: the message file ends at line 1", reader.Error?.ToString());
        }
    }

    [Fact]
    public void Skip_mode_drops_the_message_and_orderbook_rows_together()
    {
        string path = _files.Write(
            "34200.1,1,1,100,5794000,1\n34200.2,1,2,100,5794000,1\n34200.3,1,3,100,5794000,1\n",
            "5802300,100,5794000,100\nbad,100,5794000,200\n5802300,100,5794000,300\n");
        using var reader = new LobsterReader(path, Test, new LobsterReadOptions { ReadOrderBook = true, BadRows = BadRowPolicy.Skip });

        var read = new List<(long Id, long BidSize)>();
        while (reader.Read())
            read.Add((reader.Message.OrderId, reader.Bids[0].Size.Lots));

        Assert.Null(reader.Error);
        Assert.Equal([(1L, 100L), (3L, 300L)], read);
        Assert.Equal(1, reader.SkippedRows);
    }

    [Fact]
    public void A_missing_orderbook_file_is_reported_when_asked_for()
    {
        string path = _files.Write("34200.1,1,1,100,5794000,1\n");
        using var reader = new LobsterReader(path, Test, new LobsterReadOptions { ReadOrderBook = true });

        Assert.False(reader.Read());
        Assert.StartsWith($"{TempLobsterFiles.BookPathOf(path)}: cannot open: ", reader.Error?.ToString());
    }

    [Fact]
    public void A_file_name_without_a_date_needs_the_date_given()
    {
        string path = Path.Combine(_files.Folder, "messages.csv");
        File.WriteAllText(path, "34200,1,1,100,5794000,1\n");

        using (var reader = new LobsterReader(path, Test))
        {
            Assert.False(reader.Read());
            Assert.Equal(
                $"{path}: the trading date is not in the file name (expected TICKER_YYYY-MM-DD_STARTMS_ENDMS_message_LEVEL.csv)",
                reader.Error?.ToString());
        }
        using (var reader = new LobsterReader(path, Test, new LobsterReadOptions { TradingDate = new DateOnly(2012, 6, 21) }))
        {
            Assert.True(reader.Read());
            Assert.Equal(Midnight + 34_200 * UnixNanos.PerSecond, reader.Message.TsEvent);
        }
    }

    [Fact]
    public void File_names_give_ticker_date_window_and_level()
    {
        Assert.True(LobsterFileName.TryParse("/data/AAPL_2012-06-21_34200000_57600000_message_10.csv", out var name));
        Assert.Equal(new LobsterFileName("AAPL", new DateOnly(2012, 6, 21), 34_200_000, 57_600_000, "message", 10), name);
        Assert.Equal(
            Path.Combine("/data", "AAPL_2012-06-21_34200000_57600000_orderbook_10.csv"),
            LobsterFileName.OrderBookPathFor("/data/AAPL_2012-06-21_34200000_57600000_message_10.csv"));
        Assert.False(LobsterFileName.TryParse("AAPL_2012-13-21_34200000_57600000_message_10.csv", out _));
        Assert.False(LobsterFileName.TryParse("AAPL_2012-06-21_34200000_57600000_trades_10.csv", out _));
    }

    [Fact]
    public void Crlf_endings_and_a_last_line_without_newline_are_read()
    {
        string path = _files.Write("34200.1,1,1,100,5794000,1\r\n34200.2,1,2,100,5794000,-1");
        using var reader = new LobsterReader(path, Test);

        var read = ReadAll(reader);

        Assert.Null(reader.Error);
        Assert.Equal([Side.Buy, Side.Sell], read.Select(m => m.Side));
    }

    /// <summary>
    /// Rows straddle buffer refills constantly with a 256-byte buffer: every one must come back
    /// whole. Memory is the buffer, whatever the file size.
    /// </summary>
    [Fact]
    public void A_large_file_streams_through_a_small_fixed_buffer()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 20_000; i++)
            text.Append($"{34_200 + i / 10}.{i % 10}{i % 7},1,{i + 1},{1 + i % 300},{5_790_000 + i % 50 * 100},{(i % 2 == 0 ? 1 : -1)}\n");
        string path = _files.Write(text.ToString());
        using var reader = new LobsterReader(path, Test, new LobsterReadOptions { BufferSize = 256 });

        long count = 0, sizes = 0;
        while (reader.Read())
        {
            count++;
            sizes += reader.Message.Size.Lots;
            Assert.Equal(count, reader.Message.OrderId);
        }

        Assert.Null(reader.Error);
        Assert.Equal(20_000, count);
        Assert.Equal(Enumerable.Range(0, 20_000).Sum(i => 1L + i % 300), sizes);
    }

    [Fact]
    public void A_line_longer_than_the_buffer_stops_the_read()
    {
        string path = _files.Write($"34200.1,1,1,100,5794000,1\n34200.2,1,2,100,5794000,1{new string(' ', 300)}\n");
        using var reader = new LobsterReader(path, Test, new LobsterReadOptions { BufferSize = 256, BadRows = BadRowPolicy.Skip });

        Assert.Single(ReadAll(reader));
        Assert.Equal($"{path}:2: line longer than 256 bytes", reader.Error?.ToString());
    }

    [Fact]
    public void Sizes_convert_to_lots_and_odd_lots_are_refused_for_round_lot_instruments()
    {
        string path = _files.Write("34200.1,1,1,300,5794000,1\n34200.2,1,2,18,5794000,1\n");
        using var reader = new LobsterReader(path, new Instrument("TEST", 0.01m, 100m, "USD"));

        var read = ReadAll(reader);

        Assert.Equal([new Quantity(3)], read.Select(m => m.Size));
        Assert.Equal($"{path}:2: column 4 (size): 18 shares is not a whole number of lots (lot size 100)", reader.Error?.ToString());
    }
}

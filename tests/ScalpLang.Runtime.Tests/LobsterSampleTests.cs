using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using Xunit.Abstractions;

namespace ScalpLang.Runtime.Tests;

/// <summary>The real LOBSTER samples in ../shared/data/lobster (SHA256SUMS pins them, so counts are exact).</summary>
public sealed class LobsterSampleTests(ITestOutputHelper output)
{
    /// <summary>
    /// GOOG, level 1, a full day. Rule (see <see cref="LobsterReplay.Run"/>): seed from orderbook
    /// row 1, replay messages 2..49482, and after each compare best ask price, ask size, best bid
    /// price and bid size with the orderbook row. Every visible message in a level-1 file touches
    /// level 1 (its price is the best before or after it); hidden executions (type 5) touch no
    /// visible level and must leave the top unchanged, so every row is compared. When a cancel,
    /// delete or execution empties the best level of its side, the new best is level 2, which a
    /// level-1 file never describes: on those rows that side is not compared (only checked to be
    /// worse than the emptied price) and is then re-seeded from the row; the other side is compared.
    /// </summary>
    [SharedDataFact(SharedData.GoogMessages)]
    public void Goog_level1_replay_matches_the_orderbook_top_of_book_on_every_row()
    {
        var replay = new LobsterReplay();
        replay.Run(SharedData.Require(SharedData.GoogMessages), Instrument.UsEquity("GOOG"), output);

        Assert.Empty(replay.Rejections);
        Assert.Empty(replay.Mismatches);
        Assert.Equal(49_481, replay.RowsCompared);
        Assert.Equal(11_207, replay.RowsWithRevealedLevel);
        Assert.Equal(49_481 - 11_207, replay.RowsFullyCompared);
    }

    /// <summary>
    /// AAPL, level 10, first 999 rows. Same rule with N = 10: all 10 levels of both sides are
    /// compared on every row, except that when a message empties one of its side's top 10 levels,
    /// that side's 10th level (which comes from level 11, outside the file) is not compared and
    /// the side is re-synchronised from the row.
    /// </summary>
    [SharedDataFact(SharedData.AaplMessages)]
    public void Aapl_level10_replay_matches_all_ten_levels_where_determinable()
    {
        var replay = new LobsterReplay();
        replay.Run(SharedData.Require(SharedData.AaplMessages), Instrument.UsEquity("AAPL"), output);

        Assert.Empty(replay.Rejections);
        Assert.Empty(replay.Mismatches);
        Assert.Equal(998, replay.RowsCompared);
        Assert.Equal(318, replay.RowsWithRevealedLevel);
    }

    [SharedDataFact(SharedData.GoogMessages)]
    public void Goog_file_reads_completely_with_every_event_type_counted()
    {
        using var reader = new LobsterReader(SharedData.Require(SharedData.GoogMessages), Instrument.UsEquity("GOOG"),
            new LobsterReadOptions { ReadOrderBook = true });
        var counts = new int[8];
        long first = 0, last = 0;
        while (reader.Read())
        {
            counts[(int)reader.Message.Type]++;
            if (reader.RowsRead == 1)
                first = reader.Message.TsEvent;
            last = reader.Message.TsEvent;
        }

        Assert.Null(reader.Error);
        Assert.Equal(49_482, reader.RowsRead);
        Assert.Equal([0, 24_368, 7, 13_429, 7_765, 3_913, 0, 0], counts);
        Assert.Equal(1, reader.Depth);
        // 34200.015105074 s after New York midnight on 2012-06-21 (EDT, UTC-4).
        long open = UnixNanos.FromDateTime(new DateTime(2012, 6, 21, 13, 30, 0, DateTimeKind.Utc));
        Assert.Equal(open + 15_105_074, first);
        Assert.Equal(1_340_285_400_015_105_074L, first);
        Assert.True(last > first);
    }

    /// <summary>
    /// Once the pools have grown to the day's peak, replaying rows (read, apply, reveal) allocates
    /// nothing: the reader reuses its buffers and the book its slots. An allocation count, not a
    /// timing: the day is replayed twice and only the second pass is counted.
    /// </summary>
    [SharedDataFact(SharedData.GoogMessages)]
    public void Replaying_the_goog_day_allocates_nothing_per_row_after_warm_up()
    {
        string path = SharedData.Require(SharedData.GoogMessages);
        var replay = new LobsterBookReplay(new OrderBook(), depth: 1);
        Replay(path, replay, countFrom: long.MaxValue);
        long allocated = Replay(path, replay, countFrom: 2);

        Assert.Equal(0, allocated);
    }

    private static long Replay(string path, LobsterBookReplay replay, long countFrom)
    {
        using var reader = new LobsterReader(path, Instrument.UsEquity("GOOG"), new LobsterReadOptions { ReadOrderBook = true });
        Assert.True(reader.Read());
        replay.Seed(reader.Asks, reader.Bids);
        long before = 0;
        while (reader.Read())
        {
            if (reader.RowsRead == countFrom)
                before = GC.GetAllocatedBytesForCurrentThread();
            if (replay.Apply(reader.Message, out _) is { } side)
                replay.Reveal(side, side == Side.Sell ? reader.Asks : reader.Bids);
        }
        Assert.Null(reader.Error);
        return countFrom == long.MaxValue ? 0 : GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [SharedDataFact(SharedData.AaplMessages)]
    public void Aapl_orderbook_rows_parse_ten_levels_per_side()
    {
        using var reader = new LobsterReader(SharedData.Require(SharedData.AaplMessages), Instrument.UsEquity("AAPL"),
            new LobsterReadOptions { ReadOrderBook = true });
        Assert.True(reader.Read());

        // Row 1: 5859400,200,5853300,18,5859800,200,5853000,150,...
        Assert.Equal(10, reader.Depth);
        Assert.Equal(10, reader.Asks.Length);
        Assert.Equal(10, reader.Bids.Length);
        Assert.Equal(new BookLevel(new Price(58_594), new Quantity(200)), reader.Asks[0]);
        Assert.Equal(new BookLevel(new Price(58_533), new Quantity(18)), reader.Bids[0]);
        Assert.Equal(new BookLevel(new Price(58_598), new Quantity(200)), reader.Asks[1]);
        Assert.Equal(new BookLevel(new Price(58_530), new Quantity(150)), reader.Bids[1]);
        Assert.Equal(LobsterEventType.Submission, reader.Message.Type);
        Assert.Equal(16_113_575, reader.Message.OrderId);

        while (reader.Read())
        {
        }
        Assert.Null(reader.Error);
        Assert.Equal(999, reader.RowsRead);
    }

    [SharedDataFact(SharedData.GoogMessages)]
    public void Hidden_executions_are_trades_that_leave_the_book_alone()
    {
        using var reader = new LobsterReader(SharedData.Require(SharedData.GoogMessages), Instrument.UsEquity("GOOG"));
        var recorder = new RecordingHandler();
        while (reader.Read() && recorder.Events.Count < 3)
        {
            if (reader.Message.Type == LobsterEventType.HiddenExecution)
                reader.Message.Dispatch(ref recorder);
        }

        // Rows 3-5: 34200.113246707,5,0,1,5795100,1 and so on: hidden buy orders hit by sellers.
        var first = Assert.IsType<TradeTick>(recorder.Events[0]);
        Assert.Equal(new Price(57_951), first.Price);
        Assert.Equal(new Quantity(1), first.Size);
        Assert.Equal(AggressorSide.Seller, first.Aggressor);
        Assert.Equal(TradeKind.Hidden, first.Kind);
    }
}

using ScalpLang.Backtest;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Exchange;
using ScalpLang.Fix.Venue;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>
/// Market data through the wire format: the paper exchange's snapshot and incremental refreshes,
/// encoded, validated against the FIX 4.4 dictionary, read back and applied by the client, give
/// the client the exchange's book after every event.
/// </summary>
public sealed class MarketDataTests
{
    private static readonly Instrument Syn = new("SYN", 0.01m, 1m, "USD");
    private static readonly WireUnits Units = new(Syn);

    [Fact]
    public void Incremental_refreshes_rebuild_the_source_book_after_every_event()
    {
        var source = new OrderBook();
        var client = new BookTarget();
        var feed = new MarketFeed(client.Book, client);
        var published = new PublishedBook();
        var changes = new List<LevelChange>();
        var trades = new List<(long, long)>();
        var sourceAggressors = new List<AggressorSide>();
        var messages = 0;
        var target = new SourceTarget(source, (ts, trade) =>
        {
            if (trade is { } t)
            {
                trades.Add((t.Price.Ticks, t.ExecutedSize.Lots));
                sourceAggressors.Add(t.Aggressor);
            }
            changes.Clear();
            published.Diff(source, changes);
            if (changes.Count == 0 && trades.Count == 0)
                return;
            var w = ExchangeMessages.Incremental(new FixMessageWriter(), "FIX.4.4", "R1", Units, trades, changes, ts);
            feed.Apply(ReadBack(w, ts));
            trades.Clear();
            messages++;
            AssertSameBook(source, client.Book);
        });
        Assert.True(DataSpec.TryParse("synthetic:seed=5,events=5000", out var data, out _));
        Assert.Null(DataReplay.Replay(data, Syn, source, target));
        Assert.True(messages > 4000, $"only {messages} refreshes");
        Assert.True(sourceAggressors.Count > 100, "the flow had too few executions to check trades");
        // Each execution's aggressor is read back from the book the trade met: exactly the source's.
        Assert.Equal(sourceAggressors, client.Trades.Select(t => t.Aggressor));
        Assert.All(client.Trades, t => Assert.True(t.Size.Lots > 0));
    }

    [Fact]
    public void A_snapshot_replaces_the_whole_book_including_levels_it_does_not_list()
    {
        var source = new OrderBook();
        source.SetLevel(Side.Buy, new Price(10000), new Quantity(5));
        source.SetLevel(Side.Buy, new Price(9998), new Quantity(7));
        source.SetLevel(Side.Sell, new Price(10002), new Quantity(3));
        var published = new PublishedBook();
        published.Diff(source, []);
        var client = new BookTarget();
        client.Book.SetLevel(Side.Buy, new Price(10001), new Quantity(9)); // stale: not in the snapshot
        client.Book.SetLevel(Side.Sell, new Price(10002), new Quantity(1));
        var w = ExchangeMessages.Snapshot(new FixMessageWriter(), "FIX.4.4", "R1", Units, published.Levels(), 1_700_000_000_123_456_789);
        var update = ReadBack(w, 0);
        Assert.True(update.IsSnapshot);
        Assert.Equal(1_700_000_000_123_456_789, update.TsEvent);
        new MarketFeed(client.Book, client).Apply(update);
        AssertSameBook(source, client.Book);
        Assert.Equal(1, client.Events);
    }

    [Fact]
    public void A_refresh_with_a_price_off_the_tick_grid_is_refused_whole()
    {
        var message = Parse("8=FIX.4.4|35=X|34=2|49=SCALPEX|52=20261125-14:30:00.000|56=C|262=R1|268=2|279=0|269=0|55=SYN|270=100.00|271=5|279=0|269=1|55=SYN|270=100.015|271=5|");
        Assert.False(MarketDataReader.TryRead(message, Units, 0, out _, out var error));
        Assert.Equal("MarketDataIncrementalRefresh entry 2: MDEntryPx(270) price 100.015 is not on the tick grid of SYN (tick size 0.01)", error);
    }

    [Fact]
    public void Entries_for_other_symbols_and_other_entry_types_are_skipped()
    {
        var message = Parse("8=FIX.4.4|35=X|34=2|49=SCALPEX|52=20261125-14:30:00.000|56=C|262=R1|268=3|279=0|269=0|55=OTHER|270=1.00|271=5|279=0|269=4|55=SYN|270=100.00|279=1|269=1|55=SYN|270=100.02|271=8|");
        Assert.True(MarketDataReader.TryRead(message, Units, 0, out var update, out var error), error);
        var entry = Assert.Single(update!.Entries);
        Assert.Equal((MarketEntryKind.Offer, 10002L, 8L), (entry.Kind, entry.PriceTicks, entry.SizeLots));
        // No MDEntryDate/MDEntryTime: the message's SendingTime.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000, entry.TsEvent);
    }

    private static MarketDataUpdate ReadBack(FixMessageWriter w, long tsRecv)
    {
        w.Header(FixTag.MsgSeqNum, 2).Header(FixTag.SenderCompID, "SCALPEX").Header(FixTag.TargetCompID, "C")
            .HeaderTimestamp(FixTag.SendingTime, new DateTime(2026, 11, 25, 14, 30, 0, DateTimeKind.Utc));
        var message = new FixMessage();
        Assert.True(new FixParser(FixDictionary.Fix44).TryParse(w.ToArray(), message, out var parseError), parseError.ToString());
        var reject = FixDictionary.Fix44.Validate(message);
        Assert.False(reject.IsRejected, reject.ToString());
        Assert.True(MarketDataReader.TryRead(message, Units, tsRecv, out var update, out var error), error);
        return update!;
    }

    private static FixMessage Parse(string pipeText)
    {
        var message = new FixMessage();
        Assert.True(new FixParser(FixDictionary.Fix44).TryParse(Infrastructure.FixText.Decorate(pipeText), message, out var error), error.ToString());
        return message;
    }

    private static void AssertSameBook(OrderBook expected, OrderBook actual)
    {
        foreach (var side in new[] { Side.Buy, Side.Sell })
        {
            var a = new BookLevel[expected.LevelCount(side)];
            var b = new BookLevel[actual.LevelCount(side)];
            expected.CopyLevels(side, a);
            actual.CopyLevels(side, b);
            Assert.Equal(a, b);
        }
    }

    /// <summary>The client's side: its book, the trades it was told of, and how many events it saw.</summary>
    private sealed class BookTarget : IReplayTarget
    {
        public OrderBook Book { get; } = new();
        public List<TradeTick> Trades { get; } = [];
        public int Events { get; private set; }
        public Action? CompleteBook { get; set; }

        public void OnLevelsUpdated(long tsEvent, ReadOnlySpan<BookLevelUpdated> updates)
        {
            Events++;
            foreach (var u in updates)
                Book.Apply(in u);
        }

        public void OnTrade(in TradeTick e)
        {
            Events++;
            Trades.Add(e);
        }

        public void OnLevelUpdated(in BookLevelUpdated e) => OnLevelsUpdated(e.TsEvent, [e]);
        public void OnOrderAdded(in BookOrderAdded e) => throw new InvalidOperationException("FIX market data is L2");
        public void OnOrderCancelled(in BookOrderCancelled e) => throw new InvalidOperationException("FIX market data is L2");
        public void OnOrderDeleted(in BookOrderDeleted e) => throw new InvalidOperationException("FIX market data is L2");
        public void OnOrderExecuted(in BookOrderExecuted e) => throw new InvalidOperationException("FIX market data is L2");
        public void OnTradingStatus(in TradingStatusChanged e) => Events++;
    }

    /// <summary>The exchange's side: the source book, and a callback after every event (with its execution, if any).</summary>
    private sealed class SourceTarget(OrderBook book, Action<long, BookOrderExecuted?> after) : IReplayTarget
    {
        public Action? CompleteBook { get; set; }
        public void OnOrderAdded(in BookOrderAdded e) { book.Apply(in e); after(e.TsEvent, null); }
        public void OnOrderCancelled(in BookOrderCancelled e) { book.Apply(in e); after(e.TsEvent, null); }
        public void OnOrderDeleted(in BookOrderDeleted e) { book.Apply(in e); after(e.TsEvent, null); }
        public void OnOrderExecuted(in BookOrderExecuted e) { book.Apply(in e); after(e.TsEvent, e); }
        public void OnLevelUpdated(in BookLevelUpdated e) { book.Apply(in e); after(e.TsEvent, null); }
        public void OnLevelsUpdated(long tsEvent, ReadOnlySpan<BookLevelUpdated> updates)
        {
            foreach (var u in updates)
                book.Apply(in u);
            after(tsEvent, null);
        }
        public void OnTrade(in TradeTick e) => after(e.TsEvent, null);
        public void OnTradingStatus(in TradingStatusChanged e) => after(e.TsEvent, null);
    }
}

using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>
/// The simulated venue on a tape: the tape's level totals and trades are the venue's L2 feed, so a
/// tape recorded from L2 data fills exactly as its source where every source event is on the
/// tape (each changes the top N or carries a trade) and no level leaves the tape's window.
/// </summary>
public sealed class TapeVenueTests
{
    private const long Ms = 1_000_000;
    private const string Join = "strategy J\n" + StrategyKit.Header + "rule join priority 1 when position == 0 and bid_depth(levels: 1) == 5 lots => buy 2 lots at bid\n";

    private static BookLevelUpdated Level(long ms, Side side, long price, long lots) => new(ms * Ms, ms * Ms, side, new Price(price), new Quantity(lots));

    /// <summary>
    /// We join a 5-lot bid at 100 (10 ms); 3 lots join behind us (20 ms); a 6-lot sell print takes
    /// the 5 ahead and 1 of ours (30 ms); the level shows what is left (31 ms); a 3-lot print
    /// takes our last lot (40 ms); the offer moves (50 ms).
    /// </summary>
    private static void Feed(IReplayTarget target)
    {
        ReadOnlySpan<BookLevelUpdated> open = [Level(10, Side.Buy, 100, 5), Level(10, Side.Sell, 101, 5)];
        target.OnLevelsUpdated(10 * Ms, open);
        target.OnLevelUpdated(Level(20, Side.Buy, 100, 8));
        target.OnTrade(new TradeTick(30 * Ms, 30 * Ms, new Price(100), new Quantity(6), AggressorSide.Seller, TradeKind.Regular));
        target.OnLevelUpdated(Level(31, Side.Buy, 100, 2));
        target.OnTrade(new TradeTick(40 * Ms, 40 * Ms, new Price(100), new Quantity(3), AggressorSide.Seller, TradeKind.Regular));
        target.OnLevelUpdated(Level(41, Side.Buy, 100, 1));
        target.OnLevelUpdated(Level(50, Side.Sell, 101, 4));
    }

    private static VenueConfig Config => new(EngineFeed.X) { Fees = FeeSchedule.Parse("maker=-2bp,taker=3bp") };

    [Fact]
    public void A_tape_of_l2_data_fills_as_its_source()
    {
        var source = new EngineFeed(Join, Config);
        Feed(source.Engine);
        source.Engine.Finish();
        // Hand-computed: 1 lot at 30 ms (6 traded, 5 were ahead) and 1 at 40 ms, both maker at 100.
        Assert.Equal([(30.0, Side.Buy, 100L, 1L), (40.0, Side.Buy, 100L, 1L)], source.Fills());

        using var stream = new MemoryStream();
        var writer = new TapeWriter(stream, EngineFeed.X, depth: 2);
        var recorder = new TapeRecorder(writer);
        Feed(recorder);
        writer.Complete();
        var bytes = stream.ToArray();
        var header = TapeHeader.Read(bytes.AsSpan(0, TapeHeader.Length), out var headerError)!;
        Assert.Null(headerError);
        Assert.Equal(source.Engine.Events, header.EventCount); // every source event is on the tape

        var book = new DepthBook(header.Depth);
        var trace = new ViewTrace();
        var engine = new BacktestEngine(StrategyKit.Start(Join), book, 1_000_000) { RunObserver = trace };
        var venue = new SimulatedVenue(Config);
        engine.UseVenue(new SimulatedOrderVenue(venue), null);
        var feed = new VenueTapeFeed<TapeFeed>(venue, book, new TapeFeed(engine));
        Assert.Null(TapeReplay.Run(bytes.AsSpan(TapeHeader.Length), header, book, ref feed, "t.tape"));
        engine.Finish();

        Assert.Equal(source.Trace.Fills, trace.Fills);
        Assert.Equal(source.Trace.Events, trace.Events);
        Assert.Equal((source.Engine.Orders, source.Engine.Fills, source.Engine.Fees), (engine.Orders, engine.Fills, engine.Fees));
        Assert.Equal(-0.0004m, engine.Fees); // 2 maker lots of 1.00 USD at -2 bp
        Assert.Equal(source.Engine.AtEnd, engine.AtEnd);
    }

    [Fact]
    public void The_venue_follows_inserts_and_deletes_of_the_tape_window()
    {
        // The tape handler must give the venue each level's price: inserts push levels down, deletes pull them up.
        using var stream = new MemoryStream();
        var writer = new TapeWriter(stream, EngineFeed.X, depth: 3);
        var recorder = new TapeRecorder(writer);
        ReadOnlySpan<BookLevelUpdated> open = [Level(1, Side.Buy, 100, 5), Level(1, Side.Buy, 98, 7), Level(1, Side.Sell, 102, 4)];
        recorder.OnLevelsUpdated(1 * Ms, open);
        recorder.OnLevelUpdated(Level(2, Side.Buy, 99, 3));   // insert at level 1
        recorder.OnLevelUpdated(Level(3, Side.Buy, 100, 0));  // delete level 0: 99 and 98 move up
        recorder.OnLevelUpdated(Level(4, Side.Buy, 101, 2));  // insert at level 0
        recorder.OnLevelUpdated(Level(5, Side.Buy, 98, 6));   // change at level 2
        writer.Complete();
        var bytes = stream.ToArray();
        var header = TapeHeader.Read(bytes.AsSpan(0, TapeHeader.Length), out _)!;
        var book = new DepthBook(header.Depth);
        var engine = new BacktestEngine(StrategyKit.Start("strategy W\n" + StrategyKit.Header + "rule never priority 1 when bid < 0 => wait\n"), book, 1_000_000);
        var venue = new SimulatedVenue(Config);
        engine.UseVenue(new SimulatedOrderVenue(venue), null);
        var feed = new VenueTapeFeed<TapeFeed>(venue, book, new TapeFeed(engine));
        Assert.Null(TapeReplay.Run(bytes.AsSpan(TapeHeader.Length), header, book, ref feed, "t.tape"));
        var levels = new List<(long, long)>();
        for (var i = 0; venue.Book.TryGetLevel(Side.Buy, i, out var level); i++)
            levels.Add((level.Price.Ticks, level.Size.Lots));
        Assert.Equal([(101L, 2L), (99L, 3L), (98L, 6L)], levels);
        Assert.Equal(4, venue.Book.SizeAt(Side.Sell, new Price(102)).Lots);
    }

    [Fact]
    public void With_market_data_latency_a_tape_of_l2_data_trades_as_its_source()
    {
        // 3 ms market-data latency and 1 ms each way for orders: the strategy sees the join signal
        // (10 ms) at 13 ms, its order reaches the venue at 14 ms behind 8 lots (the 3 that joined at
        // 20 ms arrive later, behind us); fills are what they are on the L2 source with the same latency.
        var config = Config with
        {
            MarketDataLatency = LatencyModel.Parse("const:3ms"),
            OrderEntryLatency = LatencyModel.Parse("const:1ms"),
            ReportLatency = LatencyModel.Parse("const:1ms"),
        };
        var source = new EngineFeed(Join, config);
        Assert.True(source.Engine.SeesDelayedFeed);
        Feed(source.Engine);
        source.Engine.Finish();
        Assert.NotEmpty(source.Trace.Fills);

        using var stream = new MemoryStream();
        var writer = new TapeWriter(stream, EngineFeed.X, depth: 2);
        var recorder = new TapeRecorder(writer);
        Feed(recorder);
        writer.Complete();
        var bytes = stream.ToArray();
        var header = TapeHeader.Read(bytes.AsSpan(0, TapeHeader.Length), out _)!;

        var book = new DepthBook(header.Depth);
        var exchangeBook = new DepthBook(header.Depth);
        var trace = new ViewTrace();
        var engine = new BacktestEngine(StrategyKit.Start(Join), book, 1_000_000) { RunObserver = trace };
        var venue = new SimulatedVenue(config);
        engine.UseSimulatedVenueOnTape(venue);
        Assert.True(engine.SeesDelayedFeed);
        var feed = new VenueTapeFeed<DelayedTapeFeed>(venue, exchangeBook, new DelayedTapeFeed(engine, exchangeBook));
        Assert.Null(TapeReplay.Run(bytes.AsSpan(TapeHeader.Length), header, exchangeBook, ref feed, "t.tape"));
        engine.Finish();

        Assert.Equal(source.Trace.Fills, trace.Fills);
        Assert.Equal(source.Trace.Events, trace.Events);
        Assert.Equal((source.Engine.Orders, source.Engine.Fills, source.Engine.Fees), (engine.Orders, engine.Fills, engine.Fees));
        Assert.Equal(source.Engine.AtEnd, engine.AtEnd);
        Assert.True(engine.AtEnd!.UnseenEvents > 0, "the last event (50 ms) is still on its way at the end");
    }

    [Fact]
    public void With_market_data_latency_the_strategy_sees_each_tape_event_that_much_later()
    {
        // A strategy that never trades: with a constant latency L, the views it sees are the
        // undelayed run's, each L later, except the events still travelling when the data ends.
        const string Watch = "strategy W\n" + StrategyKit.Header + "rule never priority 1 when bid < 0 => wait\n";
        using var stream = new MemoryStream();
        var writer = new TapeWriter(stream, Runtime.Synthetic.SyntheticOrderFlow.Instrument, depth: 5);
        var recorder = new TapeRecorder(writer);
        new Runtime.Synthetic.SyntheticOrderFlow(Runtime.Synthetic.SyntheticSpec.Parse("synthetic:seed=5,events=20000")).Run(ref recorder);
        writer.Complete();
        var bytes = stream.ToArray();
        var header = TapeHeader.Read(bytes.AsSpan(0, TapeHeader.Length), out _)!;
        List<(long Ts, long Bid, long Ask)> Run(long latencyNs, out BacktestEngine engine)
        {
            var trace = new ViewTrace();
            var book = new DepthBook(header.Depth);
            engine = new BacktestEngine(StrategyKit.Start(Watch), book, 1_000_000) { RunObserver = trace };
            var venue = new SimulatedVenue(new VenueConfig(Runtime.Synthetic.SyntheticOrderFlow.Instrument) { MarketDataLatency = LatencyModel.Parse($"const:{latencyNs}ns") });
            engine.UseSimulatedVenueOnTape(venue);
            if (engine.SeesDelayedFeed)
            {
                var exchange = new DepthBook(header.Depth);
                var delayed = new VenueTapeFeed<DelayedTapeFeed>(venue, exchange, new DelayedTapeFeed(engine, exchange));
                Assert.Null(TapeReplay.Run(bytes.AsSpan(TapeHeader.Length), header, exchange, ref delayed, "t.tape"));
            }
            else
            {
                var direct = new VenueTapeFeed<TapeFeed>(venue, book, new TapeFeed(engine));
                Assert.Null(TapeReplay.Run(bytes.AsSpan(TapeHeader.Length), header, book, ref direct, "t.tape"));
            }
            engine.Finish();
            return trace.Events.Select(e => (e.Ts, e.Bid, e.Ask)).ToList();
        }
        var now = Run(0, out var undelayed);
        var later = Run(2_000_000, out var delayedEngine);
        Assert.Equal(header.EventCount, undelayed.Events);
        Assert.Equal(undelayed.Events, delayedEngine.Events + delayedEngine.AtEnd!.UnseenEvents);
        Assert.True(delayedEngine.AtEnd.UnseenEvents > 0);
        Assert.Equal(now.Take(later.Count).Select(e => (e.Ts + 2_000_000, e.Bid, e.Ask)), later);
    }
}

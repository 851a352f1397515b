using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>
/// Market-data latency in the strategy's view (--md-latency): the strategy sees the market as it
/// was one latency ago, decides at its local time, and its order reaches the venue after the
/// order-entry latency, where the book is the exchange's current one.
/// </summary>
public sealed class MarketDataLatencyTests
{
    private const string Watcher = "strategy W\n" + StrategyKit.Header + "rule never priority 1 when bid < 0 => wait\n";

    private static (List<(long Ts, long Bid, long Ask, long Position)> Events, BacktestSummary Summary) Trace(DataSpec data, string? mdLatency)
    {
        var trace = new ViewTrace();
        var venue = new VenueChoice(LatencyModel.Zero, LatencyModel.Zero, FeeSchedule.Zero,
            MarketData: mdLatency is null ? null : LatencyModel.Parse(mdLatency));
        var report = BacktestRunner.RunWithReport(StrategyKit.Start(Watcher), data, out var error, venue: venue,
            started: engine => engine.RunObserver = new Tee(engine.RunObserver!, trace));
        Assert.Null(error);
        return (trace.Events, report.Summary);
    }

    /// <summary>Both the report's recorder and the test's trace watch the run.</summary>
    private sealed class Tee(IRunObserver a, IRunObserver b) : IRunObserver
    {
        public void OnEventEnd(long ts, long bidQ16, long askQ16, long equityQ16, long position)
        {
            a.OnEventEnd(ts, bidQ16, askQ16, equityQ16, position);
            b.OnEventEnd(ts, bidQ16, askQ16, equityQ16, position);
        }

        public void OnFill(in OwnFill fill)
        {
            a.OnFill(in fill);
            b.OnFill(in fill);
        }

        public void OnKill(long ts, string reason)
        {
            a.OnKill(ts, reason);
            b.OnKill(ts, reason);
        }
    }

    public static TheoryData<string> Sources() => new() { "synthetic", "goog" };

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_delayed_view_is_the_feed_shifted_by_the_latency(string source)
    {
        DataSpec data;
        if (source == "goog")
        {
            if (StrategyKit.Goog() is not { } goog)
                return;
            data = new DataSpec(DataKind.Lobster, goog);
        }
        else
        {
            Assert.True(DataSpec.TryParse("synthetic:seed=5,events=30000", out data, out _));
        }
        var (now, nowSummary) = Trace(data, null);
        var (late, lateSummary) = Trace(data, "const:5ms");
        // Every event the strategy saw late is the one it would have seen at once, 5 ms later;
        // the events of the last 5 ms of the data never reach it.
        var unseen = lateSummary.AtEnd!.UnseenEvents;
        Assert.True(unseen > 0, $"unseen {unseen}");
        Assert.Equal(now.Count, late.Count + unseen);
        Assert.Equal(nowSummary.Events, lateSummary.Events + unseen);
        for (var i = 0; i < late.Count; i++)
        {
            var expected = (now[i].Ts + 5 * EngineFeed.Ms, now[i].Bid, now[i].Ask);
            Assert.True(expected == (late[i].Ts, late[i].Bid, late[i].Ask), $"event {i}: {expected} expected, {late[i]} seen");
        }
        Assert.True(late[^1].Ts <= now[^1].Ts && now[late.Count].Ts + 5 * EngineFeed.Ms > now[^1].Ts, $"last seen {late[^1].Ts}, first unseen {now[late.Count].Ts}, last {now[^1].Ts}");
    }

    // A quote one tick wide (bid 100, ask 101) at 20 ms; at 22 ms the ask at 101 is gone and at
    // 23 ms one appears at 103. The strategy buys 2 lots when it sees the 1-tick spread.
    private static EngineFeed MovingAsk(string action, string? mdLatency, string entryLatency)
    {
        var feed = new EngineFeed("strategy M\n" + StrategyKit.Header + $"rule hit priority 1 when position == 0 and spread == 1 tick => buy 2 lots {action}\n",
            new VenueConfig(EngineFeed.X)
            {
                MarketDataLatency = mdLatency is null ? LatencyModel.Zero : LatencyModel.Parse(mdLatency),
                OrderEntryLatency = LatencyModel.Parse(entryLatency),
            });
        feed.Add(10, 1, Side.Buy, 100, 5);
        feed.Add(20, 2, Side.Sell, 101, 5);
        feed.Delete(22, 2, Side.Sell, 101, 5);
        feed.Add(23, 3, Side.Sell, 103, 5);
        feed.Add(40, 4, Side.Buy, 99, 1);
        feed.Engine.Finish();
        return feed;
    }

    [Fact]
    public void A_market_order_decided_on_a_stale_quote_pays_the_price_that_has_moved()
    {
        // At once: decided at 20 ms, it reaches the venue at 21 ms (1 ms order entry), where 101 is still offered.
        var now = MovingAsk("at market", null, "const:1ms");
        Assert.Equal([(21.0, Side.Buy, 101L, 2L)], now.Fills());
        // 5 ms behind: the strategy sees the 20 ms quote at 25 ms and its order reaches the venue
        // at 26 ms, after the 101 offer left (22 ms): it lifts 103.
        var late = MovingAsk("at market", "const:5ms", "const:1ms");
        Assert.Equal([(26.0, Side.Buy, 103L, 2L)], late.Fills());
        Assert.Equal(1, late.Engine.Orders);
        // The strategy saw each event 5 ms late: 15, 25, 27, 28 ms; the 40 ms event's 45 ms delivery is past the data's end.
        Assert.Equal([15 * EngineFeed.Ms, 25 * EngineFeed.Ms, 27 * EngineFeed.Ms, 28 * EngineFeed.Ms], late.Trace.Events.Select(e => e.Ts));
        Assert.Equal(1, late.Engine.AtEnd!.UnseenEvents);
        // The exchange's last mid (99..103 has bid 100, ask 103) marks the 2 lots bought at 103: -1.5 ticks x 2 lots.
        Assert.Equal(Runtime.Abi.Q.FromInteger(203) / 2, late.Engine.AtEnd.MarkQ16);
        Assert.Equal(-3 * Runtime.Abi.Q.One, late.Engine.AtEnd.OpenPnlQ16);
    }

    [Fact]
    public void A_limit_at_a_stale_ask_misses_and_rests_until_the_data_ends()
    {
        var now = MovingAsk("at ask", null, "const:0ns");
        Assert.Equal([(20.0, Side.Buy, 101L, 2L)], now.Fills());
        // 5 ms behind: the limit at 101 reaches the venue at 25 ms, when the best offer is 103: it
        // rests as a bid at 101 and nothing trades there; it is cancelled when the data ends.
        var late = MovingAsk("at ask", "const:5ms", "const:0ns");
        Assert.Empty(late.Fills());
        Assert.Equal(0, late.Engine.Portfolio.Position);
        Assert.Equal((1, 2L, 0), (late.Engine.AtEnd!.RestingOrders, late.Engine.AtEnd.RestingLots, late.Engine.AtEnd.InFlightOrders));
    }

    [Fact]
    public void Zero_market_data_latency_is_the_feed_as_it_happens()
    {
        // const:0ns keeps poll mode: the same events at the same times as no market-data latency at all.
        var none = MovingAsk("at market", null, "const:1ms");
        var zero = MovingAsk("at market", "const:0ns", "const:1ms");
        Assert.False(zero.Engine.SeesDelayedFeed);
        Assert.Equal(none.Trace.Events, zero.Trace.Events);
        Assert.Equal(none.Fills(), zero.Fills());
    }

    [Fact]
    public void An_l2_row_reaches_the_strategy_whole()
    {
        // Two rows of two updates each (a quote that moves both sides at once) and a trade: three
        // events for the strategy, each seen 5 ms late and never half-applied.
        var feeds = new[] { (string?)null, "const:5ms" }.Select(md =>
        {
            var feed = new EngineFeed(Watcher, new VenueConfig(EngineFeed.X) { MarketDataLatency = md is null ? LatencyModel.Zero : LatencyModel.Parse(md) });
            static Runtime.MarketData.BookLevelUpdated Level(long ms, Side side, long price, long lots) =>
                new(ms * EngineFeed.Ms, ms * EngineFeed.Ms, side, new Price(price), new Quantity(lots));
            feed.Engine.OnLevelsUpdated(10 * EngineFeed.Ms, [Level(10, Side.Buy, 100, 5), Level(10, Side.Sell, 101, 5)]);
            feed.Engine.OnLevelsUpdated(20 * EngineFeed.Ms, [Level(20, Side.Buy, 100, 0), Level(20, Side.Buy, 99, 4)]);
            feed.Engine.OnTrade(new Runtime.MarketData.TradeTick(30 * EngineFeed.Ms, 30 * EngineFeed.Ms, new Price(101), new Quantity(2),
                AggressorSide.Buyer, Runtime.MarketData.TradeKind.Regular));
            feed.Engine.Finish();
            return feed;
        }).ToArray();
        static long Q16(long ticks) => Runtime.Abi.Q.FromInteger(ticks);
        Assert.Equal([(10 * EngineFeed.Ms, Q16(100), Q16(101), 0L), (20 * EngineFeed.Ms, Q16(99), Q16(101), 0L), (30 * EngineFeed.Ms, Q16(99), Q16(101), 0L)], feeds[0].Trace.Events);
        Assert.Equal([(15 * EngineFeed.Ms, Q16(100), Q16(101), 0L), (25 * EngineFeed.Ms, Q16(99), Q16(101), 0L)], feeds[1].Trace.Events);
        Assert.Equal(1, feeds[1].Engine.AtEnd!.UnseenEvents); // the trade at 30 ms would be seen at 35 ms
    }
}


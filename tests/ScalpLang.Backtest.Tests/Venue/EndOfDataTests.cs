using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>
/// The end of the data ends the world: orders still travelling never arrive, resting orders are
/// cancelled, fills the venue made are booked even when their reports had not arrived, and the
/// open position is marked at the last mid (README, "At the end of the data").
/// </summary>
public sealed class EndOfDataTests
{
    private const string BuyOnQuote = "strategy B\n" + StrategyKit.Header + "rule hit priority 1 when position == 0 and spread == 1 tick => buy 2 lots at market\n";

    /// <summary>A bid at 10 ms and an offer at 20 ms: the strategy buys 2 lots at market at 20 ms; the data ends there.</summary>
    private static EngineFeed LastQuote(string strategy, VenueConfig? venue)
    {
        var feed = new EngineFeed(strategy, venue);
        feed.Add(10, 1, Side.Buy, 100, 5);
        feed.Add(20, 2, Side.Sell, 101, 5);
        feed.Engine.Finish();
        return feed;
    }

    [Fact]
    public void An_order_still_on_its_way_never_arrives()
    {
        var feed = LastQuote(BuyOnQuote, new VenueConfig(EngineFeed.X) { OrderEntryLatency = LatencyModel.Parse("const:10ms") });
        Assert.Equal(new EndOfData(0, Q.FromInteger(201) / 2, 0, 0, 0, InFlightOrders: 1, LateFills: 0, UnseenEvents: 0), feed.Engine.AtEnd);
        Assert.Equal((1L, 0L), (feed.Engine.Orders, feed.Engine.Fills));
    }

    [Fact]
    public void A_fill_whose_report_is_still_on_its_way_is_booked()
    {
        // The buy reaches the venue at 20 ms and lifts 2 at 101; its report would arrive at 30 ms.
        var feed = LastQuote(BuyOnQuote, new VenueConfig(EngineFeed.X) { ReportLatency = LatencyModel.Parse("const:10ms") });
        Assert.Equal([(30.0, Side.Buy, 101L, 2L)], feed.Fills());
        // Marked at the mid 100.5: 2 lots bought at 101 are 1 tick-lot down.
        Assert.Equal(new EndOfData(2, Q.FromInteger(201) / 2, -Q.One, 0, 0, 0, LateFills: 1, UnseenEvents: 0), feed.Engine.AtEnd);
        Assert.Equal(2, feed.Engine.Portfolio.Position);
    }

    [Fact]
    public void A_resting_order_on_the_simple_venue_is_cancelled_at_the_end()
    {
        // One bid 2 lots under the touch, sent on the first quote (bid depth 5), never reached.
        var feed = LastQuote("strategy R\n" + StrategyKit.Header + "rule rest priority 1 when bid_depth(levels: 1) == 5 lots and spread == 1 tick => buy 2 lots at bid - 1 tick\n", null);
        Assert.Equal(new EndOfData(0, Q.FromInteger(201) / 2, 0, RestingOrders: 1, RestingLots: 2, 0, 0, 0), feed.Engine.AtEnd);
    }

    [Fact]
    public void The_summary_states_what_was_left()
    {
        var json = System.Text.Json.JsonDocument.Parse(new BacktestSummary("S", 2, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, false, null, null, 0, 0)
        {
            AtEnd = EndSummary.From(new EndOfData(2, Q.FromInteger(201) / 2, -Q.One, 1, 3, 1, 1, 4), 0.01m, 0.01m),
        }.ToJson(includeTiming: false)).RootElement.GetProperty("at_end");
        Assert.Equal("""{"position":2,"mark":1.005,"open_pnl":-0.01,"resting_orders":1,"resting_lots":3,"in_flight_orders":1,"late_fills":1,"unseen_events":4}""",
            json.GetRawText());
    }
}

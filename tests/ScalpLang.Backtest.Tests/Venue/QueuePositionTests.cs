using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>FIFO queue position of own limit orders, on hand-built L3 and L2 feeds.</summary>
public sealed class QueuePositionTests
{
    private const Side B = Side.Buy, S = Side.Sell;

    [Fact]
    public void Own_order_joins_behind_the_displayed_size_and_fills_only_when_a_trade_gets_past_it()
    {
        var k = new VenueKit();
        k.Add(1, B, 100, 100);
        k.Add(2, B, 100, 50);
        k.Add(3, S, 101, 200);
        long mine = k.Limit(B, 30, 100);
        ReportAssert.Kinds(k.Reports(), VenueReportKind.Accepted);
        Assert.Equal(150, k.Ahead(mine)); // 100 + 50 displayed at 100 when it arrived

        k.Execute(1, B, 100, 100); // trade 100: ahead 150 -> 50, nothing reaches us (100 - 150 < 0)
        Assert.Equal(50, k.Ahead(mine));
        k.Add(4, B, 100, 40); // joins behind us
        Assert.Equal(50, k.Ahead(mine));
        k.Execute(2, B, 100, 50); // trade 50: ahead 50 -> 0, fill clamp(50 - 50, 0, 30) = 0
        Assert.Equal(0, k.Ahead(mine));
        Assert.Empty(k.Fills());

        // Order 4 is behind us, so the aggressor that hit it would have hit us first:
        // fill clamp(40 - 0, 0, 30) = 30, at our price, as maker.
        k.Execute(4, B, 100, 40);
        var fills = k.Fills();
        Assert.Single(fills);
        ReportAssert.Fill(fills[0], mine, 100, 30, 0, Liquidity.Maker);
        Assert.False(k.Venue.TryGetOrder(mine, out _));
    }

    [Fact]
    public void L3_cancels_ahead_move_us_up_and_cancels_behind_do_not()
    {
        var k = new VenueKit();
        k.Add(1, B, 100, 100); // A, ahead of us
        k.Add(2, B, 100, 60);  // B, ahead of us
        long mine = k.Limit(B, 10, 100);
        k.Add(3, B, 100, 50);  // C, behind us
        Assert.Equal(160, k.Ahead(mine));

        k.CancelPart(3, B, 100, 50); // C leaves entirely: behind us, no change
        Assert.Equal(160, k.Ahead(mine));
        k.CancelPart(1, B, 100, 30); // A shrinks by 30 and keeps its place: 160 - 30 = 130
        Assert.Equal(130, k.Ahead(mine));
        k.Delete(2, B, 100, 60);     // B leaves: 130 - 60 = 70
        Assert.Equal(70, k.Ahead(mine));
        k.Execute(1, B, 100, 70);    // the rest of A trades: 70 - 70 = 0, no fill (70 - 70 = 0 reaches us)
        Assert.Equal(0, k.Ahead(mine));
        Assert.Empty(k.Fills());

        k.Add(4, B, 100, 20);        // D, behind us
        k.Execute(4, B, 100, 15);    // 15 lots of aggression: all 10 of ours first
        ReportAssert.Fill(Assert.Single(k.Fills()), mine, 100, 10, 0, Liquidity.Maker);
    }

    [Fact]
    public void Size_resting_before_the_data_started_counts_as_ahead_of_us()
    {
        var k = new VenueKit();
        k.Level(B, 100, 80);          // a snapshot level: 80 lots whose orders the book never saw
        long mine = k.Limit(B, 5, 100);
        k.Add(7, B, 100, 20);         // behind us
        Assert.Equal(80, k.Ahead(mine));
        k.Delete(99, B, 100, 30);     // an unknown id: taken from the snapshot size, which queues first
        Assert.Equal(50, k.Ahead(mine));
        k.Delete(7, B, 100, 20);      // known, and added after us: no change
        Assert.Equal(50, k.Ahead(mine));
    }

    [Fact]
    public void Own_orders_at_one_price_share_one_FIFO()
    {
        var k = new VenueKit();
        k.Add(1, S, 101, 40);
        long first = k.Limit(S, 10, 101);   // ahead 40
        k.Add(2, S, 101, 100);
        long second = k.Limit(S, 20, 101);  // ahead 40 + 100 = 140 foreign, and behind our first
        Assert.Equal((40, 140), (k.Ahead(first), k.Ahead(second)));

        // Trade 40 (order 1): first: fill clamp(40 - 40 - 0) = 0, ahead 0.
        // second: fill clamp(40 - 140 - 10) = 0; foreign consumed min(140, 40 - 0) = 40, ahead 100.
        k.Execute(1, S, 101, 40);
        Assert.Empty(k.Fills());
        Assert.Equal((0, 100), (k.Ahead(first), k.Ahead(second)));

        // Trade 25 (order 2): first fills clamp(25 - 0 - 0, 0, 10) = 10 (done). second: fill
        // clamp(25 - 100 - 10) = 0; foreign consumed min(100, 25 - 10) = 15, ahead 85; but the
        // feed now shows only 75 at 101, and nothing can have more ahead than the level holds: 75.
        k.Execute(2, S, 101, 25);
        ReportAssert.Fill(Assert.Single(k.Fills()), first, 101, 10, 0, Liquidity.Maker);
        Assert.Equal(75, k.Ahead(second));

        k.Execute(2, S, 101, 75); // 75 - 75 = 0 reaches us; the level empties
        Assert.Equal(0, k.Ahead(second));
        Assert.Empty(k.Fills());
        k.Add(3, S, 101, 50);
        k.Execute(3, S, 101, 12);  // 12 reach us: partial fill, 8 left
        ReportAssert.Fill(Assert.Single(k.Fills()), second, 101, 12, 8, Liquidity.Maker);
    }

    [Fact]
    public void One_trade_fills_own_orders_in_their_arrival_order()
    {
        var k = new VenueKit();
        k.Add(1, B, 100, 10);
        long a = k.Limit(B, 10, 100); // ahead 10
        long b = k.Limit(B, 20, 100); // ahead 10, behind a
        k.Add(2, B, 100, 50);
        // Trade 35 against order 2 (behind both of ours): the volume goes down the merged queue:
        // 10 foreign, then a (10), then b: 35 - 10 - 10 = 15 of b's 20.
        k.Execute(2, B, 100, 35);
        var fills = k.Fills();
        Assert.Equal(2, fills.Count);
        ReportAssert.Fill(fills[0], a, 100, 10, 0, Liquidity.Maker);
        ReportAssert.Fill(fills[1], b, 100, 15, 5, Liquidity.Maker);
        Assert.Equal(0, k.Ahead(b));
    }

    [Fact]
    public void A_trade_at_a_worse_price_fills_our_better_priced_order_first()
    {
        var k = new VenueKit();
        k.Add(1, B, 99, 100);
        long mine = k.Limit(B, 10, 100); // the best bid, alone at 100
        // A seller printed 30 at 99: price priority puts our bid at 100 first. 30 reach us, we take
        // 10; the other 20 continue to 99, where nothing of ours rests.
        k.Execute(1, B, 99, 30);
        ReportAssert.Fill(Assert.Single(k.Fills()), mine, 100, 10, 0, Liquidity.Maker);
    }

    [Fact]
    public void An_incoming_order_that_crosses_our_bid_trades_with_it()
    {
        var k = new VenueKit();
        k.Add(1, B, 98, 100);
        k.Add(2, S, 102, 100);
        long mine = k.Limit(B, 10, 100); // alone at 100: ahead 0
        // A sell of 25 at 99 arrives: in the feed it rests (the feed never saw our bid), here it
        // would have traded 10 with us at our price first.
        k.Add(3, S, 99, 25);
        ReportAssert.Fill(Assert.Single(k.Fills()), mine, 100, 10, 0, Liquidity.Maker);
        // Those 10 lots of order 3 are used: a market buy now finds 25 - 10 = 15 at 99, then 102.
        long buy = k.Market(B, 20);
        var fills = k.Fills();
        ReportAssert.Fill(fills[0], buy, 99, 15, 5, Liquidity.Taker);
        ReportAssert.Fill(fills[1], buy, 102, 5, 0, Liquidity.Taker);
    }

    [Fact]
    public void A_crossing_order_reaches_our_levels_best_first()
    {
        var k = new VenueKit();
        k.Add(1, S, 103, 100);
        long high = k.Limit(B, 10, 101);
        long low = k.Limit(B, 10, 100);
        // L2: an ask level of 25 appears at 100. Price priority: our 101 bid first (10 at 101),
        // then our 100 bid (10 at 100); the other 5 rest in the feed, so 25 - 20 = 5 remain for us.
        k.Level(S, 100, 25);
        var fills = k.Fills();
        Assert.Equal(2, fills.Count);
        ReportAssert.Fill(fills[0], high, 101, 10, 0, Liquidity.Maker);
        ReportAssert.Fill(fills[1], low, 100, 10, 0, Liquidity.Maker);
        long buy = k.Market(B, 8);
        fills = k.Fills();
        ReportAssert.Fill(fills[0], buy, 100, 5, 3, Liquidity.Taker);
        ReportAssert.Fill(fills[1], buy, 103, 3, 0, Liquidity.Taker);
    }

    [Fact]
    public void L2_prorata_rule_moves_us_up_by_our_share_of_unexplained_decreases()
    {
        var k = new VenueKit(new VenueConfig(VenueKit.Equity) { L2Cancels = L2CancelRule.ProRata });
        k.Level(B, 100, 200);
        long mine = k.Limit(B, 10, 100);
        Assert.Equal(200, k.Ahead(mine));
        k.Level(B, 100, 300);                  // +100 joins behind: ahead 200
        Assert.Equal(200, k.Ahead(mine));
        k.Level(B, 100, 240);                  // -60, no trade: floor(60 x 200 / 300) = 40 of it was ahead
        Assert.Equal(160, k.Ahead(mine));
        k.Trade(100, 100, AggressorSide.Seller); // trade 100: ahead 160 -> 60
        Assert.Equal(60, k.Ahead(mine));
        k.Level(B, 100, 140);                  // -100, all of it the trade already applied: no change
        Assert.Equal(60, k.Ahead(mine));
        k.Level(B, 100, 130);                  // -10 cancelled: floor(10 x 60 / 140) = 4 -> 56
        Assert.Equal(56, k.Ahead(mine));
        k.Trade(100, 70, AggressorSide.Seller);  // 70 - 56 = 14 reach us: all 10 fill
        ReportAssert.Fill(Assert.Single(k.Fills()), mine, 100, 10, 0, Liquidity.Maker);
    }

    [Fact]
    public void L2_behind_first_rule_moves_us_up_only_when_cancels_exceed_the_size_behind()
    {
        var k = new VenueKit(new VenueConfig(VenueKit.Equity) { L2Cancels = L2CancelRule.BehindFirst });
        k.Level(B, 100, 200);
        long mine = k.Limit(B, 10, 100);
        k.Level(B, 100, 300);                  // 200 ahead, 100 behind
        k.Level(B, 100, 240);                  // -60 <= 100 behind: ahead stays 200
        Assert.Equal(200, k.Ahead(mine));
        k.Trade(100, 100, AggressorSide.Seller); // 200 -> 100
        k.Level(B, 100, 140);                  // the trade's decrease
        Assert.Equal(100, k.Ahead(mine));
        k.Level(B, 100, 90);                   // -50 cancelled; behind was 140 - 100 = 40: 10 of it was ahead -> 90
        Assert.Equal(90, k.Ahead(mine));
        k.Level(B, 100, 0);                    // the level is gone: nothing is ahead
        Assert.Equal(0, k.Ahead(mine));
    }

    [Fact]
    public void Hidden_trades_and_crosses_do_not_move_the_queue()
    {
        var k = new VenueKit();
        k.Level(B, 100, 50);
        long mine = k.Limit(B, 10, 100);
        k.Trade(100, 500, AggressorSide.Seller, TradeKind.Hidden);
        k.Trade(100, 500, AggressorSide.None, TradeKind.OpeningCross);
        Assert.Equal(50, k.Ahead(mine));
        Assert.Empty(k.Fills());
    }

    [Fact]
    public void Cancel_takes_the_order_out_of_the_queue_and_the_next_own_order_keeps_its_place()
    {
        var k = new VenueKit();
        k.Add(1, S, 101, 30);
        long a = k.Limit(S, 10, 101);
        long b = k.Limit(S, 10, 101);
        k.Cancel(a);
        ReportAssert.Kinds(k.Reports(), VenueReportKind.Accepted, VenueReportKind.Accepted, VenueReportKind.Cancelled);
        k.Execute(1, S, 101, 30);
        k.Add(2, S, 101, 30);
        k.Execute(2, S, 101, 5); // b is now first: 5 of its 10
        ReportAssert.Fill(Assert.Single(k.Fills()), b, 101, 5, 5, Liquidity.Maker);
    }
}

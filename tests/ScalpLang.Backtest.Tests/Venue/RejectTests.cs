using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>Rejects reach the strategy as reports, with a code and a key=value reason.</summary>
public sealed class RejectTests
{
    private const Side B = Side.Buy, S = Side.Sell;

    private static VenueReport Only(VenueKit k)
    {
        var report = Assert.Single(k.Reports());
        Assert.Equal(VenueReportKind.Rejected, report.Kind);
        return report;
    }

    [Fact]
    public void Zero_or_negative_quantity_and_non_positive_price_are_rejected()
    {
        var k = new VenueKit();
        k.Limit(B, 0, 100);
        Assert.Equal("INVALID_QUANTITY: lots=0", Only(k).Reason);
        k.Market(S, -5);
        Assert.Equal("INVALID_QUANTITY: lots=-5", Only(k).Reason);
        k.Limit(B, 1, 0);
        Assert.Equal("INVALID_PRICE: price=0", Only(k).Reason);
        k.Venue.Submit(k.Ts, new NewOrder(default, OrderType.Limit, 1, 100, TimeInForce.Gtc));
        Assert.Equal(RejectCode.InvalidQuantity, Only(k).Reject); // no side is no order
        Assert.Equal(4, k.Venue.OrdersRejected);
    }

    [Fact]
    public void Limit_outside_the_tick_band_around_the_mid_is_rejected()
    {
        var k = new VenueKit(new VenueConfig(VenueKit.Equity) { PriceBand = new PriceBand(MaxTicks: 5) });
        k.Add(1, B, 100, 10);
        k.Add(2, S, 102, 10);
        // mid = 101, doubled 202; band 5 ticks, doubled 10.
        k.Limit(B, 1, 106);  // |212 - 202| = 10 <= 10: inside (marketable: takes at 102)
        Assert.Equal(VenueReportKind.Accepted, k.Reports()[0].Kind);
        k.Limit(B, 1, 107);  // |214 - 202| = 12 > 10
        var reject = Only(k);
        Assert.Equal(RejectCode.PriceBand, reject.Reject);
        Assert.Equal("PRICE_OUTSIDE_BAND: price=107 reference_x2=202 band_x2=10", reject.Reason);
        k.Limit(S, 1, 96);   // |192 - 202| = 10: inside (marketable: sells at 100)
        Assert.Equal(VenueReportKind.Accepted, k.Reports()[0].Kind);
        k.Limit(S, 1, 95);
        Assert.Equal(RejectCode.PriceBand, Only(k).Reject);
    }

    [Fact]
    public void Limit_outside_the_percentage_band_is_rejected()
    {
        var k = new VenueKit(new VenueConfig(VenueKit.Equity) { PriceBand = new PriceBand(MaxFraction: 0.02m) });
        k.Add(1, B, 100, 10);
        k.Add(2, S, 102, 10);
        // 2% of the mid 101 is 2.02 ticks (doubled 4.04): 103 is 2 ticks away, 104 is 3.
        k.Limit(S, 1, 103);
        Assert.Equal(VenueReportKind.Accepted, Assert.Single(k.Reports()).Kind);
        k.Limit(S, 1, 104);
        Assert.Equal("PRICE_OUTSIDE_BAND: price=104 reference_x2=202 band_x2=4", Only(k).Reason);
    }

    [Fact]
    public void Market_order_walks_no_farther_than_the_band()
    {
        var k = new VenueKit(new VenueConfig(VenueKit.Equity) { PriceBand = new PriceBand(MaxTicks: 5) });
        k.Add(1, B, 100, 10);
        k.Add(2, S, 101, 10);
        k.Add(3, S, 103, 10);
        k.Add(4, S, 110, 50);
        // mid 100.5: the band reaches 105.5, so 105 is the last tick a buy may pay.
        long id = k.Market(B, 30);
        var reports = k.Reports();
        ReportAssert.Kinds(reports, VenueReportKind.Accepted, VenueReportKind.Filled, VenueReportKind.Filled, VenueReportKind.Cancelled);
        ReportAssert.Fill(reports[1], id, 101, 10, 20, Liquidity.Taker);
        ReportAssert.Fill(reports[2], id, 103, 10, 10, Liquidity.Taker);
        Assert.Equal(10, reports[3].Lots);
    }

    [Fact]
    public void Without_a_reference_price_no_band_applies_and_the_last_trade_is_used_when_one_side_is_empty()
    {
        var k = new VenueKit(new VenueConfig(VenueKit.Equity) { PriceBand = new PriceBand(MaxTicks: 5) });
        k.Limit(S, 1, 500); // empty book, no trade yet: nothing to measure against
        Assert.Equal(VenueReportKind.Accepted, Assert.Single(k.Reports()).Kind);
        k.Add(1, S, 200, 10);
        k.Execute(1, S, 200, 4); // last trade 200; no bids in the feed
        k.Limit(S, 1, 206);
        Assert.Equal(RejectCode.PriceBand, Only(k).Reject);
    }

    [Fact]
    public void Order_rate_is_limited_per_sliding_window()
    {
        var config = new VenueConfig(VenueKit.Equity) { OrderRateLimit = new OrderRateLimit(3, 1_000_000) };
        var k = new VenueKit(config) { Step = 100_000 }; // 100 us apart
        k.Add(1, B, 100, 10);
        long t0 = k.Ts + k.Step;
        for (int i = 0; i < 4; i++)
            k.Limit(B, 1, 99); // at t0, t0 + 100us, t0 + 200us, t0 + 300us
        var reports = k.Reports();
        ReportAssert.Kinds(reports, VenueReportKind.Accepted, VenueReportKind.Accepted, VenueReportKind.Accepted, VenueReportKind.Rejected);
        Assert.Equal("MAX_ORDER_RATE_EXCEEDED: orders=3 window_ns=1000000", reports[3].Reason);
        // The window is (now - 1ms, now]: at t0 + 1ms the first order has left it.
        k.Venue.Submit(t0 + 1_000_000 - 1, NewOrder.Limit(B, 1, 99));
        k.Venue.Submit(t0 + 1_000_000, NewOrder.Limit(B, 1, 99));
        reports = k.Reports(t0 + 2_000_000);
        ReportAssert.Kinds(reports, VenueReportKind.Rejected, VenueReportKind.Accepted);
    }

    [Fact]
    public void Cancels_of_unknown_and_closed_orders_are_rejected()
    {
        var k = new VenueKit();
        k.Cancel(999);
        var unknown = Assert.Single(k.Reports());
        Assert.Equal((VenueReportKind.CancelRejected, "UNKNOWN_ORDER: order=999"), (unknown.Kind, unknown.Reason));
        long rejected = k.Limit(B, 0, 100);
        k.Cancel(rejected);
        var reports = k.Reports();
        Assert.Equal("ORDER_CLOSED: order=1", reports[1].Reason);
    }

    [Fact]
    public void An_order_that_would_trade_with_our_own_resting_order_is_rejected()
    {
        var k = new VenueKit();
        k.Add(1, B, 100, 10);
        k.Add(2, S, 106, 10);
        long ask = k.Limit(S, 5, 105);
        k.Limit(B, 5, 105);
        var reports = k.Reports();
        Assert.Equal($"SELF_TRADE_PREVENTED: price=105 own_order={ask}", reports[1].Reason);
        k.Market(B, 1);
        Assert.Equal(RejectCode.SelfTrade, Only(k).Reject);
        k.Limit(B, 5, 104); // does not reach our ask: fine
        Assert.Equal(VenueReportKind.Accepted, Assert.Single(k.Reports()).Kind);
    }

    [Fact]
    public void New_orders_are_rejected_while_halted_and_resting_orders_stay()
    {
        var k = new VenueKit();
        long resting = k.Limit(B, 5, 100);
        k.Status(TradingStatus.Halted);
        k.Limit(B, 5, 99);
        Assert.Equal("TRADING_HALTED: status=Halted", k.Reports()[1].Reason);
        Assert.True(k.Venue.TryGetOrder(resting, out _));
        k.Status(TradingStatus.Trading);
        k.Limit(B, 5, 99);
        Assert.Equal(VenueReportKind.Accepted, Assert.Single(k.Reports()).Kind);
    }
}

using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>Own market and marketable orders walking the displayed book and using its liquidity up.</summary>
public sealed class BookWalkTests
{
    private const Side B = Side.Buy, S = Side.Sell;

    private static VenueKit AskLadder()
    {
        var k = new VenueKit();
        k.Add(1, B, 100, 500);
        k.Add(2, S, 101, 10);
        k.Add(3, S, 101, 20);
        k.Add(4, S, 102, 50);
        k.Add(5, S, 104, 100);
        return k;
    }

    [Fact]
    public void Market_buy_walks_level_by_level_from_the_touch()
    {
        var k = AskLadder();
        long id = k.Market(B, 100);
        var reports = k.Reports();
        // 101 shows 10 + 20 = 30, 102 shows 50, and 100 - 30 - 50 = 20 come from 104.
        ReportAssert.Kinds(reports, VenueReportKind.Accepted, VenueReportKind.Filled, VenueReportKind.Filled, VenueReportKind.Filled);
        ReportAssert.Fill(reports[1], id, 101, 30, 70, Liquidity.Taker);
        ReportAssert.Fill(reports[2], id, 102, 50, 20, Liquidity.Taker);
        ReportAssert.Fill(reports[3], id, 104, 20, 0, Liquidity.Taker);
    }

    [Fact]
    public void Liquidity_we_took_is_not_offered_again_until_the_feed_replaces_it()
    {
        var k = AskLadder();
        k.Market(B, 100);
        k.Reports();
        // The feed still shows 101: 30, 102: 50, 104: 100, but we took 30, 50 and 20 of them:
        // 90 lots wanted, 0 + 0 + 80 on offer, the other 10 are cancelled for want of liquidity.
        long second = k.Market(B, 90);
        var reports = k.Reports();
        ReportAssert.Kinds(reports, VenueReportKind.Accepted, VenueReportKind.Filled, VenueReportKind.Cancelled);
        ReportAssert.Fill(reports[1], second, 104, 80, 10, Liquidity.Taker);
        Assert.Equal(CancelReason.NoLiquidity, reports[2].CancelReason);
        Assert.Equal(10, reports[2].Lots);
        Assert.Equal("NO_LIQUIDITY: leaves=10", reports[2].Reason);

        // Others trade 50 at 104: the feed shows 50, and our debit of 100 is cut to what is shown (50):
        // nothing on offer. Then 40 new lots join: 90 shown, 90 - 50 = 40 on offer.
        k.Execute(5, S, 104, 50);
        k.Add(6, S, 104, 40);
        long third = k.Market(B, 60);
        var fills = k.Fills();
        Assert.Single(fills);
        ReportAssert.Fill(fills[0], third, 104, 40, 20, Liquidity.Taker);

        // A level that empties forgets what we took: 101 is deleted and re-quoted with 30.
        k.Delete(2, S, 101, 10);
        k.Delete(3, S, 101, 20);
        k.Add(7, S, 101, 30);
        long fourth = k.Market(B, 5);
        ReportAssert.Fill(Assert.Single(k.Fills()), fourth, 101, 5, 0, Liquidity.Taker);
    }

    [Fact]
    public void Marketable_limit_takes_up_to_its_price_then_rests_the_rest_at_the_back_of_its_level()
    {
        var k = AskLadder();
        k.Add(8, B, 102, 0 + 15); // someone already bids 102, so our rest will queue behind 15
        long id = k.Limit(B, 100, 102);
        var reports = k.Reports();
        // 30 at 101, 50 at 102; 104 is past the limit: 20 rest at 102 (as maker from now on).
        ReportAssert.Kinds(reports, VenueReportKind.Accepted, VenueReportKind.Filled, VenueReportKind.Filled);
        ReportAssert.Fill(reports[1], id, 101, 30, 70, Liquidity.Taker);
        ReportAssert.Fill(reports[2], id, 102, 50, 20, Liquidity.Taker);
        Assert.True(k.Venue.TryGetOrder(id, out var state));
        Assert.Equal((100, 80, 20, 15), (state.Lots, state.FilledLots, state.LeavesLots, state.AheadLots));
    }

    [Fact]
    public void Ioc_limit_cancels_what_it_cannot_take()
    {
        var k = AskLadder();
        long id = k.Limit(B, 40, 101, TimeInForce.Ioc);
        var reports = k.Reports();
        ReportAssert.Kinds(reports, VenueReportKind.Accepted, VenueReportKind.Filled, VenueReportKind.Cancelled);
        ReportAssert.Fill(reports[1], id, 101, 30, 10, Liquidity.Taker);
        Assert.Equal((CancelReason.ImmediateOrCancel, 10L), (reports[2].CancelReason, reports[2].Lots));
        Assert.False(k.Venue.TryGetOrder(id, out _));
    }

    [Fact]
    public void Market_sell_walks_the_bids_downwards()
    {
        var k = new VenueKit();
        k.Add(1, B, 100, 5);
        k.Add(2, B, 99, 5);
        k.Add(3, B, 97, 50);
        k.Add(4, S, 101, 50);
        long id = k.Market(S, 12);
        var fills = k.Fills();
        ReportAssert.Fill(fills[0], id, 100, 5, 7, Liquidity.Taker);
        ReportAssert.Fill(fills[1], id, 99, 5, 2, Liquidity.Taker);
        ReportAssert.Fill(fills[2], id, 97, 2, 0, Liquidity.Taker);
    }

    [Fact]
    public void Market_order_into_an_empty_side_is_cancelled_for_no_liquidity()
    {
        var k = new VenueKit();
        k.Add(1, B, 100, 5);
        k.Market(B, 3);
        var reports = k.Reports();
        ReportAssert.Kinds(reports, VenueReportKind.Accepted, VenueReportKind.Cancelled);
        Assert.Equal(CancelReason.NoLiquidity, reports[1].CancelReason);
    }
}

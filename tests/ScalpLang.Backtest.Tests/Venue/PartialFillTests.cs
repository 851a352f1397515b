using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>Orders that fill in pieces, from resting and from aggressive sides.</summary>
public sealed class PartialFillTests
{
    private const Side B = Side.Buy, S = Side.Sell;

    [Fact]
    public void Resting_order_fills_piece_by_piece_as_trades_reach_it()
    {
        var k = new VenueKit();
        k.Add(1, S, 101, 20);
        long mine = k.Limit(S, 50, 101); // ahead 20
        k.Add(2, S, 101, 500);
        k.Execute(1, S, 101, 15);  // ahead 20 -> 5, nothing reaches us
        k.Execute(1, S, 101, 5);   // ahead 0, 5 - 5 = 0 reaches us
        k.Execute(2, S, 101, 12);  // 12 reach us: 12 of 50, leaves 38
        k.Execute(2, S, 101, 30);  // 30 more: leaves 8
        k.Execute(2, S, 101, 100); // 100 > 8: the last 8, the order is done
        var fills = k.Fills();
        Assert.Equal(3, fills.Count);
        ReportAssert.Fill(fills[0], mine, 101, 12, 38, Liquidity.Maker);
        ReportAssert.Fill(fills[1], mine, 101, 30, 8, Liquidity.Maker);
        ReportAssert.Fill(fills[2], mine, 101, 8, 0, Liquidity.Maker);
        Assert.Equal(50, fills.Sum(f => f.Lots));
        Assert.False(k.Venue.TryGetOrder(mine, out _));
        Assert.Equal(50, k.Venue.MakerLots);
    }

    [Fact]
    public void Partly_filled_order_can_be_cancelled_for_its_leaves()
    {
        var k = new VenueKit();
        long mine = k.Limit(B, 10, 100); // empty level: first in the queue
        k.Trade(100, 4, AggressorSide.Seller); // L2 trade print: 4 of 10
        k.Cancel(mine);
        var reports = k.Reports();
        ReportAssert.Kinds(reports, VenueReportKind.Accepted, VenueReportKind.Filled, VenueReportKind.Cancelled);
        ReportAssert.Fill(reports[1], mine, 100, 4, 6, Liquidity.Maker);
        Assert.Equal(6, reports[2].Lots); // the cancelled leaves
        k.Cancel(mine);
        var late = Assert.Single(k.Reports());
        Assert.Equal((VenueReportKind.CancelRejected, RejectCode.OrderClosed), (late.Kind, late.Reject));
    }

    [Fact]
    public void Aggressive_order_fills_partly_then_rests_and_the_rest_fills_as_maker()
    {
        var k = new VenueKit();
        k.Add(1, S, 101, 7);
        long mine = k.Limit(B, 10, 101); // takes 7 at 101, rests 3 at 101 with nothing ahead
        k.Add(2, S, 101, 20);  // crosses our resting bid: 3 of it trade with us
        var fills = k.Fills();
        Assert.Equal(2, fills.Count);
        ReportAssert.Fill(fills[0], mine, 101, 7, 3, Liquidity.Taker);
        ReportAssert.Fill(fills[1], mine, 101, 3, 0, Liquidity.Maker);
        Assert.Equal((7L, 3L), (k.Venue.TakerLots, k.Venue.MakerLots));
    }
}

using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>Maker/taker fees and rebates per fill, in exact decimal money.</summary>
public sealed class FeeTests
{
    private const Side B = Side.Buy, S = Side.Sell;

    [Fact]
    public void Taker_pays_and_maker_is_rebated_on_every_fill()
    {
        // Taker 3 bp of notional plus $0.001 a share; maker rebate 2 bp.
        var fees = new FeeSchedule(Maker: new FeeRate(-0.0002m, 0), Taker: new FeeRate(0.0003m, 0.001m));
        var k = new VenueKit(new VenueConfig(VenueKit.Equity) { Fees = fees });
        k.Add(1, S, 101, 30);
        k.Add(2, S, 102, 50);
        long take = k.Market(B, 40);
        var fills = k.Fills();
        // 30 @ $1.01 = $30.30 notional: 0.0003 x 30.30 + 0.001 x 30 = 0.00909 + 0.03 = 0.03909
        // 10 @ $1.02 = $10.20 notional: 0.0003 x 10.20 + 0.001 x 10 = 0.00306 + 0.01 = 0.01306
        ReportAssert.Fill(fills[0], take, 101, 30, 10, Liquidity.Taker);
        Assert.Equal(0.03909m, fills[0].Fee);
        Assert.Equal(0.01306m, fills[1].Fee);

        long rest = k.Limit(S, 10, 103); // a new ask level, alone: ahead 0
        k.Add(3, B, 103, 4);             // a buyer crosses to 103: 4 trade with us
        var maker = Assert.Single(k.Fills());
        // 4 @ $1.03 = $4.12 notional: -0.0002 x 4.12 = -0.000824 (a rebate, received)
        ReportAssert.Fill(maker, rest, 103, 4, 6, Liquidity.Maker);
        Assert.Equal(-0.000824m, maker.Fee);
        Assert.Equal(0.03909m + 0.01306m - 0.000824m, k.Venue.TotalFees);
    }

    [Fact]
    public void Fees_use_the_instrument_tick_and_lot_sizes()
    {
        // BTC: tick $0.10, lot 0.001 BTC. Taker 4 bp, maker rebate 1 bp.
        var btc = new Instrument("BTCUSDT", 0.1m, 0.001m, "USD");
        var config = new VenueConfig(btc) { Fees = FeeSchedule.Parse("maker=-1bp,taker=4bp") };
        var k = new VenueKit(config);
        k.Add(1, S, 650_000, 100); // $65,000.0
        k.Market(B, 5);
        // 5 lots = 0.005 BTC at $65,000 = $325 notional; 0.0004 x 325 = 0.13
        Assert.Equal(0.13m, Assert.Single(k.Fills()).Fee);
        k.Limit(B, 2, 649_990);   // $64,999.0, alone
        k.Add(2, S, 649_990, 3);  // crosses: 2 lots with us
        // 0.002 BTC x $64,999 = $129.998; -0.0001 x 129.998 = -0.0129998
        Assert.Equal(-0.0129998m, Assert.Single(k.Fills()).Fee);
    }

    [Fact]
    public void Fee_schedule_parses_fractions_basis_points_percent_and_per_lot_amounts()
    {
        var fees = FeeSchedule.Parse("maker=-0.0002, taker=0.05%, taker_per_lot=0.0035");
        Assert.Equal(new FeeRate(-0.0002m, 0), fees.Maker);
        Assert.Equal(new FeeRate(0.0005m, 0.0035m), fees.Taker);
        Assert.Equal(new FeeRate(-0.00015m, 0), FeeSchedule.Parse("maker=-1.5bp").Maker);
        Assert.False(FeeSchedule.TryParse("maker=-2bp,rebate=1", out _, out var error));
        Assert.Contains("unknown key 'rebate'", error);
        Assert.False(FeeSchedule.TryParse("taker=three", out _, out error));
        Assert.Contains("'taker=three' is not key=number", error);
        Assert.False(FeeSchedule.TryParse("maker_per_lot=1bp", out _, out _)); // per-lot amounts are money, not rates
    }

    [Fact]
    public void Zero_fees_by_default()
    {
        var k = new VenueKit();
        k.Add(1, S, 101, 30);
        k.Market(B, 10);
        Assert.Equal(0m, Assert.Single(k.Fills()).Fee);
    }
}

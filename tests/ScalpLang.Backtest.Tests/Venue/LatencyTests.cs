using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>Order-entry, report and market-data latency in the venue, constant and sampled.</summary>
public sealed class LatencyTests
{
    private const long Us = 1_000;

    private static VenueConfig Config(string entry, string report, string marketData, ulong seed = 1) =>
        new(VenueKit.Equity)
        {
            OrderEntryLatency = LatencyModel.Parse(entry),
            ReportLatency = LatencyModel.Parse(report),
            MarketDataLatency = LatencyModel.Parse(marketData),
            Seed = seed,
        };

    private static BookOrderAdded Add(long ts, long id, Side side, long price, long size) => new(ts, ts, id, side, new Price(price), new Quantity(size));

    private static BookOrderExecuted Exec(long ts, long id, Side side, long price, long size) => new(ts, ts, id, side, new Price(price), new Quantity(size));

    [Fact]
    public void Constant_latencies_delay_arrival_acks_fills_and_market_data_by_exactly_their_amounts()
    {
        var venue = new SimulatedVenue(Config("const:50us", "const:20us", "const:10us"));
        venue.OnOrderAdded(Add(0, 1, Side.Buy, 100, 100));
        venue.OnOrderAdded(Add(0, 2, Side.Sell, 101, 100));
        long mine = venue.Submit(5 * Us, NewOrder.Limit(Side.Buy, 10, 100)); // reaches the venue at 55us
        venue.OnOrderAdded(Add(30 * Us, 3, Side.Buy, 100, 50));               // joined while ours was in flight: ahead of us
        venue.AdvanceTo(55 * Us);
        Assert.True(venue.TryGetOrder(mine, out var state));
        Assert.Equal(150, state.AheadLots); // 100 + 50, not the 100 the strategy saw when it decided

        var reports = new List<VenueReport>();
        venue.DrainReports(75 * Us - 1, reports);
        Assert.Empty(reports); // the ack leaves at 55us and takes 20us
        venue.DrainReports(75 * Us, reports);
        var ack = Assert.Single(reports);
        Assert.Equal((VenueReportKind.Accepted, 55 * Us, 75 * Us), (ack.Kind, ack.TsVenue, ack.TsArrive));

        venue.OnOrderExecuted(Exec(100 * Us, 1, Side.Buy, 100, 100)); // ahead 150 -> 50
        venue.OnOrderExecuted(Exec(200 * Us, 3, Side.Buy, 100, 50));  // ahead 0
        venue.OnOrderAdded(Add(300 * Us, 4, Side.Buy, 100, 20));
        venue.OnOrderExecuted(Exec(400 * Us, 4, Side.Buy, 100, 15));  // 15 reach us: 10 fill at 400us
        reports.Clear();
        venue.DrainReports(1_000 * Us, reports);
        var fill = Assert.Single(reports);
        ReportAssert.Fill(fill, mine, 100, 10, 0, Liquidity.Maker);
        Assert.Equal((400 * Us, 420 * Us), (fill.TsVenue, fill.TsArrive));

        // Market data: every event is seen 10us after it happened, in order.
        var seen = new List<(MarketDataKind, long, long)>();
        while (venue.TryDequeueMarketData(1_000 * Us, out var e, out long recv))
            seen.Add((e.Kind, e.TsEvent, recv));
        Assert.Equal(7, seen.Count);
        Assert.All(seen, s => Assert.Equal(s.Item2 + 10 * Us, s.Item3));
        Assert.Equal((MarketDataKind.OrderExecuted, 400 * Us, 410 * Us), seen[^1]);
    }

    [Fact]
    public void Market_data_latency_is_added_to_a_recorded_receive_time()
    {
        var venue = new SimulatedVenue(Config("const:0ns", "const:0ns", "const:10us"));
        venue.OnOrderAdded(new BookOrderAdded(0, 7 * Us, 1, Side.Buy, new Price(100), new Quantity(5))); // captured 7us after the exchange stamped it
        venue.OnOrderAdded(Add(20 * Us, 2, Side.Buy, 99, 5));                                             // no receive time of its own
        Assert.True(venue.TryDequeueMarketData(long.MaxValue, out _, out long first));
        Assert.True(venue.TryDequeueMarketData(long.MaxValue, out _, out long second));
        Assert.Equal((17 * Us, 30 * Us), (first, second));
    }

    [Fact]
    public void A_cancel_that_arrives_after_the_fill_is_too_late()
    {
        var venue = new SimulatedVenue(Config("const:50us", "const:20us", "const:0ns"));
        long mine = venue.Submit(0, NewOrder.Limit(Side.Sell, 10, 101));
        venue.AdvanceTo(50 * Us);                                        // resting, alone at 101
        venue.Cancel(100 * Us, mine);                                    // reaches the venue at 150us
        venue.OnOrderAdded(Add(120 * Us, 1, Side.Buy, 101, 10));         // a buyer crosses at 120us: we fill
        var reports = new List<VenueReport>();
        venue.DrainReports(1_000 * Us, reports);
        ReportAssert.Kinds(reports, VenueReportKind.Accepted, VenueReportKind.Filled, VenueReportKind.CancelRejected);
        Assert.Equal((120 * Us, 140 * Us), (reports[1].TsVenue, reports[1].TsArrive));
        Assert.Equal((150 * Us, 170 * Us, RejectCode.OrderClosed), (reports[2].TsVenue, reports[2].TsArrive, reports[2].Reject));
    }

    [Fact]
    public void Sampled_latency_never_reorders_a_connection()
    {
        // Order entry anywhere in 0..1ms: a cancel sent 1ns after its order could sample a shorter
        // latency, but a connection delivers in order, so it always finds the order.
        var venue = new SimulatedVenue(Config("uniform:0us..1ms", "uniform:0us..1ms", "uniform:0us..1ms", seed: 42));
        venue.OnOrderAdded(Add(0, 1, Side.Buy, 90, 100));
        for (int i = 0; i < 200; i++)
        {
            long t = (i + 1) * 10 * Us;
            long id = venue.Submit(t, NewOrder.Limit(Side.Buy, 1, 95));
            venue.Cancel(t + 1, id);
        }
        var reports = new List<VenueReport>();
        venue.DrainReports(long.MaxValue, reports);
        Assert.Equal(400, reports.Count);
        Assert.Equal(200, reports.Count(r => r.Kind == VenueReportKind.Cancelled));
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].TsArrive >= reports[i - 1].TsArrive);
            Assert.True(reports[i].TsArrive >= reports[i].TsVenue);
        }
    }

    private static List<VenueReport> Scenario(ulong seed)
    {
        var venue = new SimulatedVenue(Config("lognormal:median=40us,sigma=0.5", "uniform:10us..30us", "normal:mean=20us,sd=5us", seed));
        venue.OnOrderAdded(Add(0, 1, Side.Sell, 101, 50));
        venue.OnOrderAdded(Add(0, 2, Side.Sell, 102, 50));
        for (int i = 0; i < 20; i++)
            venue.Submit(i * 100 * Us, NewOrder.Market(Side.Buy, 3));
        var reports = new List<VenueReport>();
        venue.DrainReports(long.MaxValue, reports);
        return reports;
    }

    [Fact]
    public void Same_seed_same_reports_other_seed_other_timing()
    {
        var a = Scenario(7);
        Assert.Equal(a, Scenario(7));
        var b = Scenario(8);
        Assert.Equal(a.Select(r => (r.Kind, r.PriceTicks, r.Lots)), b.Select(r => (r.Kind, r.PriceTicks, r.Lots)));
        Assert.NotEqual(a.Select(r => r.TsArrive), b.Select(r => r.TsArrive));
    }

    /// <summary>A strategy stand-in: buys at market once, on first seeing an ask at 101.</summary>
    private sealed class BuyOnSight(Func<SimulatedVenue> venue) : IVenueClient
    {
        public List<string> Log { get; } = [];

        private bool _sent;

        public void OnOrderAdded(in BookOrderAdded e)
        {
            Log.Add($"{e.TsRecv / Us}us saw add {e.OrderId}");
            if (!_sent && e.Side == Side.Sell && e.Price.Ticks == 101)
            {
                _sent = true;
                venue().Submit(e.TsRecv, NewOrder.Market(Side.Buy, 10));
            }
        }

        public void OnOrderExecuted(in BookOrderExecuted e) => Log.Add($"{e.TsRecv / Us}us saw exec {e.OrderId}");

        public void OnReport(in VenueReport report) =>
            Log.Add($"{report.TsArrive / Us}us {report.Kind}" + (report.Kind == VenueReportKind.Filled ? $" {report.Lots}@{report.PriceTicks}" : ""));

        public void OnOrderCancelled(in BookOrderCancelled e) { }
        public void OnOrderDeleted(in BookOrderDeleted e) { }
        public void OnLevelUpdated(in BookLevelUpdated e) { }
        public void OnTrade(in TradeTick e) { }
        public void OnTradingStatus(in TradingStatusChanged e) { }
    }

    [Fact]
    public void The_strategy_acts_on_stale_data_and_its_order_meets_the_book_as_it_is_on_arrival()
    {
        SimulatedVenue? venue = null;
        var client = new BuyOnSight(() => venue!);
        venue = new SimulatedVenue(Config("const:50us", "const:20us", "const:10us"), client);
        venue.OnOrderAdded(Add(0, 1, Side.Sell, 101, 10));
        venue.OnOrderAdded(Add(0, 2, Side.Sell, 102, 100));
        venue.OnOrderExecuted(Exec(30 * Us, 1, Side.Sell, 101, 10)); // someone else takes 101 first
        venue.AdvanceTo(1_000 * Us);
        // Seen at 10us, sent at 10us, at the venue at 60us: 101 is gone, so 10 @ 102; reports at 80us.
        Assert.Equal(
            ["10us saw add 1", "10us saw add 2", "40us saw exec 1", "80us Accepted", "80us Filled 10@102"],
            client.Log);
    }

    [Fact]
    public void With_zero_latency_the_strategy_acts_before_the_next_event_at_the_same_time()
    {
        SimulatedVenue? venue = null;
        var client = new BuyOnSight(() => venue!);
        venue = new SimulatedVenue(new VenueConfig(VenueKit.Equity), client);
        venue.OnOrderAdded(Add(0, 1, Side.Sell, 101, 10));
        venue.OnOrderExecuted(Exec(0, 1, Side.Sell, 101, 10)); // same timestamp: our order got there first
        Assert.Equal(["0us saw add 1", "0us Accepted", "0us Filled 10@101", "0us saw exec 1"], client.Log);
    }
}

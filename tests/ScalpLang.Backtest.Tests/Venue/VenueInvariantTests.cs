using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>
/// Properties over long seeded random feeds (what hand-built sequences cannot cover), the
/// no-allocation promise of the hot path, and run-to-run determinism.
/// </summary>
public sealed class VenueInvariantTests
{
    private const long Us = 1_000;

    /// <summary>A seeded random L3 feed around 1000 ticks that never crosses itself, with our orders mixed in.</summary>
    private static (List<VenueReport> Reports, SimulatedVenue Venue, List<long> OwnIds) RandomRun(int seed, Action<SimulatedVenue, List<long>>? check = null)
    {
        var config = new VenueConfig(VenueKit.Equity)
        {
            OrderEntryLatency = LatencyModel.Parse("lognormal:median=30us,sigma=0.7"),
            ReportLatency = LatencyModel.Parse("uniform:5us..40us"),
            MarketDataLatency = LatencyModel.Parse("normal:mean=10us,sd=3us"),
            Fees = FeeSchedule.Parse("maker=-2bp,taker=3bp"),
            Seed = (ulong)seed,
            OrderRateLimit = new OrderRateLimit(20, 1_000 * Us),
            PriceBand = new PriceBand(MaxTicks: 8),
        };
        var venue = new SimulatedVenue(config);
        var random = new Random(seed);
        var live = new List<(long Id, Side Side, long Price, long Size)>();
        var ownIds = new List<long>();
        long ts = 0, nextId = 1;
        var front = new RestingOrder[1];
        for (int step = 0; step < 5_000; step++)
        {
            ts += random.Next(1, 20) * Us;
            bool hasBid = venue.Book.TryGetBest(Side.Buy, out var bid), hasAsk = venue.Book.TryGetBest(Side.Sell, out var ask);
            int roll = random.Next(100);
            if (roll < 35 || live.Count < 6)
            {
                var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                long price = side == Side.Buy
                    ? (hasAsk ? ask.Price.Ticks - 1 : 1000) - random.Next(4)
                    : (hasBid ? bid.Price.Ticks + 1 : 1001) + random.Next(4);
                long size = random.Next(1, 60);
                venue.OnOrderAdded(new BookOrderAdded(ts, ts, nextId, side, new Price(price), new Quantity(size)));
                live.Add((nextId++, side, price, size));
            }
            else if (roll < 55)
            {
                int i = random.Next(live.Count);
                var o = live[i];
                long part = random.Next(1, (int)o.Size + 1);
                if (part == o.Size)
                {
                    venue.OnOrderDeleted(new BookOrderDeleted(ts, ts, o.Id, o.Side, new Price(o.Price), new Quantity(o.Size)));
                    live.RemoveAt(i);
                }
                else
                {
                    venue.OnOrderCancelled(new BookOrderCancelled(ts, ts, o.Id, o.Side, new Price(o.Price), new Quantity(part)));
                    live[i] = o with { Size = o.Size - part };
                }
            }
            else if (roll < 75)
            {
                // Execute the front order of a best level, as price-time priority would.
                var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                if (!venue.Book.TryGetBest(side, out var best))
                    continue;
                if (venue.Book.CopyOrders(side, best.Price, front) == 0)
                    continue;
                long frontId = front[0].OrderId;
                int i = live.FindIndex(o => o.Id == frontId);
                var o = live[i];
                long part = random.Next(1, (int)o.Size + 1);
                venue.OnOrderExecuted(new BookOrderExecuted(ts, ts, o.Id, o.Side, new Price(o.Price), new Quantity(part)));
                if (part == o.Size)
                    live.RemoveAt(i);
                else
                    live[i] = o with { Size = o.Size - part };
            }
            else if (roll < 90)
            {
                var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                long reference = hasBid ? bid.Price.Ticks : 1000;
                var order = random.Next(4) == 0
                    ? NewOrder.Market(side, random.Next(1, 40))
                    : NewOrder.Limit(side, random.Next(1, 40), reference + random.Next(-5, 6), random.Next(5) == 0 ? TimeInForce.Ioc : TimeInForce.Gtc);
                ownIds.Add(venue.Submit(ts, order));
            }
            else if (roll < 98 && ownIds.Count > 0)
            {
                venue.Cancel(ts, ownIds[random.Next(ownIds.Count)]);
            }
            else
            {
                venue.CancelAll(ts);
            }
            check?.Invoke(venue, ownIds);
        }
        var reports = new List<VenueReport>();
        venue.DrainReports(long.MaxValue, reports);
        return (reports, venue, ownIds);
    }

    private static void CheckQueues(SimulatedVenue venue, List<long> ownIds)
    {
        foreach (long id in ownIds)
        {
            if (!venue.TryGetOrder(id, out var o))
                continue;
            Assert.InRange(o.AheadLots, 0, venue.Book.SizeAt(o.Side, new Price(o.PriceTicks)).Lots);
            Assert.True(o.LeavesLots > 0);
            Assert.Equal(o.Lots, o.FilledLots + o.LeavesLots);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_feeds_keep_every_order_consistent(int seed)
    {
        var (reports, venue, ownIds) = RandomRun(seed, CheckQueues);
        Assert.True(reports.Count(r => r.Kind == VenueReportKind.Filled) > 50, "the run should trade");
        Assert.Contains(reports, r => r.Liquidity == Liquidity.Maker);
        Assert.Contains(reports, r => r.Liquidity == Liquidity.Taker);

        for (int i = 1; i < reports.Count; i++)
            Assert.True(reports[i].TsArrive >= reports[i - 1].TsArrive, "one connection delivers in order");
        var byOrder = reports.Where(r => r.Kind != VenueReportKind.CancelRejected).GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => g.ToList());
        var fees = venue.Config.Fees;
        foreach (long id in ownIds)
        {
            var mine = byOrder[id];
            Assert.True(mine[0].Kind is VenueReportKind.Accepted or VenueReportKind.Rejected);
            if (mine[0].Kind == VenueReportKind.Rejected)
            {
                Assert.Single(mine);
                continue;
            }
            long lots = mine[0].Lots, filled = 0;
            foreach (var fill in mine.Where(r => r.Kind == VenueReportKind.Filled))
            {
                filled += fill.Lots;
                Assert.Equal(lots - filled, fill.LeavesLots);
                Assert.Equal(fees.Fee(VenueKit.Equity, fill.Liquidity, fill.PriceTicks, fill.Lots), fill.Fee);
            }
            long cancelled = mine.Where(r => r.Kind == VenueReportKind.Cancelled).Sum(r => r.Lots);
            long resting = venue.TryGetOrder(id, out var state) ? state.LeavesLots : 0;
            Assert.Equal(lots, filled + cancelled + resting); // every lot is filled, cancelled or still resting, once
            Assert.True(mine.Count(r => r.Kind == VenueReportKind.Cancelled) <= 1);
        }
        Assert.Equal(reports.Where(r => r.Kind == VenueReportKind.Filled).Sum(r => r.Fee), venue.TotalFees);
    }

    [Fact]
    public void Same_seed_same_run()
    {
        Assert.Equal(RandomRun(9).Reports, RandomRun(9).Reports);
    }

    [Fact]
    public void Warmed_up_venue_allocates_nothing_per_event()
    {
        var venue = new SimulatedVenue(new VenueConfig(VenueKit.Equity)
        {
            OrderEntryLatency = LatencyModel.Parse("lognormal:median=3us,sigma=0.5"),
            ReportLatency = LatencyModel.Parse("uniform:1us..5us"),
            MarketDataLatency = LatencyModel.Parse("normal:mean=2us,sd=1us"),
            Fees = FeeSchedule.Parse("maker=-2bp,taker=3bp,taker_per_lot=0.001"),
            OrderRateLimit = new OrderRateLimit(100, 1_000 * Us),
            PriceBand = new PriceBand(MaxTicks: 50),
        });
        var reports = new List<VenueReport>(256);
        long ts = 0;
        int cycle = 0;

        // One cycle exercises every path and leaves the book empty, so cycles repeat forever.
        void Cycle()
        {
            long id = ++cycle * 10;
            venue.OnOrderAdded(new BookOrderAdded(ts += Us, ts, id + 1, Side.Buy, new Price(100), new Quantity(100)));
            venue.OnOrderAdded(new BookOrderAdded(ts += Us, ts, id + 2, Side.Sell, new Price(101), new Quantity(100)));
            venue.Submit(ts += Us, NewOrder.Limit(Side.Buy, 10, 100));
            venue.Submit(ts, NewOrder.Limit(Side.Buy, 5, 99)); // rests until the cancel-all
            venue.AdvanceTo(ts += 100 * Us);
            venue.OnOrderAdded(new BookOrderAdded(ts += Us, ts, id + 3, Side.Buy, new Price(100), new Quantity(50)));
            venue.OnOrderExecuted(new BookOrderExecuted(ts += Us, ts, id + 1, Side.Buy, new Price(100), new Quantity(100)));
            venue.OnOrderExecuted(new BookOrderExecuted(ts += Us, ts, id + 3, Side.Buy, new Price(100), new Quantity(20)));
            venue.Submit(ts += Us, NewOrder.Market(Side.Buy, 30));
            venue.AdvanceTo(ts += 100 * Us);
            venue.OnOrderCancelled(new BookOrderCancelled(ts += Us, ts, id + 2, Side.Sell, new Price(101), new Quantity(20)));
            venue.OnTrade(new TradeTick(ts += Us, ts, new Price(101), new Quantity(5), AggressorSide.Buyer, TradeKind.Regular));
            venue.OnOrderDeleted(new BookOrderDeleted(ts += Us, ts, id + 3, Side.Buy, new Price(100), new Quantity(30)));
            venue.OnOrderDeleted(new BookOrderDeleted(ts += Us, ts, id + 2, Side.Sell, new Price(101), new Quantity(80)));
            venue.OnLevelUpdated(new BookLevelUpdated(ts += Us, ts, Side.Sell, new Price(103), new Quantity(40)));
            venue.OnLevelUpdated(new BookLevelUpdated(ts += Us, ts, Side.Sell, new Price(103), new Quantity(0)));
            venue.CancelAll(ts += Us);
            venue.Cancel(ts, -1);
            venue.AdvanceTo(ts += 100 * Us);
            reports.Clear();
            venue.DrainReports(ts, reports);
            while (venue.TryDequeueMarketData(ts, out _, out _))
            {
            }
        }

        for (int i = 0; i < 300; i++)
            Cycle();
        Assert.Contains(reports, r => r.Kind == VenueReportKind.Filled && r.Liquidity == Liquidity.Maker);
        Assert.Contains(reports, r => r.Kind == VenueReportKind.Filled && r.Liquidity == Liquidity.Taker);
        Assert.Contains(reports, r => r.Kind == VenueReportKind.CancelRejected);
        Assert.Equal(0, venue.LiveOrders);

        // A one-time runtime allocation (tiered JIT, a static cache) can land in any pass; a real
        // per-event allocation shows in all of them.
        long least = long.MaxValue;
        for (int pass = 0; pass < 3 && least > 0; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
                Cycle();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }
}

using ScalpLang.Backend.Il;
using ScalpLang.Backtest.Venue;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>
/// The backtest engine trading against the simulated exchange: a resting bid queues behind the
/// displayed size, fills only when trades reach it, pays the maker fee, and the strategy learns of
/// the fill only after the report latency.
/// </summary>
public sealed class EngineOnSimulatedVenueTests
{
    private const long Ms = 1_000_000;
    private static readonly Instrument X = new("X", 0.01m, 1m, "USD");

    private static CompiledStrategy Compile(string text)
    {
        var program = FrontEnd.Check(SourceText.From(text, "t.scalp"));
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.Start();
        return strategy;
    }

    [Fact]
    public void A_resting_bid_waits_for_its_queue_and_is_reported_after_the_latency()
    {
        // Bids one level deep of exactly 5 lots with a 1-tick spread happen once (at 20 ms): one order.
        var strategy = Compile("strategy Q\ninstrument \"X\" tick 0.01 lot 1 currency USD\nbook depth 1\n" +
            "rule join priority 1 when position == 0 and spread == 1 tick and bid_depth(levels: 1) == 5 lots => buy 2 lots at bid\n");
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        var venue = new SimulatedVenue(new VenueConfig(X)
        {
            OrderEntryLatency = LatencyModel.Parse("const:1ms"),
            ReportLatency = LatencyModel.Parse("const:1ms"),
            Fees = FeeSchedule.Parse("maker=-2bp,taker=3bp"),
        });
        engine.UseVenue(new SimulatedOrderVenue(venue), venue);
        void Add(long ms, long id, Side side, long price, long lots)
        {
            var e = new BookOrderAdded(ms * Ms, ms * Ms, id, side, new Price(price), new Quantity(lots));
            engine.OnOrderAdded(in e);
        }
        void Execute(long ms, long id, long lots)
        {
            var e = new BookOrderExecuted(ms * Ms, ms * Ms, id, Side.Buy, new Price(100), new Quantity(lots));
            engine.OnOrderExecuted(in e);
        }
        Add(10, 1, Side.Buy, 100, 5);
        Add(20, 2, Side.Sell, 101, 5);   // the rule sends buy 2 @ 100; it reaches the venue at 21 ms behind 5 lots
        Assert.Equal(1, engine.Orders);
        Execute(30, 1, 2);              // 2 of the 5 ahead trade: 3 ahead, no fill
        Execute(40, 1, 3);              // the other 3: we are first, still no fill
        Add(50, 3, Side.Buy, 100, 4);   // a bid joins behind us
        Execute(60, 3, 2);              // 2 lots sold at 100: with nothing ahead they are ours (maker)
        Assert.Equal(0, engine.Portfolio.Position); // the report is still on its way (1 ms)
        Add(70, 4, Side.Sell, 102, 1);  // any later event: the fill has arrived
        Assert.Equal(2, engine.Portfolio.Position);
        Assert.Equal(1, engine.Fills);
        // Maker fee -2 bp of 2 lots x 1.00 USD (100 ticks of 0.01): a 0.0004 USD rebate.
        Assert.Equal(-0.0004m, engine.Fees);
        Assert.Equal(1, engine.Orders);
    }

    [Fact]
    public void Venue_rejects_become_denials()
    {
        // Three market orders within a second against a venue that takes one per second: the venue
        // refuses the second and third (the engine has no rate limit of its own here), and the
        // first, finding no offer, is cancelled rather than filled.
        var strategy = Compile("strategy M\ninstrument \"X\" tick 0.01 lot 1 currency USD\nbook depth 1\n" +
            "rule hit priority 1 when position == 0 and bid > 0 => buy 1 lot at market\n");
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        var venue = new SimulatedVenue(new VenueConfig(X) { OrderRateLimit = new OrderRateLimit(1, 1_000 * Ms) });
        engine.UseVenue(new SimulatedOrderVenue(venue), venue);
        for (var i = 1; i <= 3; i++)
        {
            var e = new BookOrderAdded(i * 10 * Ms, i * 10 * Ms, i, Side.Buy, new Price(100), new Quantity(5));
            engine.OnOrderAdded(in e);
        }
        Assert.Equal(0, engine.Portfolio.Position);
        Assert.Equal(3, engine.Orders);
        Assert.Equal(2, engine.Denied);
        Assert.All(engine.Denials, d => Assert.StartsWith("VENUE_MAX_ORDER_RATE_EXCEEDED: orders=1", d.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_flatten_in_flight_is_not_sent_again()
    {
        // With 1 ms each way, the flatten decided at 30 ms is still travelling at 30.5 ms, where the
        // strategy (which learns of fills only from reports) still holds 2 lots and flattens again:
        // the engine closes what the market orders on their way will leave, so nothing more goes out.
        var strategy = Compile("strategy F\ninstrument \"X\" tick 0.01 lot 1 currency USD\nbook depth 1\n" +
            "rule out priority 2 when position > 0 => flatten\n" +
            "rule enter priority 1 when position == 0 and bid_depth(levels: 1) == 50 lots and spread == 1 tick => buy 2 lots at market\n");
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        var venue = new SimulatedVenue(new VenueConfig(X)
        {
            OrderEntryLatency = LatencyModel.Parse("const:1ms"),
            ReportLatency = LatencyModel.Parse("const:1ms"),
        });
        engine.UseVenue(new SimulatedOrderVenue(venue), venue);
        void Add(long us, long id, Side side, long price, long lots)
        {
            var e = new BookOrderAdded(us * 1_000, us * 1_000, id, side, new Price(price), new Quantity(lots));
            engine.OnOrderAdded(in e);
        }
        Add(10_000, 1, Side.Buy, 100, 50);
        Add(20_000, 2, Side.Sell, 101, 50);  // buy 2 at market: fills at 21 ms, reported at 22 ms
        Add(30_000, 3, Side.Buy, 100, 5);    // holds 2: flatten (sell 2 at market), reported at 32 ms
        Assert.Equal(2, engine.Portfolio.Position);
        Add(30_500, 4, Side.Buy, 99, 1);     // still holds 2 as far as it knows: flatten again
        Add(40_000, 5, Side.Buy, 98, 1);
        Assert.Equal(0, engine.Portfolio.Position);
        Assert.Equal(2, engine.Orders);
        Assert.Equal(2, engine.Fills);
    }

    [Fact]
    public void An_iceberg_shows_each_part_as_a_queued_limit_order()
    {
        // buy 5 lots at 1.00 showing 2: each shown part queues behind the size displayed when it
        // arrives, fills only from trades that reach it, and the next part goes in when it is done.
        var strategy = Compile("strategy I\ninstrument \"X\" tick 0.01 lot 1 currency USD\nbook depth 1\n" +
            "rule join priority 1 when position == 0 and bid_depth(levels: 1) == 3 lots and spread == 1 tick => buy 5 lots at bid via iceberg show 2\n");
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        var venue = new SimulatedVenue(new VenueConfig(X));
        engine.UseVenue(new SimulatedOrderVenue(venue), venue);
        void Add(long ms, long id, Side side, long price, long lots)
        {
            var e = new BookOrderAdded(ms * Ms, ms * Ms, id, side, new Price(price), new Quantity(lots));
            engine.OnOrderAdded(in e);
        }
        void Execute(long ms, long id, long lots)
        {
            var e = new BookOrderExecuted(ms * Ms, ms * Ms, id, Side.Buy, new Price(100), new Quantity(lots));
            engine.OnOrderExecuted(in e);
        }
        Add(10, 1, Side.Buy, 100, 3);
        Add(20, 2, Side.Sell, 101, 10);   // the first part, 2 lots at 100, queues behind 3
        Assert.Equal(1, engine.Orders);
        Execute(30, 1, 3);                // the 3 ahead trade: no fill for us
        Assert.Equal(0, engine.Fills);
        Add(40, 3, Side.Buy, 100, 4);     // joins behind us
        Execute(50, 3, 2);                // 2 lots reach us first: the first part fills; the second queues behind the 2 left of order 3
        Assert.Equal(2, engine.Portfolio.Position);
        Assert.Equal(2, engine.Orders);
        Execute(60, 3, 2);                // those 2 trade: nothing for us yet
        Assert.Equal(2, engine.Portfolio.Position);
        Add(70, 4, Side.Buy, 100, 5);
        Execute(80, 4, 3);                // 2 of the 3 lots are ours: the second part is done, the last 1 lot goes in
        Assert.Equal(4, engine.Portfolio.Position);
        Assert.Equal(3, engine.Orders);
        Assert.Equal(2, engine.Fills);
        Assert.Equal(1, venue.LiveOrders);
        // The venue numbers orders 1, 2, 3: the last part rests behind the 2 lots left of order 4.
        Assert.True(venue.TryGetOrder(3, out var last));
        Assert.Equal((Side.Buy, 100L, 1L, 1L, 2L), (last.Side, last.PriceTicks, last.Lots, last.LeavesLots, last.AheadLots));
    }
}

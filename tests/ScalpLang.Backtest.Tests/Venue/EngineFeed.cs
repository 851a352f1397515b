using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>An engine over an L3 book on the simulated venue, fed hand-built events at whole milliseconds (prices in ticks, sizes in lots).</summary>
internal sealed class EngineFeed
{
    public const long Ms = 1_000_000;
    public static readonly Instrument X = new("X", 0.01m, 1m, "USD");

    public EngineFeed(string strategy, VenueConfig? venue)
    {
        Engine = new BacktestEngine(StrategyKit.Start(strategy), new OrderBook(), 1_000_000) { RunObserver = Trace };
        if (venue is not null)
            Engine.UseSimulatedVenue(new SimulatedVenue(venue));
    }

    public BacktestEngine Engine { get; }

    public ViewTrace Trace { get; } = new();

    public void Add(long ms, long id, Side side, long price, long lots) =>
        Engine.OnOrderAdded(new BookOrderAdded(ms * Ms, ms * Ms, id, side, new Price(price), new Quantity(lots)));

    public void Delete(long ms, long id, Side side, long price, long lots) =>
        Engine.OnOrderDeleted(new BookOrderDeleted(ms * Ms, ms * Ms, id, side, new Price(price), new Quantity(lots)));

    /// <summary>Our fills as (ms, side, price, lots).</summary>
    public (double Ms, Side Side, long Price, long Lots)[] Fills() =>
        Trace.Fills.Select(f => (f.Ts / (double)Ms, f.Side, f.PriceTicks, f.Lots)).ToArray();
}

using ScalpLang.Backtest.Venue;

namespace ScalpLang.Backtest;

/// <summary>
/// A backtest against the simulated exchange (runtime/ScalpLang.Backtest/Venue/README.md):
/// order-entry and report latencies, fees, the seed of the latency draws, and the market-data
/// latency (null or zero: the strategy reads the feed as it happens).
/// </summary>
public sealed record VenueChoice(LatencyModel OrderEntry, LatencyModel Reports, FeeSchedule Fees, ulong Seed = 1, LatencyModel? MarketData = null)
{
    /// <summary>The venue for one run over data in <paramref name="instrument"/>'s units.</summary>
    public SimulatedVenue CreateVenue(Runtime.Model.Instrument instrument) => new(new VenueConfig(instrument)
    {
        Fees = Fees,
        OrderEntryLatency = OrderEntry,
        ReportLatency = Reports,
        MarketDataLatency = MarketData ?? LatencyModel.Zero,
        Seed = Seed,
    });
}

using ScalpLang.Backtest.Venue;

namespace ScalpLang.Backtest;

/// <summary>
/// A backtest against the simulated exchange (runtime/ScalpLang.Backtest/Venue/README.md):
/// order-entry and report latencies, fees, and the seed of the latency draws.
/// </summary>
public sealed record VenueChoice(LatencyModel OrderEntry, LatencyModel Reports, FeeSchedule Fees, ulong Seed = 1);

using ScalpLang.Backtest;
using ScalpLang.Backtest.Venue;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// <c>--venue simulated</c> with its <c>--latency</c>, <c>--fees</c> and <c>--md-latency</c> texts
/// (null: not given), re-read on the silo by the same parsers as the submitter's, so both build the
/// same <see cref="VenueChoice"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VenueSettings([property: Id(0)] string? Latency, [property: Id(1)] string? Fees, [property: Id(2)] string? MarketDataLatency)
{
    public bool TryCreate(out VenueChoice? venue, out string? error)
    {
        venue = null;
        var marketData = LatencyModel.Zero;
        var latency = LatencyModel.Zero;
        var fees = FeeSchedule.Zero;
        if (MarketDataLatency is not null && !LatencyModel.TryParse(MarketDataLatency, out marketData, out error)
            || Latency is not null && !LatencyModel.TryParse(Latency, out latency, out error)
            || Fees is not null && !FeeSchedule.TryParse(Fees, out fees, out error))
            return false;
        error = null;
        venue = new VenueChoice(latency!, latency!, fees!, MarketData: marketData);
        return true;
    }
}

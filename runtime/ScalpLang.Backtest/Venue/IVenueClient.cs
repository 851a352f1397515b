using ScalpLang.Runtime.MarketData;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// The strategy side of a <see cref="SimulatedVenue"/>: market data and reports about our
/// orders, each delivered at the time the strategy would receive it. Calls into the venue
/// (Submit, Cancel) from inside these methods are stamped with that time.
/// </summary>
public interface IVenueClient : IMarketDataHandler
{
    void OnReport(in VenueReport report);
}

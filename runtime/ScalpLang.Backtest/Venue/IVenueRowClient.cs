using ScalpLang.Runtime.MarketData;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// A venue client that takes an L2 row (<see cref="SimulatedVenue.OnLevelsUpdated"/>) as one
/// delivery, so it never sees a half-applied row; a client without it gets the row's updates one
/// by one through <see cref="IMarketDataHandler.OnLevelUpdated"/>, all at the row's arrival time.
/// </summary>
public interface IVenueRowClient
{
    void OnLevelRow(long tsEvent, long tsRecv, ReadOnlySpan<BookLevelUpdated> row);
}

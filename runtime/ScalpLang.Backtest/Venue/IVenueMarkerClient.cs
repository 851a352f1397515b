namespace ScalpLang.Backtest.Venue;

/// <summary>
/// A venue client that keeps some market events itself (a tape's events, whole) and has the venue
/// only time their delivery: <see cref="SimulatedVenue.ScheduleMarker"/> puts a token in the
/// market-data delay line, and it comes back here, in order with everything else, at its arrival.
/// </summary>
public interface IVenueMarkerClient
{
    void OnMarker(long tsEvent, long tsRecv, long token);
}

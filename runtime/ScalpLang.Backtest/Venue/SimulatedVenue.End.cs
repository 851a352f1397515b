namespace ScalpLang.Backtest.Venue;

/// <summary>
/// What was left when the data ended: new orders still on their way to the venue (they never
/// arrive), orders resting at the venue (cancelled at the end) with their unfilled lots, and
/// market events the strategy had not received yet (it never sees them).
/// </summary>
public readonly record struct VenueEndState(int InFlightOrders, int RestingOrders, long RestingLots, int UnseenMarketEvents);

// The end of the data is the end of the world: nothing happens after the last feed event.
public sealed partial class SimulatedVenue
{
    /// <summary>
    /// Ends the session at the venue's clock (the last feed event): requests still travelling are
    /// dropped, resting orders cancelled (without reports: nobody is left to read them), market
    /// data not yet delivered discarded; the reports already on their way (fills the venue has
    /// made) are appended to <paramref name="lateReports"/>, undelivered, for the caller to book.
    /// </summary>
    public VenueEndState Close(List<VenueReport> lateReports)
    {
        ArgumentNullException.ThrowIfNull(lateReports);
        int inFlight = 0;
        while (_requests.TryDequeue(long.MaxValue, out var request))
        {
            if (request.Kind == RequestKind.New)
                inFlight++;
        }
        _idScratch.Clear();
        _own.CopyIds(_idScratch);
        long restingLots = 0;
        foreach (long id in _idScratch)
            restingLots += _own.Remove(id);
        int unseen = 0;
        while (_marketData.TryDequeue(long.MaxValue, out _))
            unseen++;
        while (_rowUpdates.TryDequeue(long.MaxValue, out _))
        {
        }
        while (_reports.TryDequeue(long.MaxValue, out var report))
            lateReports.Add(report);
        return new VenueEndState(inFlight, _idScratch.Count, restingLots, unseen);
    }
}

using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// The engine's side of a <see cref="SimulatedVenue"/>: orders go out stamped with the decision
/// time, the venue's reports come back as fills (partial, with fees) or denials.
/// <para>
/// Poll mode (no market-data latency): the strategy reads the feed as it happens, the venue does
/// not schedule market data, and <see cref="Poll"/> runs the venue to the event's time and takes
/// the reports due by then. Pushed mode (constructed with <c>pushed</c>): the venue drives the engine
/// through its client (delayed market data, reports at their arrival time, see
/// BacktestEngine.Delayed.cs); <see cref="Poll"/> does nothing, since the engine is then called
/// from inside the venue's loop and must not run it again.
/// </para>
/// </summary>
public sealed class SimulatedOrderVenue : IOrderVenue
{
    private readonly SimulatedVenue _venue;
    private readonly bool _pushed;
    private readonly Dictionary<long, long> _engineIds = [];
    private readonly List<VenueReport> _reports = [];
    private readonly List<string> _rejections = [];

    /// <summary>Our market orders on their way or working: venue id to signed lots not yet filled.</summary>
    private readonly Dictionary<long, long> _marketLeaves = [];
    private long _rejected;

    /// <summary>How many rejects are described in full (the engine lists at most this many denials).</summary>
    public const int ListedRejections = 1000;

    public SimulatedOrderVenue(SimulatedVenue venue, bool pushed = false)
    {
        _venue = venue;
        _pushed = pushed;
        venue.SchedulesMarketData = pushed;
    }

    public SimulatedVenue Venue => _venue;

    public bool Submit(long now, Side side, long lots, long? limitTicks, List<OwnFill> fills, long orderId)
    {
        var order = limitTicks is { } limit ? NewOrder.Limit(side, lots, limit) : NewOrder.Market(side, lots);
        var id = _venue.Submit(now, in order);
        if (orderId != 0)
            _engineIds[id] = orderId;
        if (limitTicks is null)
        {
            long signed = side == Side.Buy ? lots : -lots;
            _marketLeaves[id] = signed;
            MarketLotsInFlight += signed;
        }
        return true;
    }

    /// <summary>Nothing on its way to or from the venue and no rejection untaken: a poll would find nothing.</summary>
    public bool IsIdle => _rejections.Count == 0 && _venue.IsIdle;

    public void Poll(long now, List<OwnFill> fills)
    {
        if (_pushed || _venue.DrainReports(now, _reports) == 0)
            return;
        foreach (var report in _reports)
            Receive(in report, fills);
        _reports.Clear();
    }

    public long MarketLotsInFlight { get; private set; }

    /// <summary>One report as the engine books it: a fill, a denial, or nothing (acks, cancels).</summary>
    public void Receive(in VenueReport report, List<OwnFill> fills)
    {
        if (_marketLeaves.Count > 0)
            TrackMarketOrder(in report);
        switch (report.Kind)
        {
            case VenueReportKind.Filled:
                fills.Add(new OwnFill(report.TsArrive, report.Side, report.PriceTicks, report.Lots,
                    _engineIds.GetValueOrDefault(report.OrderId), report.Fee, Done: report.LeavesLots == 0));
                if (report.LeavesLots == 0)
                    _engineIds.Remove(report.OrderId);
                break;
            case VenueReportKind.Rejected:
                // The engine lists the first 1,000 denials: later reasons are never read, so not formatted (no string per reject).
                _rejections.Add(++_rejected <= ListedRejections ? "VENUE_" + report.Reason : "VENUE_REJECTED");
                _engineIds.Remove(report.OrderId);
                break;
            case VenueReportKind.Cancelled:
                _engineIds.Remove(report.OrderId);
                break;
        }
    }

    public void CancelAll(long now) => _venue.CancelAll(now);

    private void TrackMarketOrder(in VenueReport report)
    {
        if (!_marketLeaves.TryGetValue(report.OrderId, out long leaves))
            return;
        long left = report.Kind switch
        {
            VenueReportKind.Filled => report.LeavesLots * Math.Sign(leaves),
            VenueReportKind.Rejected or VenueReportKind.Cancelled => 0,
            _ => leaves,
        };
        MarketLotsInFlight += left - leaves;
        if (left == 0)
            _marketLeaves.Remove(report.OrderId);
        else
            _marketLeaves[report.OrderId] = left;
    }

    public int TakeRejections(List<string> into)
    {
        if (_rejections.Count == 0)
            return 0;
        into.AddRange(_rejections);
        var count = _rejections.Count;
        _rejections.Clear();
        return count;
    }

    /// <summary>
    /// The data ended: closes the venue (<see cref="SimulatedVenue.Close"/>) and books the fills
    /// it made whose reports were still on their way (they are trades); returns what was left.
    /// </summary>
    public VenueEndState Close(List<OwnFill> fills, out int lateFills)
    {
        var state = _venue.Close(_reports);
        int before = fills.Count;
        foreach (var report in _reports)
        {
            if (report.Kind == VenueReportKind.Filled)
                Receive(in report, fills);
        }
        _reports.Clear();
        lateFills = fills.Count - before;
        return state;
    }
}

using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// The engine's side of a <see cref="SimulatedVenue"/> in poll mode: orders go out stamped with
/// the decision time, the venue's fills (partial, with fees, after the report latency) come back
/// on <see cref="Poll"/>, and its rejects become denials. The venue sees the feed directly (the
/// engine forwards every event to it first); the strategy's own view is the feed as it happens,
/// so market-data latency is not applied to what the strategy sees yet.
/// </summary>
public sealed class SimulatedOrderVenue(SimulatedVenue venue) : IOrderVenue
{
    private readonly Dictionary<long, long> _engineIds = [];
    private readonly List<VenueReport> _reports = [];
    private readonly List<string> _rejections = [];

    public SimulatedVenue Venue => venue;

    public bool Submit(long now, Side side, long lots, long? limitTicks, List<OwnFill> fills, long orderId)
    {
        var order = limitTicks is { } limit ? NewOrder.Limit(side, lots, limit) : NewOrder.Market(side, lots);
        var id = venue.Submit(now, in order);
        if (orderId != 0)
            _engineIds[id] = orderId;
        return true;
    }

    public void Poll(long now, List<OwnFill> fills)
    {
        venue.AdvanceTo(now);
        // The strategy reads the feed itself (no market-data latency yet): the venue's deliveries are dropped.
        while (venue.TryDequeueMarketData(now, out _, out _))
        {
        }
        if (venue.DrainReports(now, _reports) == 0)
            return;
        foreach (var report in _reports)
        {
            switch (report.Kind)
            {
                case VenueReportKind.Filled:
                    fills.Add(new OwnFill(report.TsArrive, report.Side, report.PriceTicks, report.Lots,
                        _engineIds.GetValueOrDefault(report.OrderId), report.Fee, Done: report.LeavesLots == 0));
                    if (report.LeavesLots == 0)
                        _engineIds.Remove(report.OrderId);
                    break;
                case VenueReportKind.Rejected:
                    _rejections.Add("VENUE_" + report.Reason);
                    _engineIds.Remove(report.OrderId);
                    break;
                case VenueReportKind.Cancelled:
                    _engineIds.Remove(report.OrderId);
                    break;
            }
        }
        _reports.Clear();
    }

    public void CancelAll(long now) => venue.CancelAll(now);

    public int TakeRejections(List<string> into)
    {
        into.AddRange(_rejections);
        var count = _rejections.Count;
        _rejections.Clear();
        return count;
    }
}

using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.MarketData;

namespace ScalpLang.Backtest;

// Market-data latency in the strategy's own view (push mode). The feed goes to the simulated
// venue only, which matches in exchange time and delivers each event to the engine after the
// market-data latency; the engine's book, view and strategy run on those deliveries, at their
// arrival time (the strategy's local clock), so the strategy sees the market as of that time
// minus the latency and its orders, stamped with its local time, reach the venue after the
// order-entry latency. Reports (fills, rejects) are events of their own at their arrival time:
// the portfolio moves and breakers and exits are tried, as after any fill. With no market-data
// latency the engine stays in poll mode (the feed read as it happens), as before.
public sealed partial class BacktestEngine
{
    /// <summary>The venue the engine trades on, when it is the simulated exchange.</summary>
    private SimulatedOrderVenue? _simulated;

    /// <summary>Set in push mode: the venue the feed goes to, whose deliveries build the view.</summary>
    private SimulatedVenue? _pushingVenue;

    /// <summary>Feed events go to the venue only; the view is built from its deliveries.</summary>
    private bool _viewFromVenue;

    /// <summary>
    /// Trades against the simulated exchange: in poll mode when its market-data latency is zero
    /// (the strategy reads the feed as it happens), else in push mode (the strategy sees the
    /// venue's delayed deliveries). Set before the first event.
    /// </summary>
    public void UseSimulatedVenue(SimulatedVenue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        bool pushed = !venue.Config.MarketDataLatency.IsZero;
        UseVenue(new SimulatedOrderVenue(venue, pushed), venue);
        if (!pushed)
            return;
        _pushingVenue = venue;
        _viewFromVenue = true;
        venue.Attach(new Deliveries(this));
    }

    /// <summary>True when the strategy's view is built from the venue's delayed market data (push mode).</summary>
    public bool SeesDelayedFeed => _viewFromVenue;

    /// <summary>
    /// Push mode: runs as a delivered market event begins, before the engine's book applies it (a
    /// LOBSTER replay notes what the event removes, to reveal level N after it; DelayedLobsterReveal).
    /// </summary>
    internal Action? BeforeDelivery { get; set; }

    /// <summary>
    /// A report reaching the strategy: fills are booked, then breakers and exits are tried, once
    /// per packet (reports arriving together), so the strategy never acts on half of a walk's fills.
    /// </summary>
    private void ReportArrived(in VenueReport report)
    {
        _now = Math.Max(_now, report.TsArrive);
        _simulated!.Receive(in report, _fills);
        CollectRejections();
        if (_fills.Count == 0 || _pushingVenue!.HasReportDueAt(report.TsArrive))
            return;
        var filledBefore = Fills;
        Settle();
        if (Fills == filledBefore)
            return;
        UpdatePortfolioView();
        _view.BeginFill();
        _strategy.OnFill(in _view.View, this);
        Settle();
        TrackDrawdown();
    }

    /// <summary>The venue's deliveries, applied to the engine's book at their arrival time.</summary>
    private sealed class Deliveries(BacktestEngine engine) : IVenueClient, IVenueRowClient, IVenueMarkerClient
    {
        /// <summary>A tape event kept whole by the engine (BacktestEngine.DelayedTape.cs) has arrived.</summary>
        public void OnMarker(long tsEvent, long tsRecv, long token) => engine.DeliverTapeEvent(token, tsRecv);

        public void OnOrderAdded(in BookOrderAdded e)
        {
            engine.BeforeDelivery?.Invoke();
            engine.ApplyAdded(in e, e.TsRecv);
        }

        public void OnOrderCancelled(in BookOrderCancelled e)
        {
            engine.BeforeDelivery?.Invoke();
            engine.ApplyCancelled(in e, e.TsRecv);
        }

        public void OnOrderDeleted(in BookOrderDeleted e)
        {
            engine.BeforeDelivery?.Invoke();
            engine.ApplyDeleted(in e, e.TsRecv);
        }

        public void OnOrderExecuted(in BookOrderExecuted e)
        {
            engine.BeforeDelivery?.Invoke();
            engine.ApplyExecuted(in e, e.TsRecv);
        }

        public void OnLevelUpdated(in BookLevelUpdated e)
        {
            engine.BeforeDelivery?.Invoke();
            engine.ApplyRow(e.TsRecv, new ReadOnlySpan<BookLevelUpdated>(in e));
        }

        public void OnLevelRow(long tsEvent, long tsRecv, ReadOnlySpan<BookLevelUpdated> row)
        {
            engine.BeforeDelivery?.Invoke();
            engine.ApplyRow(tsRecv, row);
        }

        public void OnTrade(in TradeTick e)
        {
            engine.BeforeDelivery?.Invoke();
            engine.ApplyTrade(in e, e.TsRecv);
        }

        public void OnTradingStatus(in TradingStatusChanged e)
        {
            engine.BeforeDelivery?.Invoke();
            engine.ApplyStatus(in e, e.TsRecv);
        }

        public void OnReport(in VenueReport report) => engine.ReportArrived(in report);
    }
}

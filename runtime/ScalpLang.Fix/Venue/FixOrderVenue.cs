using System.Globalization;
using ScalpLang.Backtest;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Trading;

namespace ScalpLang.Fix.Venue;

/// <summary>
/// The runtime's venue interface over a FIX session, so a compiled strategy runs live unchanged:
/// orders go out as NewOrderSingle (D), cancels as OrderCancelRequest (F), replaces as
/// OrderCancelReplaceRequest (G); ExecutionReports (8) come back as fills (partial ones
/// included), rejects (denials) and closes; OrderCancelRejects (9) clear the pending cancel.
/// <para>
/// Engine thread only: the session's I/O threads never call it (they queue what they read, see
/// <see cref="VenueSessionApplication"/>); the engine thread applies reports with
/// <see cref="Apply(ExecutionReport)"/> and sends through the session, which has its own lock.
/// The kill switch sits in front of the wire: once <see cref="Risk"/> is killed no order or
/// replace leaves, only cancels.
/// </para>
/// </summary>
public sealed class FixOrderVenue : IOrderVenue
{
    private const int MaxNotes = 1000;
    private readonly FixSession _session;
    private readonly WireUnits _units;
    private readonly TimeProvider _clock;
    private readonly string _idPrefix;
    private readonly FixMessageWriter _writer = new();
    private readonly Dictionary<string, LiveOrder> _byClOrdId = [];
    private readonly List<LiveOrder> _open = [];
    private readonly HashSet<string> _execIds = [];
    private readonly List<OwnFill> _pendingFills = [];
    private readonly List<string> _rejections = [];
    private readonly List<VenueFill> _fills = [];
    private readonly List<string> _notes = [];
    private long _nextId = 1;
    private long _now;

    /// <param name="idPrefix">Starts every ClOrdID (unique per run: a venue refuses a ClOrdID it has seen that day).</param>
    public FixOrderVenue(FixSession session, WireUnits units, string idPrefix, TimeProvider? clock = null)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _units = units ?? throw new ArgumentNullException(nameof(units));
        _idPrefix = idPrefix ?? throw new ArgumentNullException(nameof(idPrefix));
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The engine's risk engine: its kill switch gates every order this venue would send.</summary>
    public RiskEngine? Risk { get; set; }

    /// <summary>The run is ending: no new order or replace goes out, cancels still do.</summary>
    public bool Stopping { get; set; }

    public int OpenOrders => _open.Count;

    public long MarketLotsInFlight
    {
        get
        {
            long lots = 0;
            foreach (var order in _open)
            {
                if (order.LimitTicks is null)
                    lots += (order.Side == Side.Buy ? 1 : -1) * Math.Max(0, order.Lots - order.CumLots);
            }
            return lots;
        }
    }
    public long OrdersSent { get; private set; }
    public long CancelsSent { get; private set; }
    public long ReplacesSent { get; private set; }
    public long CancelRejects { get; private set; }
    /// <summary>Reports for a ClOrdID we never sent (or already closed), and repeated ExecIDs: not booked.</summary>
    public long ReportsIgnored { get; private set; }

    /// <summary>Every fill booked, in the order the venue reported them.</summary>
    public IReadOnlyList<VenueFill> Fills => _fills;

    /// <summary>What the venue said that the engine has no place for (ignored reports, cancel rejects other than too late), at most 1,000.</summary>
    public IReadOnlyList<string> Notes => _notes;

    public bool Submit(long now, Side side, long lots, long? limitTicks, List<OwnFill> fills, long orderId)
    {
        _now = Math.Max(_now, now);
        if (Risk is { KillSwitchEngaged: true })
        {
            // The engine's own checks stop orders after a kill; this is the last line before the wire.
            _rejections.Add("KILL_SWITCH_ENGAGED: no order goes out after a kill");
            return true;
        }
        if (Stopping)
        {
            _rejections.Add("RUN_STOPPING: no new orders while the run stops");
            return true;
        }
        if (!_session.IsLoggedOn)
        {
            _rejections.Add($"VENUE_NOT_CONNECTED: session={_session.Id}");
            return true;
        }
        if (limitTicks is null && _open.Exists(o => o.LimitTicks is null && o.Side == side))
        {
            // The engine sizes a flatten from booked fills: while one is in flight it would send it again, doubling the trade.
            _rejections.Add($"MARKET_ORDER_IN_FLIGHT: a market {side} order is still working; not sending another");
            return true;
        }
        var order = new LiveOrder(NextClOrdId(), orderId, side, lots, limitTicks);
        OrderMessages.NewOrderSingle(_writer, _session.Id.BeginString, order.ClOrdId, _units, side, lots, limitTicks, WallClock);
        if (!_session.Send(_writer))
        {
            // The session dropped between the check and the send: the order is stored, not sent, and this run never reconnects.
            _rejections.Add($"VENUE_NOT_CONNECTED: session={_session.Id}");
            return true;
        }
        _byClOrdId[order.ClOrdId] = order;
        _open.Add(order);
        OrdersSent++;
        return true;
    }

    public void Poll(long now, List<OwnFill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        _now = Math.Max(_now, now);
        if (_pendingFills.Count == 0)
            return;
        fills.AddRange(_pendingFills);
        _pendingFills.Clear();
    }

    /// <summary>One OrderCancelRequest per open order without one pending, oldest order first. Allowed after a kill.</summary>
    public void CancelAll(long now)
    {
        _now = Math.Max(_now, now);
        foreach (var order in _open)
        {
            if (order.PendingCancel is null)
                SendCancel(order);
        }
    }

    public int TakeRejections(List<string> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.AddRange(_rejections);
        var count = _rejections.Count;
        _rejections.Clear();
        return count;
    }

    /// <summary>Cancels one open order; false when it is not open or a cancel is already pending.</summary>
    public bool Cancel(string clOrdId)
    {
        if (!_byClOrdId.TryGetValue(clOrdId, out var order) || order.PendingCancel is not null)
            return false;
        SendCancel(order);
        return true;
    }

    /// <summary>
    /// Changes an open limit order's size and price (OrderCancelReplaceRequest); returns the new
    /// ClOrdID, or null when the order is not open, a request is pending, or the kill switch is engaged.
    /// </summary>
    public string? Replace(string clOrdId, long lots, long limitTicks)
    {
        if (Risk is { KillSwitchEngaged: true } || Stopping || !_byClOrdId.TryGetValue(clOrdId, out var order)
            || order.PendingCancel is not null || order.PendingReplace is not null || order.LimitTicks is null)
            return null;
        var newId = NextClOrdId();
        order.PendingReplace = (newId, lots, limitTicks);
        _byClOrdId[newId] = order;
        OrderMessages.CancelReplaceRequest(_writer, _session.Id.BeginString, newId, order.ClOrdId, order.OrderId, _units, order.Side, lots, limitTicks, WallClock);
        _session.Send(_writer);
        ReplacesSent++;
        return newId;
    }

    /// <summary>Applies an ExecutionReport; true when it gave the engine something (a fill or a denial) to act on now.</summary>
    public bool Apply(ExecutionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!_byClOrdId.TryGetValue(report.ClOrdId, out var order)
            && (report.OrigClOrdId is null || !_byClOrdId.TryGetValue(report.OrigClOrdId, out order)))
        {
            Ignore($"ExecutionReport {report.ExecId} for unknown ClOrdID {report.ClOrdId}: ignored");
            return false;
        }
        if (report.Kind is ExecutionKind.Trade && !_execIds.Add(report.ExecId))
        {
            Ignore($"ExecutionReport {report.ExecId} repeats an ExecID already booked: ignored");
            return false;
        }
        order.OrderId ??= report.OrderId;
        var actionable = false;
        switch (report.Kind)
        {
            case ExecutionKind.Trade:
                if (report.Side != order.Side)
                {
                    Ignore($"ExecutionReport {report.ExecId}: side {report.Side} but order {order.ClOrdId} is a {order.Side}: ignored");
                    return false;
                }
                order.CumLots += report.LastLots;
                var ts = report.TransactTime > 0 ? report.TransactTime : _now;
                _pendingFills.Add(new OwnFill(ts, order.Side, report.LastPriceTicks, report.LastLots, order.EngineOrderId, report.Fee, Done: report.Closes));
                _fills.Add(new VenueFill(order.ClOrdId, report.ExecId, order.Side, report.LastPriceTicks, report.LastLots, report.Fee, ts));
                actionable = true;
                break;
            case ExecutionKind.Replaced:
                if (order.PendingReplace is { } replace && replace.ClOrdId == report.ClOrdId)
                {
                    _byClOrdId.Remove(order.ClOrdId);
                    (order.ClOrdId, order.Lots, order.LimitTicks) = (replace.ClOrdId, replace.Lots, replace.LimitTicks);
                    order.PendingReplace = null;
                }
                break;
            case ExecutionKind.Rejected:
                _rejections.Add("VENUE_REJECTED: " + (report.Text ?? $"order {report.ClOrdId}"));
                actionable = true;
                break;
        }
        if (report.Closes && report.Kind != ExecutionKind.Replaced)
            Close(order);
        return actionable;
    }

    /// <summary>A refused cancel or replace: the order stays open unless the venue says it is gone.</summary>
    public void Apply(CancelReject reject)
    {
        ArgumentNullException.ThrowIfNull(reject);
        // A cancel crossing the fill on the wire is refused as too late: routine, so counted, not noted.
        CancelRejects++;
        if (reject.Reason != 0)
            Note($"OrderCancelReject for {reject.OrigClOrdId} ({(reject.ForReplace ? "replace" : "cancel")} {reject.ClOrdId}): {reject.Text ?? "no reason given"}");
        if (!_byClOrdId.TryGetValue(reject.OrigClOrdId, out var order))
            return;
        if (order.PendingCancel == reject.ClOrdId)
            order.PendingCancel = null;
        if (order.PendingReplace is { } replace && replace.ClOrdId == reject.ClOrdId)
        {
            _byClOrdId.Remove(replace.ClOrdId);
            order.PendingReplace = null;
        }
        // Filled (2) is not taken from a reject: the fill's own report books it and closes the order.
        if (reject.OrdStatus is '4' or '8' or 'C' || reject.Reason == 1)
            Close(order);
    }

    /// <summary>
    /// Something made the position uncertain (a report that cannot be booked): engage the kill
    /// switch and cancel everything open, as a strategy's own kill would.
    /// </summary>
    public void Halt(string reason)
    {
        Risk?.Kill(_now, reason);
        CancelAll(_now);
    }

    private void SendCancel(LiveOrder order)
    {
        order.PendingCancel = NextClOrdId();
        OrderMessages.CancelRequest(_writer, _session.Id.BeginString, order.PendingCancel, order.ClOrdId, order.OrderId, _units,
            order.Side, order.Lots, WallClock);
        _session.Send(_writer);
        CancelsSent++;
    }

    private void Close(LiveOrder order)
    {
        _open.Remove(order);
        _byClOrdId.Remove(order.ClOrdId);
        if (order.PendingReplace is { } replace)
            _byClOrdId.Remove(replace.ClOrdId);
    }

    private void Ignore(string text)
    {
        ReportsIgnored++;
        Note(text);
    }

    private void Note(string text)
    {
        if (_notes.Count < MaxNotes)
            _notes.Add(text);
    }

    private string NextClOrdId() => string.Create(CultureInfo.InvariantCulture, $"{_idPrefix}-{_nextId++}");

    private DateTime WallClock => _clock.GetUtcNow().UtcDateTime;
}

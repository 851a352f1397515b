using System.Globalization;
using ScalpLang.Backtest.Venue;
using ScalpLang.Fix.Session;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Exchange;

// Client requests and the venue's reports, on the exchange thread.
public sealed partial class PaperExchange
{
    private readonly Dictionary<long, ExchangeOrder> _orders = [];
    private readonly Dictionary<(SessionId, string), ExchangeOrder> _byClOrdId = [];
    private readonly List<VenueReport> _reports = [];
    private readonly List<ExchangeFill> _fills = [];
    private long _nextExecId = 1;
    private bool _closed;

    /// <summary>Data time: the last replayed event's exchange time (0 before the first).</summary>
    private long _now;

    /// <summary>Every fill reported, in order (read it after <see cref="Completion"/>).</summary>
    public IReadOnlyList<ExchangeFill> Fills => _fills;

    public long OrdersReceived { get; private set; }

    public long OrdersRejected { get; private set; }

    private long VenueTime => Math.Max(_now, _venue.Now);

    private void Handle(ExchangeRequest request)
    {
        switch (request)
        {
            case NewOrderRequest order:
                OnNewOrder(order);
                break;
            case CancelOrderRequest cancel:
                OnCancel(cancel);
                break;
            case ReplaceOrderRequest replace:
                OnReplace(replace);
                break;
            case MarketDataSubscription subscription:
                OnSubscription(subscription);
                break;
            case SessionGone gone:
                _subscribers.RemoveAll(s => s.Session == gone.Session);
                // Cancel on disconnect: a client that is gone cannot manage its orders.
                foreach (var order in _orders.Values.Where(o => o.Open && o.Session == gone.Session).OrderBy(o => o.VenueId).ToList())
                    _venue.Cancel(VenueTime, order.VenueId);
                Pump();
                break;
        }
    }

    private void OnNewOrder(NewOrderRequest request)
    {
        OrdersReceived++;
        if (Refusal(request, out var side, out var lots, out var limit) is { } refusal)
        {
            OrdersRejected++;
            Send(request.Session, ExchangeMessages.RejectNew(_writer, request.Session.Id.BeginString, request.ClOrdId, request.Symbol,
                request.Side, NextExecId(), refusal.Reason, refusal.Text));
            return;
        }
        var order = limit is { } price
            ? NewOrder.Limit(side, lots, price, request.TimeInForce == '3' ? TimeInForce.Ioc : TimeInForce.Gtc)
            : NewOrder.Market(side, lots);
        var id = _venue.Submit(VenueTime, in order);
        var tracked = new ExchangeOrder(request.Session, id, request.ClOrdId, side, lots, limit);
        _orders[id] = tracked;
        _byClOrdId[(request.Session.Id, request.ClOrdId)] = tracked;
        Pump();
    }

    /// <returns>Null when the order can go to the venue; else OrdRejReason (1 unknown symbol, 6 duplicate, 99 other) and why.</returns>
    private (int Reason, string Text)? Refusal(NewOrderRequest request, out Side side, out long lots, out long? limit)
    {
        side = request.Side == '1' ? Side.Buy : Side.Sell;
        lots = 0;
        limit = null;
        if (_closed)
            return (99, "the exchange is closed (end of data)");
        if (request.Symbol != _units.Symbol)
            return (1, $"unknown symbol {request.Symbol}: this exchange trades {_units.Symbol}");
        if (_byClOrdId.ContainsKey((request.Session.Id, request.ClOrdId)))
            return (6, $"duplicate ClOrdID {request.ClOrdId}");
        if (request.Side is not ('1' or '2'))
            return (99, $"Side {request.Side} is not supported (1 buy, 2 sell)");
        if (request.OrdType is not ('1' or '2'))
            return (99, $"OrdType {request.OrdType} is not supported (1 market, 2 limit)");
        if (request.TimeInForce is not ('0' or '1' or '3'))
            return (99, $"TimeInForce {request.TimeInForce} is not supported (0 day, 1 good till cancel, 3 immediate or cancel)");
        if (request.Quantity is not { } quantity)
            return (99, "OrderQty(38) is missing");
        if (!_units.TryLots(quantity, out lots, out var why))
            return (99, why!);
        if (request.OrdType == '2')
        {
            if (request.Price is not { } price)
                return (99, "a limit order needs Price(44)");
            if (!_units.TryTicks(price, out var ticks, out why))
                return (99, why!);
            limit = ticks;
        }
        return null;
    }

    private void OnCancel(CancelOrderRequest request)
    {
        var begin = request.Session.Id.BeginString;
        if (!_byClOrdId.TryGetValue((request.Session.Id, request.OrigClOrdId), out var order))
        {
            Send(request.Session, ExchangeMessages.CancelReject(_writer, begin, "NONE", request.ClOrdId, request.OrigClOrdId, '8', '1', 1,
                $"unknown order {request.OrigClOrdId}"));
            return;
        }
        if (!order.Open || order.PendingCancel is not null)
        {
            Send(request.Session, ExchangeMessages.CancelReject(_writer, begin, order.OrderId, request.ClOrdId, request.OrigClOrdId, Status(order), '1',
                order.Open ? 3 : 0, order.Open ? "a cancel is already pending" : "too late to cancel: the order is closed"));
            return;
        }
        order.PendingCancel = request.ClOrdId;
        _venue.Cancel(VenueTime, order.VenueId);
        Pump();
    }

    /// <summary>
    /// A replace is a cancel and a new order for the rest (the simulated venue has no modify): the
    /// new order queues at the back of its price, as most venues do on a size increase or a new
    /// price. It is refused unless the order is open, a resting limit order, and the new size is
    /// above what has filled.
    /// </summary>
    private void OnReplace(ReplaceOrderRequest request)
    {
        var begin = request.Session.Id.BeginString;
        if (!_byClOrdId.TryGetValue((request.Session.Id, request.OrigClOrdId), out var old))
        {
            Send(request.Session, ExchangeMessages.CancelReject(_writer, begin, "NONE", request.ClOrdId, request.OrigClOrdId, '8', '2', 1,
                $"unknown order {request.OrigClOrdId}"));
            return;
        }
        string? refusal = null;
        long lots = 0, ticks = 0;
        if (!old.Open)
            refusal = "too late to replace: the order is closed";
        else if (old.PendingCancel is not null || old.BeingReplaced)
            refusal = "a cancel or replace is already pending";
        else if (old.LimitTicks is null || request.OrdType != '2')
            refusal = "only a limit order can be replaced, by a limit order";
        else if (_byClOrdId.ContainsKey((request.Session.Id, request.ClOrdId)))
            refusal = $"duplicate ClOrdID {request.ClOrdId}";
        else if (request.Quantity is not { } quantity || !_units.TryLots(quantity, out lots, out refusal))
            refusal ??= "OrderQty(38) is missing";
        else if (request.Price is not { } price || !_units.TryTicks(price, out ticks, out refusal))
            refusal ??= "a limit order needs Price(44)";
        else if (lots <= old.CumLots)
            refusal = $"the new quantity {quantity} is not above what has filled ({_units.Quantity(old.CumLots)})";
        if (refusal is not null)
        {
            Send(request.Session, ExchangeMessages.CancelReject(_writer, begin, old.OrderId, request.ClOrdId, request.OrigClOrdId, Status(old), '2',
                old.Open ? 99 : 0, refusal));
            return;
        }
        old.BeingReplaced = true;
        _venue.Cancel(VenueTime, old.VenueId);
        var rest = NewOrder.Limit(old.Side, lots - old.CumLots, ticks);
        var id = _venue.Submit(VenueTime, in rest);
        var replacement = new ExchangeOrder(request.Session, id, request.ClOrdId, old.Side, lots, ticks, old.OrderId)
        {
            CumLots = old.CumLots,
            CumTickLots = old.CumTickLots,
            Replaces = old.ClOrdId,
        };
        _orders[id] = replacement;
        _byClOrdId[(request.Session.Id, request.ClOrdId)] = replacement;
        Pump();
    }

    /// <summary>Runs the venue up to now and turns its reports into ExecutionReports and OrderCancelRejects.</summary>
    private void Pump()
    {
        var time = VenueTime;
        _venue.AdvanceTo(time);
        // Clients get market data from the book itself (Publish); the venue's own deliveries are not needed.
        while (_venue.TryDequeueMarketData(time, out _, out _))
        {
        }
        if (_venue.DrainReports(time, _reports) == 0)
            return;
        foreach (var report in _reports)
        {
            if (_orders.TryGetValue(report.OrderId, out var order))
                Report(order, in report);
        }
        _reports.Clear();
    }

    private void Report(ExchangeOrder order, in VenueReport report)
    {
        var begin = order.Session.Id.BeginString;
        var ts = report.TsVenue;
        switch (report.Kind)
        {
            case VenueReportKind.Accepted:
                if (order.Replaces is { } replaced)
                    Send(order.Session, ExchangeMessages.Execution(_writer, begin, order, _units, NextExecId(), '5', Status(order), order.ClOrdId, replaced, transactTime: ts));
                else
                    Send(order.Session, ExchangeMessages.Execution(_writer, begin, order, _units, NextExecId(), '0', '0', order.ClOrdId, null, transactTime: ts));
                break;
            case VenueReportKind.Rejected:
                OrdersRejected++;
                Close(order, '8');
                Send(order.Session, ExchangeMessages.Execution(_writer, begin, order, _units, NextExecId(), '8', '8', order.ClOrdId, null,
                    text: report.Reason, transactTime: ts, rejectReason: 99));
                break;
            case VenueReportKind.Filled:
                order.CumLots += report.Lots;
                order.CumTickLots += report.Lots * report.PriceTicks;
                if (report.LeavesLots == 0)
                    Close(order, '2');
                var execId = NextExecId();
                _fills.Add(new ExchangeFill(order.Session.Id.ToString(), order.ClOrdId, execId, order.Side, report.PriceTicks, report.Lots, report.Fee));
                Send(order.Session, ExchangeMessages.Execution(_writer, begin, order, _units, execId, begin == "FIX.4.2" ? (report.LeavesLots == 0 ? '2' : '1') : 'F',
                    report.LeavesLots == 0 ? '2' : '1', order.ClOrdId, null, report.Lots, report.PriceTicks, report.Fee,
                    report.Liquidity == Liquidity.Maker ? '1' : '2', transactTime: ts));
                break;
            case VenueReportKind.Cancelled:
                Close(order, '4');
                if (order.BeingReplaced)
                    break; // the replacement's Replaced report tells the client
                var requested = order.PendingCancel;
                Send(order.Session, ExchangeMessages.Execution(_writer, begin, order, _units, NextExecId(), '4', '4', requested ?? order.ClOrdId,
                    requested is null ? null : order.ClOrdId, text: report.Reason, transactTime: ts));
                break;
            case VenueReportKind.CancelRejected:
                var cancelId = order.PendingCancel ?? order.ClOrdId;
                order.PendingCancel = null;
                Send(order.Session, ExchangeMessages.CancelReject(_writer, begin, order.OrderId, cancelId, order.ClOrdId, Status(order), '1',
                    report.Reject == RejectCode.UnknownOrder ? 1 : 0, report.Reason));
                break;
        }
    }

    private static void Close(ExchangeOrder order, char status)
    {
        order.Open = false;
        order.ClosedStatus = status;
    }

    /// <summary>OrdStatus (39): 0 new, 1 partially filled, or how it closed.</summary>
    private static char Status(ExchangeOrder order) => !order.Open ? order.ClosedStatus : order.CumLots > 0 ? '1' : '0';

    private string NextExecId() => "E" + (_nextExecId++).ToString(CultureInfo.InvariantCulture);

    private static void Send(FixSession session, Codec.FixMessageWriter message) => session.Send(message);
}

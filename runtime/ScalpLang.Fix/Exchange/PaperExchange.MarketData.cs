using System.Diagnostics;
using ScalpLang.Fix.Session;
using ScalpLang.Runtime.MarketData;

namespace ScalpLang.Fix.Exchange;

// The replay: each data event is paced to the wall clock, applied to the venue (which matches
// resting client orders against it), and published to subscribers as the change it made to the
// book, so a client's book equals the exchange's after every message.
public sealed partial class PaperExchange
{
    private readonly List<(FixSession Session, string MdReqId)> _subscribers = [];
    private readonly PublishedBook _published = new();
    private readonly List<LevelChange> _changes = [];
    private readonly List<(long Ticks, long Lots)> _trades = [];
    private Stopwatch _pace = new();
    private long _firstTs = long.MinValue;

    /// <summary>Market data messages sent (snapshots and incremental refreshes, all subscribers).</summary>
    public long MarketDataSent { get; private set; }

    /// <summary>Data events replayed so far.</summary>
    public long Events { get; private set; }

    private void OnSubscription(MarketDataSubscription request)
    {
        var begin = request.Session.Id.BeginString;
        if (request.RequestType is not ('0' or '1' or '2'))
        {
            Send(request.Session, ExchangeMessages.BusinessReject(_writer, begin, request.MsgSeqNum, "V", 0,
                $"SubscriptionRequestType {request.RequestType} is not supported (0 snapshot, 1 subscribe, 2 unsubscribe)"));
            return;
        }
        if (request.RequestType == '2')
        {
            _subscribers.RemoveAll(s => s.Session == request.Session && s.MdReqId == request.MdReqId);
            return;
        }
        if (!request.Symbols.Contains(_units.Symbol))
        {
            Send(request.Session, ExchangeMessages.BusinessReject(_writer, begin, request.MsgSeqNum, "V", 2,
                $"unknown security {string.Join(",", request.Symbols)}: this exchange trades {_units.Symbol}"));
            return;
        }
        Send(request.Session, ExchangeMessages.Snapshot(_writer, begin, request.MdReqId, _units, _published.Levels(), Math.Max(_now, 0)));
        MarketDataSent++;
        if (request.RequestType == '1')
            _subscribers.Add((request.Session, request.MdReqId));
    }

    /// <summary>Before an event: wait for its time (serving clients meanwhile), then serve what is queued.</summary>
    private void BeforeEvent(long ts)
    {
        _stop.Token.ThrowIfCancellationRequested();
        if (_firstTs == long.MinValue)
            _firstTs = ts;
        if (_options.Speed is { } speed)
        {
            var due = TimeSpan.FromTicks((long)((ts - _firstTs) / 100 / speed));
            for (var left = due - _pace.Elapsed; left > TimeSpan.Zero; left = due - _pace.Elapsed)
            {
                _stop.Token.ThrowIfCancellationRequested();
                if (_application.Requests.TryTake(out var request, left < IdleWait ? left : IdleWait))
                    Handle(request);
            }
        }
        while (_application.Requests.TryTake(out var request))
            Handle(request);
    }

    /// <summary>After the venue saw the event: report fills it caused, then publish what it changed.</summary>
    private void AfterEvent(long ts)
    {
        Events++;
        _now = Math.Max(_now, ts);
        Pump();
        Publish(ts);
    }

    private void Publish(long ts)
    {
        _changes.Clear();
        _published.Diff(_venue.Book, _changes);
        if (_changes.Count == 0 && _trades.Count == 0)
            return;
        foreach (var (session, mdReqId) in _subscribers)
        {
            Send(session, ExchangeMessages.Incremental(_writer, session.Id.BeginString, mdReqId, _units, _trades, _changes, ts));
            MarketDataSent++;
        }
        _trades.Clear();
    }

    /// <summary>The data source's events into the venue, paced and published.</summary>
    private sealed class Feed(PaperExchange exchange) : IReplayTarget
    {
        public Action? CompleteBook { get; set; }

        private void After(long ts)
        {
            CompleteBook?.Invoke();
            exchange.AfterEvent(ts);
        }

        public void OnOrderAdded(in BookOrderAdded e)
        {
            exchange.BeforeEvent(e.TsEvent);
            exchange._venue.OnOrderAdded(in e);
            After(e.TsEvent);
        }

        public void OnOrderCancelled(in BookOrderCancelled e)
        {
            exchange.BeforeEvent(e.TsEvent);
            exchange._venue.OnOrderCancelled(in e);
            After(e.TsEvent);
        }

        public void OnOrderDeleted(in BookOrderDeleted e)
        {
            exchange.BeforeEvent(e.TsEvent);
            exchange._venue.OnOrderDeleted(in e);
            After(e.TsEvent);
        }

        public void OnOrderExecuted(in BookOrderExecuted e)
        {
            exchange.BeforeEvent(e.TsEvent);
            exchange._venue.OnOrderExecuted(in e);
            exchange._trades.Add((e.Price.Ticks, e.ExecutedSize.Lots));
            After(e.TsEvent);
        }

        public void OnLevelUpdated(in BookLevelUpdated e)
        {
            exchange.BeforeEvent(e.TsEvent);
            exchange._venue.OnLevelUpdated(in e);
            After(e.TsEvent);
        }

        public void OnLevelsUpdated(long tsEvent, ReadOnlySpan<BookLevelUpdated> updates)
        {
            exchange.BeforeEvent(tsEvent);
            foreach (ref readonly var update in updates)
                exchange._venue.OnLevelUpdated(in update);
            After(tsEvent);
        }

        public void OnTrade(in TradeTick e)
        {
            exchange.BeforeEvent(e.TsEvent);
            exchange._venue.OnTrade(in e);
            // A trade off the tick grid (hidden, at half a tick) cannot be published in the wire's units: the book still is.
            if (e.IsOnTickGrid && e.Kind is TradeKind.Regular or TradeKind.Hidden)
                exchange._trades.Add((e.Price.Ticks, e.Size.Lots));
            After(e.TsEvent);
        }

        public void OnTradingStatus(in TradingStatusChanged e)
        {
            exchange.BeforeEvent(e.TsEvent);
            exchange._venue.OnTradingStatus(in e);
            After(e.TsEvent);
        }
    }
}

using System.Diagnostics;
using ScalpLang.Fix.Session;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Exchange;

// The replay: each data event is paced to the wall clock, applied to the venue (which matches
// resting client orders against it), and published to subscribers as the change it made to the
// book, so a client's book equals the exchange's after every message.
public sealed partial class PaperExchange
{
    private readonly List<(FixSession Session, string MdReqId)> _subscribers = [];
    /// <summary>The book as last published: (side, price) -> (lots, generation seen).</summary>
    private readonly Dictionary<(Side, long), (long Lots, long Seen)> _published = [];
    private readonly List<LevelChange> _changes = [];
    private readonly List<(long Ticks, long Lots)> _trades = [];
    private readonly List<(Side, long)> _gone = [];
    private BookLevel[] _levels = new BookLevel[256];
    private long _generation;
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
        var levels = _published.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item1 == Side.Buy ? -p.Key.Item2 : p.Key.Item2)
            .Select(p => (p.Key.Item1, p.Key.Item2, p.Value.Lots)).ToList();
        Send(request.Session, ExchangeMessages.Snapshot(_writer, begin, request.MdReqId, _units, levels, Math.Max(_now, 0)));
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
        _generation++;
        _changes.Clear();
        foreach (var side in (ReadOnlySpan<Side>)[Side.Buy, Side.Sell])
        {
            var count = _venue.Book.LevelCount(side);
            if (_levels.Length < count)
                _levels = new BookLevel[Math.Max(count, 2 * _levels.Length)];
            count = _venue.Book.CopyLevels(side, _levels);
            for (var i = 0; i < count; i++)
            {
                var (price, lots) = (_levels[i].Price.Ticks, _levels[i].Size.Lots);
                var key = (side, price);
                if (!_published.TryGetValue(key, out var before))
                    _changes.Add(new LevelChange('0', side, price, lots));
                else if (before.Lots != lots)
                    _changes.Add(new LevelChange('1', side, price, lots));
                _published[key] = (lots, _generation);
            }
        }
        _gone.Clear();
        foreach (var (key, value) in _published)
        {
            if (value.Seen != _generation)
                _gone.Add(key);
        }
        foreach (var key in _gone)
        {
            _published.Remove(key);
            _changes.Add(new LevelChange('2', key.Item1, key.Item2, 0));
        }
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

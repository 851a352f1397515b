using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

// The feed, in exchange time: each event updates the venue's book, then what it means for our
// resting orders (queue position, fills) and for the liquidity we took, then it is scheduled for
// the strategy after the market-data latency.
public sealed partial class SimulatedVenue
{
    /// <summary>Arrival order of every order that joins the book, foreign or own: later means behind.</summary>
    private long _seq;

    /// <summary>Arrival order of the feed's resting orders by id (L3), to tell cancels ahead of us from cancels behind.</summary>
    private readonly Dictionary<long, long> _foreignSeq;

    private RestingOrder[] _dropScratch = new RestingOrder[64];

    public void OnOrderAdded(in BookOrderAdded e)
    {
        BeginEvent(e.TsEvent);
        long seq = _seq++;
        if (Book.Apply(in e) == BookUpdateOutcome.Applied)
        {
            _foreignSeq[e.OrderId] = seq;
            ForeignAdded(e.Side, e.Price.Ticks, e.Size.Lots);
        }
        if (SchedulesMarketData)
            Schedule(MarketDataEnvelope.From(in e), e.TsRecv);
        Run(Now);
    }

    public void OnOrderCancelled(in BookOrderCancelled e)
    {
        BeginEvent(e.TsEvent);
        long seq = _foreignSeq.TryGetValue(e.OrderId, out long known) ? known : -1;
        if (Applied(Book.Apply(in e)))
        {
            ForgetIfGone(e.OrderId);
            ForeignLeft(e.Side, e.Price.Ticks, e.CancelledSize.Lots, seq);
        }
        if (SchedulesMarketData)
            Schedule(MarketDataEnvelope.From(in e), e.TsRecv);
        Run(Now);
    }

    public void OnOrderDeleted(in BookOrderDeleted e)
    {
        BeginEvent(e.TsEvent);
        long seq = -1, size = e.Size.Lots;
        if (_foreignSeq.TryGetValue(e.OrderId, out long known) && Book.TryGetOrder(e.OrderId, out var resting))
            (seq, size) = (known, resting.Size.Lots); // the book's size of a known order is the truth
        if (Applied(Book.Apply(in e)))
        {
            _foreignSeq.Remove(e.OrderId);
            ForeignLeft(e.Side, e.Price.Ticks, size, seq);
        }
        if (SchedulesMarketData)
            Schedule(MarketDataEnvelope.From(in e), e.TsRecv);
        Run(Now);
    }

    /// <summary>A visible execution is a trade: its volume goes down our queue (identity does not matter, volume does).</summary>
    public void OnOrderExecuted(in BookOrderExecuted e)
    {
        BeginEvent(e.TsEvent);
        if (Applied(Book.Apply(in e)))
        {
            ForgetIfGone(e.OrderId);
            _lastTradeTicks = e.Price.Ticks;
            _own.Sweep(e.Side, e.Price.Ticks, e.ExecutedSize.Lots, this);
            LevelChanged(e.Side, e.Price.Ticks);
        }
        if (SchedulesMarketData)
            Schedule(MarketDataEnvelope.From(in e), e.TsRecv);
        Run(Now);
    }

    /// <summary>
    /// L2: the level's new total. An increase is size joining behind us (and, on the other side,
    /// liquidity that may cross our orders); a decrease is first the trades already applied
    /// there, then cancels, placed by <see cref="VenueConfig.L2Cancels"/>.
    /// </summary>
    public void OnLevelUpdated(in BookLevelUpdated e)
    {
        BeginEvent(e.TsEvent);
        ApplyLevel(in e);
        if (SchedulesMarketData)
            Schedule(MarketDataEnvelope.From(in e), e.TsRecv);
        Run(Now);
    }

    private void ApplyLevel(in BookLevelUpdated e)
    {
        long price = e.Price.Ticks;
        if (Book.OrderCount > 0) // L2 data alone never has order-level entries to forget
            ForgetOrdersAt(e.Side, e.Price);
        if (Book.SetLevel(e.Side, e.Price, e.Size, out long before) == BookUpdateOutcome.Applied)
        {
            long after = e.Size.Lots;
            if (after > before)
            {
                ForeignAdded(e.Side, price, after - before);
            }
            else if (after < before && _own.HasLevel(e.Side, price))
            {
                long traded = _own.TakePendingTrade(e.Side, price, before - after);
                long foreignBefore = before - traded - _debits.Get(e.Side, price);
                _own.ForeignCancelledL2(e.Side, price, before - after - traded, foreignBefore, _config.L2Cancels);
            }
            LevelChanged(e.Side, price, after); // the level now shows exactly the update's total
        }
    }

    /// <summary>
    /// A trade print (L2 feeds, where the book comes as level updates): a regular trade with a
    /// known aggressor sweeps our queue on the resting side. Hidden-liquidity trades and auction
    /// crosses do not: they did not take the displayed queue.
    /// </summary>
    public void OnTrade(in TradeTick e)
    {
        BeginEvent(e.TsEvent);
        if (e.Kind == TradeKind.Regular && e.Aggressor != AggressorSide.None)
        {
            Side resting = e.Aggressor == AggressorSide.Buyer ? Side.Sell : Side.Buy;
            // Between ticks: bids at or above the print are the next tick up; asks at or below it, this tick.
            long price = resting == Side.Buy && !e.IsOnTickGrid ? e.Price.Ticks + 1 : e.Price.Ticks;
            _lastTradeTicks = e.Price.Ticks;
            _own.Sweep(resting, price, e.Size.Lots, this);
            _own.AddPendingTrade(resting, price, e.Size.Lots);
        }
        if (SchedulesMarketData)
            Schedule(MarketDataEnvelope.From(in e), e.TsRecv);
        Run(Now);
    }

    /// <summary>New orders are rejected unless trading; resting orders stay (a halt does not cancel them).</summary>
    public void OnTradingStatus(in TradingStatusChanged e)
    {
        BeginEvent(e.TsEvent);
        _status = e.Status;
        if (SchedulesMarketData)
            Schedule(MarketDataEnvelope.From(in e), e.TsRecv);
        Run(Now);
    }

    private static bool Applied(BookUpdateOutcome outcome) =>
        outcome is BookUpdateOutcome.Applied or BookUpdateOutcome.AppliedToUnattributed;

    /// <summary>Everything due before the event happens first; at its own time the event goes first.</summary>
    private void BeginEvent(long ts)
    {
        Run(ts - 1);
        Now = Math.Max(Now, ts);
        BeginStep();
    }

    /// <summary>
    /// Schedules the event for the strategy: the market-data latency is added to the feed's
    /// receive time, which replays without one set equal to the exchange time (DESIGN.md §5), so
    /// a feed with recorded receive times keeps them and the model adds only what is on top.
    /// Callers build the envelope only when market data is scheduled (a poll-mode run never does).
    /// </summary>
    private void Schedule(in MarketDataEnvelope marketEvent, long tsRecv)
    {
        long arrival = _marketDataChannel.Arrival(Math.Max(tsRecv, marketEvent.TsEvent));
        _marketData.Enqueue(arrival, (marketEvent, arrival));
    }

    /// <summary>
    /// Size joined a level. If it crosses our resting orders on the other side (a sell at or
    /// below our bid), the incoming order would have traded with us first: it sweeps our queue as
    /// a trade would, and what it gave us is a debit on its level (the feed still shows it resting).
    /// </summary>
    private void ForeignAdded(Side side, long price, long lots)
    {
        Side resting = side.Opposite();
        if (_own.IsEmpty || !_own.TryGetBest(resting, out long best, out _))
            return;
        if (resting == Side.Buy ? best < price : best > price)
            return;
        long filled = _own.Sweep(resting, price, lots, this);
        _debits.Add(side, price, filled);
    }

    /// <summary>L3: a foreign order shrank or left; only our orders that queued after it move up.</summary>
    private void ForeignLeft(Side side, long price, long lots, long seq)
    {
        _own.ForeignLeft(side, price, lots, seq);
        LevelChanged(side, price);
    }

    /// <summary>After any change at a level: the debit and our size ahead cannot exceed what it now shows.</summary>
    private void LevelChanged(Side side, long price) => LevelChanged(side, price, Book.SizeAt(side, new Price(price)).Lots);

    private void LevelChanged(Side side, long price, long displayed)
    {
        if (_debits.Count > 0)
            _debits.Clamp(side, price, displayed);
        if (!_own.IsEmpty)
            _own.ClampAhead(side, price, displayed - _debits.Get(side, price));
    }

    private void ForgetIfGone(long orderId)
    {
        if (!Book.TryGetOrder(orderId, out _))
            _foreignSeq.Remove(orderId);
    }

    /// <summary>An L2 update drops the level's known orders from the book; drop their arrival order too.</summary>
    private void ForgetOrdersAt(Side side, Price price)
    {
        int n;
        while ((n = Book.CopyOrders(side, price, _dropScratch)) == _dropScratch.Length)
            _dropScratch = new RestingOrder[_dropScratch.Length * 2];
        for (int i = 0; i < n; i++)
            _foreignSeq.Remove(_dropScratch[i].OrderId);
    }
}

using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Features;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Trading;

namespace ScalpLang.Backtest;

/// <summary>
/// Replays market events through a compiled strategy: each event updates the book and the view,
/// lets resting orders fill, releases due child orders of sliced parents, and evaluates the
/// strategy; its action goes through the risk engine to the venue, and fills go to the portfolio
/// and back to the strategy (OnFill). Deterministic: time is the events' exchange time.
/// </summary>
public sealed partial class BacktestEngine : IActionSink
{
    private readonly IBookView _bookView;
    private readonly MarketViewBuilder _view;
    private readonly CompiledStrategy _strategy;
    private readonly ImmediateFillVenue _venue;
    private readonly List<OwnFill> _fills = [];
    private readonly List<ChildOrder> _children = [];
    private long _now;
    private long _equityPeak = long.MinValue;

    private readonly record struct ChildOrder(long Due, Side Side, long Lots);

    /// <summary>An engine over an L3 book (order-level or L2 sources through <see cref="IMarketDataHandler"/>).</summary>
    public BacktestEngine(CompiledStrategy strategy, OrderBook book, long capitalTickLots)
        : this(strategy, (IBookView)book, capitalTickLots) => _book = book;

    /// <summary>An engine over a fixed-depth book fed by a tape (<see cref="TapeFeed"/>).</summary>
    public BacktestEngine(CompiledStrategy strategy, DepthBook book, long capitalTickLots)
        : this(strategy, (IBookView)book, capitalTickLots) => _depthBook = book;

    private BacktestEngine(CompiledStrategy strategy, IBookView book, long capitalTickLots)
    {
        _strategy = strategy;
        _bookView = book;
        _trackedLevels = Math.Clamp(strategy.Metadata.BookDepth, 1, LevelDepths.MaxLevels);
        _view = new MarketViewBuilder(book, _trackedLevels);
        _venue = new ImmediateFillVenue(book);
        Portfolio = new Portfolio(capitalTickLots);
        Risk = new RiskEngine(strategy.Metadata, strategy.ParameterValues);
    }

    public Portfolio Portfolio { get; }
    public RiskEngine Risk { get; }
    public long Events { get; private set; }
    public long Orders { get; private set; }
    public long Denied { get; private set; }
    public long Fills { get; private set; }
    /// <summary>Largest fall of equity from its running peak, Q47.16 tick-lots.</summary>
    public long MaxDrawdownQ16 { get; private set; }
    public List<OrderDenied> Denials { get; } = [];

    /// <summary>
    /// Runs after an event changed the book and before the view is read: a source that knows
    /// more than its events (a LOBSTER orderbook row) completes the book here, so the strategy
    /// sees this event's book, not the previous one's. Set once; called on every event.
    /// </summary>
    public Action? CompleteBook { get; set; }

    private void Begin(long ts, MarketEventKind kind)
    {
        _now = Math.Max(_now, ts);
        _view.Begin(ts, kind);
        Events++;
    }

    private void End(MarketEventKind kind)
    {
        CompleteBook?.Invoke();
        _view.RefreshBook();
        _venue.Match(_now, _fills);
        ReleaseChildren();
        Settle();
        UpdatePortfolioView();
        var filledBefore = Fills;
        if (kind == MarketEventKind.Trade)
            _strategy.OnTrade(in _view.View, this);
        else if (kind == MarketEventKind.Timer)
            _strategy.OnTimer(in _view.View, this);
        else
            _strategy.OnBook(in _view.View, this);
        Settle();
        if (Fills != filledBefore)
        {
            UpdatePortfolioView();
            _view.BeginFill();
            _strategy.OnFill(in _view.View, this);
            Settle();
        }
        TrackDrawdown();
    }

    /// <summary>
    /// The mid, for marking the open position and the price band; with one side of the book empty
    /// there is none, and the position is marked at its entry (no open P&amp;L) instead.
    /// </summary>
    private long Mid => _view.View.BestBid > 0 && _view.View.BestAsk > 0
        ? (_view.View.BestBid + _view.View.BestAsk) / 2
        : Portfolio.EntryPriceQ16;

    private void UpdatePortfolioView()
    {
        _viewEquity = Portfolio.EquityQ16(Mid);
        _fillsAtView = Fills;
        _view.SetPortfolio(Q.FromInteger(Portfolio.Position), Portfolio.EntryPriceQ16, Portfolio.TimeInPosition(_now),
            Q.FromInteger(Portfolio.LossesInARow), _viewEquity);
    }

    private long _viewEquity;
    private long _fillsAtView = -1;

    private void TrackDrawdown()
    {
        // The view's equity is current unless a fill came after it was set.
        var equity = Fills == _fillsAtView ? _viewEquity : Portfolio.EquityQ16(Mid);
        _equityPeak = Math.Max(_equityPeak, equity);
        MaxDrawdownQ16 = Math.Max(MaxDrawdownQ16, _equityPeak - equity);
    }

    private void Settle()
    {
        if (_fills.Count == 0)
            return;
        foreach (var fill in _fills)
        {
            Portfolio.OnFill(fill.Ts, fill.Side, fill.PriceTicks, fill.Lots);
            Fills++;
        }
        _fills.Clear();
    }

    /// <summary>Child orders of sliced parents whose time has come go out as market orders.</summary>
    private void ReleaseChildren()
    {
        if (_children.Count == 0)
            return;
        for (var i = 0; i < _children.Count; i++)
        {
            var child = _children[i];
            if (child.Due > _now)
                continue;
            SendOrder(child.Side, child.Lots, null);
            _children.RemoveAt(i--);
        }
    }

    /// <summary>
    /// Sees every action the strategy takes, at its decision time, before risk and venue handle
    /// it (scenario tests compare these with the expected actions). Null costs one check.
    /// </summary>
    public IActionObserver? Observer { get; set; }

    public void Submit(in StrategyAction action)
    {
        Observer?.Observe(_now, in action);
        switch (action.Kind)
        {
            case ActionKind.Kill:
                Risk.Kill(_now, DecisionName(action.Decision));
                CancelAll();
                break;
            case ActionKind.CancelAll:
                CancelAll();
                break;
            case ActionKind.Flatten:
                CancelAll();
                if (Portfolio.Position != 0 && !Risk.KillSwitchEngaged)
                    SendFlatten();
                if (action.StandAside > 0)
                    Risk.StandAside(_now + action.StandAside);
                break;
            case ActionKind.Buy or ActionKind.Sell:
                Trade(action);
                break;
        }
    }

    private string DecisionName(int index) =>
        index >= 0 && index < _strategy.Metadata.Decisions.Length ? _strategy.Metadata.Decisions[index] : $"decision {index}";

    private void CancelAll()
    {
        _venue.CancelAll();
        _children.Clear();
    }

    /// <summary>Closing the position is not an entry: only the kill switch stops it.</summary>
    private void SendFlatten()
    {
        var side = Portfolio.Position > 0 ? Side.Sell : Side.Buy;
        if (Risk.Status != TradingStatus.Trading)
        {
            Denied++;
            Denials.Add(new OrderDenied(_now, $"MARKET_NOT_TRADING: status={Risk.Status} (flatten)"));
            return;
        }
        Orders++;
        if (!_venue.Submit(_now, side, Math.Abs(Portfolio.Position), null, _fills))
            Denials.Add(new OrderDenied(_now, "NO_LIQUIDITY: flatten found no opposite touch"));
    }

    /// <summary>grammar/README.md §4: quantities floor to whole lots, limits round toward the passive side.</summary>
    private void Trade(in StrategyAction action)
    {
        var side = action.Kind == ActionKind.Buy ? Side.Buy : Side.Sell;
        var lots = action.Quantity >> Q.FractionBits;
        if (lots < 1)
            return;
        long? limit = action.IsMarket ? null
            : side == Side.Buy ? action.LimitPrice >> Q.FractionBits : -(-action.LimitPrice >> Q.FractionBits);
        if (action.Slicer == SliceAlgorithm.None)
        {
            SendOrder(side, lots, limit);
            return;
        }
        // TWAP schedule (VWAP follows the same schedule in this release): slices of lots / N, the
        // remainder on the first; the first child goes now.
        var slices = Math.Max(1, action.Slices >> Q.FractionBits);
        var step = action.SliceOver / slices;
        var each = lots / slices;
        var first = each + lots % slices;
        for (var i = 0; i < slices; i++)
        {
            var size = i == 0 ? first : each;
            if (size > 0)
                _children.Add(new ChildOrder(_now + i * step, side, size));
        }
        ReleaseChildren();
    }

    private void SendOrder(Side side, long lots, long? limitTicks)
    {
        var denied = Risk.Check(_now, side, lots, limitTicks is { } l ? Q.FromInteger(l) : null, Portfolio.Position, Mid);
        if (denied is { } reason)
        {
            Denied++;
            if (Denials.Count < 1000)
                Denials.Add(reason);
            return;
        }
        Orders++;
        if (!_venue.Submit(_now, side, lots, limitTicks, _fills))
            Denied++;
    }
}

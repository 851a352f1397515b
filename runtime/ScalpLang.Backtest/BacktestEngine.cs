using ScalpLang.Backtest.Venue;
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
    private IOrderVenue _venue;
    private ImmediateFillVenue? _immediate;
    private readonly List<OwnFill> _fills = [];
    private long _now;
    private long _equityPeak = long.MinValue;

    /// <summary>An engine over an L3 book (order-level or L2 sources through <see cref="IMarketDataHandler"/>).</summary>
    public BacktestEngine(CompiledStrategy strategy, OrderBook book, long capitalTickLots)
        : this(strategy, (IBookView)book, capitalTickLots) => _book = book;

    /// <summary>An engine over a fixed-depth book fed by a tape (<see cref="TapeFeed"/>).</summary>
    public BacktestEngine(CompiledStrategy strategy, DepthBook book, long capitalTickLots)
        : this(strategy, (IBookView)book, capitalTickLots) => _depthBook = book;

    private BacktestEngine(CompiledStrategy strategy, IBookView book, long capitalTickLots)
    {
        _strategy = strategy;
        _followVolume = strategy.Metadata.SlicesByVolume;
        _bookView = book;
        _trackedLevels = Math.Clamp(strategy.Metadata.BookDepth, 1, LevelDepths.MaxLevels);
        _view = new MarketViewBuilder(book, _trackedLevels, strategy.Metadata.LevelsRead);
        _venue = _immediate = new ImmediateFillVenue(book);
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

    /// <summary>Fees charged by the venue so far (the instrument's currency; rebates negative).</summary>
    public decimal Fees { get; private set; }

    private IMarketDataHandler? _marketSink;
    private readonly List<string> _rejections = [];

    /// <summary>
    /// Trades against <paramref name="venue"/> instead of the simple venue; <paramref name="marketSink"/>
    /// (the simulated exchange's own book and queues) sees every feed event before the engine does.
    /// Set before the first event.
    /// </summary>
    public void UseVenue(IOrderVenue venue, IMarketDataHandler? marketSink)
    {
        if (Events > 0)
            throw new InvalidOperationException("the venue is chosen before the first event");
        _venue = venue;
        _immediate = null;
        _simulated = venue as SimulatedOrderVenue;
        _marketSink = marketSink;
    }

    /// <summary>
    /// Takes the venue's reports and rejections due now. The simulated venue is called directly
    /// and only when something travels (most events find nothing: four interface calls per event show).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void PollVenue()
    {
        if (_simulated is { } simulated)
        {
            if (simulated.IsIdle)
                return;
            simulated.Poll(_now, _fills);
        }
        else
        {
            _venue.Poll(_now, _fills);
        }
        CollectRejections();
    }

    private void CollectRejections()
    {
        if (_venue.TakeRejections(_rejections) == 0)
            return;
        foreach (var reason in _rejections)
        {
            Denied++;
            if (Denials.Count < 1000)
                Denials.Add(new OrderDenied(_now, reason));
        }
        _rejections.Clear();
    }

    /// <summary>
    /// The headline stream of a strategy that reads news (grammar/README.md §3.13): headlines due at
    /// an event's time are applied before the strategy evaluates it. Null without news.
    /// </summary>
    public News.NewsReplay? News { get; set; }

    /// <summary>Sees each event's end state and each fill (reports); null when nobody watches.</summary>
    public IRunObserver? RunObserver { get; set; }

    private void Begin(long ts, MarketEventKind kind)
    {
        _now = Math.Max(_now, ts);
        _view.Begin(ts, kind);
        Events++;
    }

    /// <summary>Which sides of the book this event changed (the view re-reads only those).</summary>
    private bool _bidsChanged = true;
    private bool _asksChanged = true;

    private void BookChanged(Side side)
    {
        if (side == Side.Buy)
            _bidsChanged = true;
        else
            _asksChanged = true;
    }

    private void End()
    {
        if (CompleteBook is { } complete)
        {
            complete();
            _bidsChanged = _asksChanged = true; // a source's correction may touch either side
        }
        _view.RefreshBook(_bidsChanged, _asksChanged);
        _bidsChanged = _asksChanged = false;
        // The simple venue is called directly (sealed, inlinable): one interface call per event shows at 20 M events/s.
        if (_immediate is { } immediate)
        {
            if (immediate.HasResting)
                immediate.Match(_now, _fills);
        }
        else
        {
            PollVenue();
        }
        if (_parents.Count > 0)
            ReleaseChildren();
        if (_fills.Count > 0)
            Settle();
        // Flat and nothing filled since the last update: every portfolio field is as it was.
        if (Portfolio.Position != 0 || Fills != _fillsAtView)
            UpdatePortfolioView();
        var filledBefore = Fills;
        News?.Advance(_view.View.TsEvent, _strategy);
        // One entry for every kind (the view carries it): a branch on trade-or-book mispredicts often.
        _strategy.OnEvent(in _view.View, this);
        if (_immediate is null)
        {
            // What the venue answers at this very time (zero latency) belongs to this event.
            PollVenue();
        }
        if (_fills.Count > 0)
            Settle();
        if (Fills != filledBefore)
        {
            UpdatePortfolioView();
            _view.BeginFill();
            _strategy.OnFill(in _view.View, this);
            Settle();
        }
        TrackDrawdown();
        RunObserver?.OnEventEnd(_now, _view.View.BestBid, _view.View.BestAsk,
            Fills == _fillsAtView ? _viewEquity : Portfolio.EquityQ16(Mid), Portfolio.Position);
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
        // A refilled iceberg child may fill at once: settle until nothing new fills.
        while (_fills.Count > 0)
        {
            foreach (var fill in _fills)
            {
                Portfolio.OnFill(fill.Ts, fill.Side, fill.PriceTicks, fill.Lots);
                Fills++;
                Fees += fill.Fee;
                RunObserver?.OnFill(in fill);
                if (fill.OrderId != 0)
                    OnIcebergFill(in fill);
            }
            _fills.Clear();
            if (_icebergs.Count > 0)
                RefillIcebergs();
        }
    }
}

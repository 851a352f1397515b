using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// A simulated exchange for one instrument, driven by the replayed feed in exchange time and by
/// the strategy's requests: latency each way, FIFO queue position for our resting orders,
/// partial fills, our aggressive orders walking (and using up) the displayed book, maker/taker
/// fees, and rejects. README.md beside this file states the matching rules.
/// <para>
/// Time only moves forward. Feed events go in through <see cref="IMarketDataHandler"/> in
/// exchange-time order; requests (<see cref="Submit"/>, <see cref="Cancel"/>,
/// <see cref="CancelAll"/>) are stamped with the strategy's decision time and reach the matching
/// engine after the order-entry latency; what the strategy learns (market data and reports) is
/// due after the market-data or report latency. Either attach an <see cref="IVenueClient"/>,
/// and the venue delivers everything at its due time, interleaved with the feed (a proper
/// discrete-event loop: the strategy's reaction to a delivery is itself scheduled), or poll with
/// <see cref="TryDequeueReport"/> and <see cref="TryDequeueMarketData"/>.
/// </para>
/// <para>
/// At equal times a feed event is applied before requests arriving at that same time, and a
/// request before deliveries due then; market data is delivered before reports due at the same time.
/// </para>
/// </summary>
public sealed partial class SimulatedVenue : IMarketDataHandler, IMakerFillSink
{
    private enum RequestKind : byte
    {
        New = 1,
        Cancel = 2,
        CancelAll = 3,
    }

    private readonly record struct Request(RequestKind Kind, long OrderId, NewOrder Order);

    private readonly VenueConfig _config;
    private readonly OwnOrderBook _own;
    private readonly LiquidityDebits _debits = new();
    private readonly OrderRateLimiter? _rateLimiter;
    private readonly TimedQueue<Request> _requests = new();
    private readonly TimedQueue<VenueReport> _reports = new();
    private readonly TimedQueue<(MarketDataEnvelope Event, long TsRecv)> _marketData = new(1024);
    private readonly List<long> _idScratch = [];
    private LatencyChannel _entryChannel;
    private LatencyChannel _reportChannel;
    private LatencyChannel _marketDataChannel;
    private IVenueClient? _handler;
    private IVenueRowClient? _rowClient;

    /// <summary>The updates of rows waiting in <see cref="_marketData"/> (a row's envelope says how many), in row order.</summary>
    private readonly TimedQueue<BookLevelUpdated> _rowUpdates = new();

    private BookLevelUpdated[] _rowScratch = new BookLevelUpdated[16];
    private long _nextOrderId = 1;

    /// <summary>When reports of the step being processed arrive; they travel together, as one packet.</summary>
    private long _stepArrival;

    private bool _stepHasArrival;

    public SimulatedVenue(VenueConfig config, IVenueClient? handler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        Attach(handler);
        Book = new OrderBook(config.BookCapacity);
        _own = new OwnOrderBook(config.OrderCapacity);
        _foreignSeq = new Dictionary<long, long>(config.BookCapacity);
        if (config.OrderRateLimit is { } limit)
            _rateLimiter = new OrderRateLimiter(limit);
        _entryChannel = new LatencyChannel(config.OrderEntryLatency, VenueRandom.StreamSeed(config.Seed, 1));
        _reportChannel = new LatencyChannel(config.ReportLatency, VenueRandom.StreamSeed(config.Seed, 2));
        _marketDataChannel = new LatencyChannel(config.MarketDataLatency, VenueRandom.StreamSeed(config.Seed, 3));
    }

    public VenueConfig Config => _config;

    /// <summary>The exchange's book as the feed builds it (without our orders): exchange truth, not the strategy's view.</summary>
    public OrderBook Book { get; }

    /// <summary>The latest time the venue has processed.</summary>
    public long Now { get; private set; } = long.MinValue;

    public long OrdersAccepted { get; private set; }

    public long OrdersRejected { get; private set; }

    public long Fills { get; private set; }

    public long MakerLots { get; private set; }

    public long TakerLots { get; private set; }

    /// <summary>Sum of every fill's fee (negative when rebates exceed fees).</summary>
    public decimal TotalFees { get; private set; }

    /// <summary>Own orders resting in the queue.</summary>
    public int LiveOrders => _own.Count;

    /// <summary>Attaches (or detaches, with null) the strategy side that deliveries go to.</summary>
    public void Attach(IVenueClient? handler)
    {
        _handler = handler;
        _rowClient = handler as IVenueRowClient;
    }

    /// <summary>
    /// False when nobody reads the venue's market data (a poll-mode backtest whose strategy reads
    /// the feed itself): feed events are then not scheduled for delivery at all, which saves a
    /// latency draw and a queue entry per event. True by default.
    /// </summary>
    public bool SchedulesMarketData { get; set; } = true;

    /// <summary>
    /// Sends a new order at <paramref name="decisionTs"/> (never earlier than <see cref="Now"/>);
    /// returns its id at once, as a client order id. Its fate comes back as reports.
    /// </summary>
    public long Submit(long decisionTs, in NewOrder order)
    {
        long id = _nextOrderId++;
        Send(decisionTs, new Request(RequestKind.New, id, order));
        return id;
    }

    public void Cancel(long decisionTs, long orderId) => Send(decisionTs, new Request(RequestKind.Cancel, orderId, default));

    public void CancelAll(long decisionTs) => Send(decisionTs, new Request(RequestKind.CancelAll, 0, default));

    /// <summary>
    /// Schedules a market event the client keeps itself (fed to the venue already, through the
    /// handler methods, with <see cref="SchedulesMarketData"/> off): its token reaches the attached
    /// <see cref="IVenueMarkerClient"/> after the market-data latency, in order with the rest.
    /// </summary>
    public void ScheduleMarker(long tsEvent, long token)
    {
        if (_handler is not IVenueMarkerClient)
            throw new InvalidOperationException("markers need an attached IVenueMarkerClient");
        long arrival = _marketDataChannel.Arrival(tsEvent);
        _marketData.Enqueue(arrival, (MarketDataEnvelope.Marker(tsEvent, token), arrival));
        Run(Now);
    }

    /// <summary>Processes everything due at or before <paramref name="until"/>: requests reaching the venue and, with a handler, deliveries.</summary>
    public void AdvanceTo(long until) => Run(until);

    /// <summary>When the next request reaches the venue or the next delivery is due; <see cref="long.MaxValue"/> if none.</summary>
    public long NextDue => Math.Min(_requests.NextDue, Math.Min(_reports.NextDue, _marketData.NextDue));

    /// <summary>No request travelling to the venue and no report waiting to be taken (poll mode: a drain would find nothing).</summary>
    public bool IsIdle => _requests.Count == 0 && _reports.Count == 0;

    /// <summary>
    /// Push mode, inside <see cref="IVenueClient.OnReport"/>: whether another report is due at
    /// <paramref name="ts"/> too (the rest of one packet: a walk's fills travel together), so a
    /// client can act once on the whole packet rather than on each of its reports.
    /// </summary>
    public bool HasReportDueAt(long ts) => _reports.NextDue <= ts;

    /// <summary>Polling: advances to <paramref name="now"/>, then takes the next report due by then.</summary>
    public bool TryDequeueReport(long now, out VenueReport report)
    {
        Run(now);
        return _reports.TryDequeue(now, out report);
    }

    /// <summary>Polling: advances to <paramref name="now"/>, then appends every report due by then; returns how many.</summary>
    public int DrainReports(long now, List<VenueReport> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        Run(now);
        if (_reports.Count == 0)
            return 0;
        int n = 0;
        while (_reports.TryDequeue(now, out var report))
        {
            into.Add(report);
            n++;
        }
        return n;
    }

    /// <summary>Polling: the next market event the strategy sees by <paramref name="now"/>, and when it sees it.</summary>
    public bool TryDequeueMarketData(long now, out MarketDataEnvelope marketEvent, out long tsRecv)
    {
        bool ok = _marketData.TryDequeue(now, out var item);
        (marketEvent, tsRecv) = item;
        return ok;
    }

    /// <summary>An own order as the venue holds it (exchange truth, for tests and diagnostics).</summary>
    public bool TryGetOrder(long orderId, out OwnOrderState state) => _own.TryGet(orderId, out state);

    private void Send(long decisionTs, in Request request)
    {
        long sent = Math.Max(decisionTs, Now);
        _requests.Enqueue(_entryChannel.Arrival(sent), request);
    }

    /// <summary>The discrete-event loop: requests and deliveries in time order up to <paramref name="until"/>.</summary>
    private void Run(long until)
    {
        // Most feed events find nothing travelling: decide that without the loop (this runs twice per feed event).
        if (_requests.Count == 0 && (_handler is null || (_reports.Count == 0 && _marketData.Count == 0)))
            return;
        RunDue(until);
    }

    private void RunDue(long until)
    {
        while (true)
        {
            long request = _requests.NextDue;
            long delivery = _handler is null ? long.MaxValue : Math.Min(_reports.NextDue, _marketData.NextDue);
            long next = Math.Min(request, delivery);
            if (next > until || next == long.MaxValue)
                return;
            Now = Math.Max(Now, next);
            if (request <= delivery)
            {
                _requests.TryDequeue(next, out var r);
                BeginStep();
                Process(in r);
            }
            else if (_marketData.NextDue <= _reports.NextDue)
            {
                _marketData.TryDequeue(next, out var md);
                if (md.Event.Kind == MarketDataKind.LevelRow)
                    DeliverRow(in md.Event, md.TsRecv);
                else if (md.Event.Kind == MarketDataKind.Marker)
                    ((IVenueMarkerClient)_handler!).OnMarker(md.Event.TsEvent, md.TsRecv, md.Event.OrderId);
                else
                {
                    IVenueClient handler = _handler!;
                    md.Event.Dispatch(ref handler, md.TsRecv);
                }
            }
            else
            {
                _reports.TryDequeue(next, out var report);
                _handler!.OnReport(in report);
            }
        }
    }

    private void BeginStep() => _stepHasArrival = false;

    private void Process(in Request r)
    {
        switch (r.Kind)
        {
            case RequestKind.New:
                ProcessNew(r.OrderId, r.Order);
                break;
            case RequestKind.Cancel:
                ProcessCancel(r.OrderId);
                break;
            case RequestKind.CancelAll:
                ProcessCancelAll();
                break;
        }
    }

    private void Emit(in VenueReport report)
    {
        if (!_stepHasArrival)
        {
            _stepArrival = _reportChannel.Arrival(Now);
            _stepHasArrival = true;
        }
        _reports.Enqueue(_stepArrival, report with { TsVenue = Now, TsArrive = _stepArrival });
    }

    private void EmitFill(long orderId, Side side, long price, long lots, long leaves, Liquidity liquidity)
    {
        decimal fee = _config.Fees.Fee(_config.Instrument, liquidity, price, lots);
        Fills++;
        TotalFees += fee;
        if (liquidity == Liquidity.Maker)
            MakerLots += lots;
        else
            TakerLots += lots;
        Emit(new VenueReport(VenueReportKind.Filled, orderId, side, 0, 0, price, lots, leaves, liquidity, fee));
    }

    void IMakerFillSink.OnMakerFill(long orderId, Side side, long priceTicks, long lots, long leavesLots) =>
        EmitFill(orderId, side, priceTicks, lots, leavesLots, Liquidity.Maker);
}

using System.Diagnostics;
using System.Globalization;
using ScalpLang.Backtest;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;

namespace ScalpLang.Fix.Venue;

/// <summary>
/// A compiled strategy trading over FIX: the backtest engine, unchanged, with a
/// <see cref="FixOrderVenue"/> for orders and a <see cref="MarketFeed"/> for its book. The
/// session runs on its own I/O threads and queues what it reads; the engine runs on the thread
/// that calls <see cref="Run"/>, one inbound item at a time in session order.
/// <para>
/// Sequence: connect (one attempt), wait for the logon, subscribe to market data (V), trade
/// until the venue logs out, the connection drops, <see cref="LiveRunOptions.Duration"/> passes or
/// <c>stop</c> is cancelled; then no new orders, cancel every open order (waiting up to
/// <see cref="LiveRunOptions.CancelTimeout"/> for the confirmations and booking any last fills),
/// and log out. Every wait is bounded.
/// </para>
/// </summary>
public sealed class LiveRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private readonly LiveRunOptions _options;
    private readonly List<string> _problems = [];
    private long _lastTs;

    public LiveRun(LiveRunOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The engine, once the run has built it (for observers; engine thread only).</summary>
    public BacktestEngine? Engine { get; private set; }

    /// <summary>The client's copy of the venue's book (tests compare it with the venue's).</summary>
    public OrderBook? Book { get; private set; }

    public LiveRunResult Run(CancellationToken stop)
    {
        var options = _options;
        var strategy = options.Strategy;
        var units = new WireUnits(options.Instrument);
        var tickValue = options.Instrument.TickSize * options.Instrument.LotSize;
        var application = new VenueSessionApplication(units, options.Clock);
        var session = FixSessionFactory.Create(options.Session, application, options.BaseDirectory, options.Clock);
        try
        {
            var book = Book = new OrderBook();
            var engine = Engine = new BacktestEngine(strategy, book, (long)(options.Capital / tickValue));
            var prefix = options.ClOrdIdPrefix ?? options.Clock.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            var venue = new FixOrderVenue(session, units, prefix, options.Clock) { Risk = engine.Risk };
            engine.UseVenue(venue, null);
            var feed = new MarketFeed(book, engine);
            var clock = Stopwatch.StartNew();

            var (running, connectError) = FixLink.ConnectAsync(session, stop).GetAwaiter().GetResult();
            if (running is null)
                return Failed(LiveRunFailure.Connection, connectError!);
            if (WaitForLogon(session, application, running, stop) is { } logonError)
            {
                session.Logout();
                running.Wait(options.Session.LogoutTimeout + TimeSpan.FromSeconds(1), CancellationToken.None);
                return Failed(LiveRunFailure.Logon, logonError);
            }
            session.Send(OrderMessages.MarketDataSubscribe(new FixMessageWriter(), session.Id.BeginString, prefix + "-md", units.Symbol));

            var (endReason, fatal) = Trade(application, running, engine, venue, feed, stop);
            var loggedOn = session.IsLoggedOn;
            if (loggedOn)
                CancelOpenOrders(application, engine, venue);
            if (loggedOn)
            {
                session.Logout(fatal ?? "run ended");
                running.Wait(options.Session.LogoutTimeout + TimeSpan.FromSeconds(1), CancellationToken.None);
            }
            Drain(application, engine, venue);
            clock.Stop();
            var summary = BacktestRunner.Summarise(strategy, engine, options.Instrument, clock.Elapsed);
            foreach (var note in venue.Notes)
                _problems.Add(note);
            return new LiveRunResult(summary, fatal is null ? LiveRunFailure.None : LiveRunFailure.Protocol, fatal, endReason,
                venue.OrdersSent, venue.CancelsSent, venue.CancelRejects, venue.Fills, _problems);
        }
        finally
        {
            session.Store.Dispose();
        }
    }

    private LiveRunResult Failed(LiveRunFailure failure, string error) => new(null, failure, error, error, 0, 0, 0, [], _problems);

    /// <returns>Null once logged on, else why not.</returns>
    private static string? WaitForLogon(FixSession session, VenueSessionApplication application, Task running, CancellationToken stop)
    {
        var settings = session.Settings;
        var deadline = Stopwatch.StartNew();
        var limit = settings.LogonTimeout + TimeSpan.FromSeconds(1);
        while (deadline.Elapsed < limit && !stop.IsCancellationRequested)
        {
            if (application.Inbound.TryTake(out var item, PollInterval) && item is SessionLoggedOn)
                return null;
            if (running.IsCompleted && !session.IsLoggedOn)
            {
                var said = application.LastEvent.Replace("Disconnected: ", "", StringComparison.Ordinal);
                return $"{settings.SocketConnectHost}:{settings.SocketConnectPort} did not accept the Logon of {session.Id} ({said}); " +
                    "check BeginString, SenderCompID and TargetCompID against the venue's session, and any Username/Password";
            }
        }
        return stop.IsCancellationRequested ? "stopped before the logon completed" : $"no Logon reply from the venue within {limit.TotalSeconds:0} s";
    }

    /// <returns>Why trading stopped, and the fatal problem if one stopped it.</returns>
    private (string Reason, string? Fatal) Trade(VenueSessionApplication application, Task running, BacktestEngine engine, FixOrderVenue venue,
        MarketFeed feed, CancellationToken stop)
    {
        var until = _options.Duration is { } duration ? Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        while (true)
        {
            if (stop.IsCancellationRequested)
                return ("interrupted", null);
            if (Stopwatch.GetTimestamp() >= until)
                return ("duration reached", null);
            if (!application.Inbound.TryTake(out var item, PollInterval))
            {
                if (running.IsCompleted && application.Inbound.Count == 0)
                    return ($"connection lost ({application.LastEvent})", null);
                continue;
            }
            switch (item)
            {
                case MarketDataReceived md:
                    // Nothing to apply (an empty book's snapshot): not an event, and its only time would be the SendingTime.
                    if (md.Update.Entries.Count == 0 && (!md.Update.IsSnapshot || engine.Events == 0))
                        break;
                    _lastTs = Math.Max(_lastTs, md.Update.TsEvent);
                    feed.Apply(md.Update);
                    break;
                case SessionEnded ended:
                    return ($"the venue ended the session ({ended.Reason})", null);
                case ProtocolProblem { Fatal: true } problem:
                    _problems.Add(problem.Text);
                    return ("a fatal problem", problem.Text);
                default:
                    Handle(item, engine, venue);
                    break;
            }
        }
    }

    /// <summary>Reports and problems: the same handling while trading and while stopping.</summary>
    private void Handle(VenueInbound item, BacktestEngine engine, FixOrderVenue venue)
    {
        switch (item)
        {
            case ExecutionReportReceived er:
                _lastTs = Math.Max(_lastTs, er.Report.TransactTime);
                if (venue.Apply(er.Report))
                    Settle(engine);
                break;
            case CancelRejectReceived reject:
                venue.Apply(reject.Reject);
                break;
            case ProtocolProblem problem:
                _problems.Add(problem.Text);
                if (problem.Halts)
                {
                    venue.Halt("UNBOOKABLE_REPORT: " + problem.Text);
                    Settle(engine);
                }
                break;
        }
    }

    /// <summary>
    /// Fills and denials reach the engine on its next event; a report is not a market event, so a
    /// timer event (the trading status, unchanged) books them now, and the strategy sees its fill
    /// (OnFill) before the next market data.
    /// </summary>
    private void Settle(BacktestEngine engine)
    {
        var tick = new TradingStatusChanged(_lastTs, _lastTs, engine.Risk.Status);
        engine.OnTradingStatus(in tick);
    }

    private void CancelOpenOrders(VenueSessionApplication application, BacktestEngine engine, FixOrderVenue venue)
    {
        venue.Stopping = true;
        venue.CancelAll(_lastTs);
        var waited = Stopwatch.StartNew();
        while (venue.OpenOrders > 0 && waited.Elapsed < _options.CancelTimeout)
        {
            if (!application.Inbound.TryTake(out var item, PollInterval))
                continue;
            if (item is SessionEnded)
                break;
            Handle(item, engine, venue);
        }
        if (venue.OpenOrders > 0)
            _problems.Add($"{venue.OpenOrders} order(s) still open at the venue: no cancel confirmation within {_options.CancelTimeout.TotalSeconds:0} s");
    }

    /// <summary>Reports that arrived before the logout completed are still booked; market data is not applied any more.</summary>
    private void Drain(VenueSessionApplication application, BacktestEngine engine, FixOrderVenue venue)
    {
        while (application.Inbound.TryTake(out var item))
            Handle(item, engine, venue);
    }
}

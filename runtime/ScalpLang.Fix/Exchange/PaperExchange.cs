using System.Diagnostics;
using System.Net;
using ScalpLang.Backtest;
using ScalpLang.Backtest.Venue;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Transport;
using ScalpLang.Fix.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Exchange;

/// <summary>
/// A paper-trading exchange behind a FIX 4.4 (or 4.2) acceptor: it replays a data source as
/// market data to its subscribers and matches their orders in the runtime's
/// <see cref="SimulatedVenue"/> (queue position, partial fills, fees), answering with
/// ExecutionReports and OrderCancelRejects.
/// <para>
/// One exchange thread owns the venue, the replay and every message the exchange sends; the
/// sessions' I/O threads only queue what clients send (<see cref="ExchangeSessionApplication"/>),
/// so no lock is held across a send. The replay starts when the first client subscribes to
/// market data, so a strategy sees the data from its first event. At the end of the data every
/// open order is cancelled and every session logged out ("end of data"); then
/// <see cref="Completion"/> finishes.
/// </para>
/// </summary>
public sealed partial class PaperExchange : IAsyncDisposable
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(50);
    private readonly PaperExchangeOptions _options;
    private readonly ExchangeSessionApplication _application = new();
    private readonly List<FixSession> _sessions = [];
    private readonly FixAcceptor _acceptor;
    private readonly SimulatedVenue _venue;
    private readonly WireUnits _units;
    private readonly FixMessageWriter _writer = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public PaperExchange(PaperExchangeOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Sessions.Count == 0 || options.Sessions.Any(s => s.ConnectionType != ConnectionType.Acceptor))
            throw new ArgumentException("the exchange takes one or more acceptor sessions", nameof(options));
        Instrument = DataReplay.InstrumentOf(null, options.Data);
        _units = new WireUnits(Instrument);
        _venue = new SimulatedVenue(new VenueConfig(Instrument) { Fees = options.Fees });
        foreach (var settings in options.Sessions)
            _sessions.Add(FixSessionFactory.Create(settings, _application, options.BaseDirectory));
        _acceptor = new FixAcceptor(_sessions);
    }

    /// <summary>What the exchange trades: the data's instrument (synthetic: SYN, tick 0.01, lot 1).</summary>
    public Instrument Instrument { get; }

    public IReadOnlyList<IPEndPoint> LocalEndPoints => _acceptor.LocalEndPoints;

    public IReadOnlyList<FixSession> Sessions => _sessions;

    /// <summary>Finishes after the end of the data (or a stop), once every session was told so; its result is a data error or null.</summary>
    public Task<string?> Completion => (Task<string?>?)_loop ?? throw new InvalidOperationException("the exchange is not started");

    /// <summary>Starts listening and the exchange thread. Throws <see cref="System.Net.Sockets.SocketException"/> when the port is taken.</summary>
    public void Start()
    {
        _acceptor.Start();
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Stops the replay early: open orders are cancelled and sessions logged out as at the end of the data.</summary>
    public void Stop() => _stop.Cancel();

    private string? Run()
    {
        string? error = null;
        try
        {
            if (WaitForFirstSubscriber())
                error = Replay();
        }
        catch (OperationCanceledException)
        {
            // The stop leaves the data source's push loop from inside a callback.
        }
        Close(_stop.IsCancellationRequested ? "exchange stopping" : "end of data");
        return error;
    }

    private bool WaitForFirstSubscriber()
    {
        while (_subscribers.Count == 0)
        {
            if (_stop.IsCancellationRequested)
                return false;
            if (_application.Requests.TryTake(out var request, IdleWait))
                Handle(request);
        }
        return true;
    }

    private string? Replay()
    {
        _pace = Stopwatch.StartNew();
        return DataReplay.Replay(_options.Data, Instrument, _venue.Book, new Feed(this));
    }

    /// <summary>End of data or stop: cancel every open order (clients get their Canceled reports), then log everyone out.</summary>
    private void Close(string reason)
    {
        while (_application.Requests.TryTake(out var request))
            Handle(request);
        _closed = true;
        foreach (var order in _orders.Values.Where(o => o.Open).OrderBy(o => o.VenueId).ToList())
            _venue.Cancel(VenueTime, order.VenueId);
        Pump();
        foreach (var session in _sessions)
            session.Logout(reason);
        // Bounded: a client that does not answer the Logout is cut off after its LogoutTimeout.
        var waited = Stopwatch.StartNew();
        var limit = _sessions.Max(s => s.Settings.LogoutTimeout) + TimeSpan.FromSeconds(1);
        while (_sessions.Any(s => s.IsConnected) && waited.Elapsed < limit)
        {
            // Orders crossing our Logout are refused (the exchange is closed), not left unanswered.
            if (_application.Requests.TryTake(out var late, TimeSpan.FromMilliseconds(20)))
                Handle(late);
        }
        while (_application.Requests.TryTake(out var last))
            Handle(last);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        await _acceptor.DisposeAsync().ConfigureAwait(false);
        foreach (var session in _sessions)
            session.Store.Dispose();
        _stop.Dispose();
    }
}

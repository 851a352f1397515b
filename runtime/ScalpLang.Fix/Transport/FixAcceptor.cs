using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Transport;

/// <summary>
/// Listens for counterparties of acceptor sessions: one listener per distinct SocketAcceptHost /
/// SocketAcceptPort (port 0 picks a free one; see <see cref="LocalEndPoints"/>). A connection is
/// attached to the session its first message names; an unknown session, or one already
/// connected, gets the connection closed without a reply. TLS per the first session's SSL settings.
/// </summary>
public sealed class FixAcceptor : IAsyncDisposable
{
    private readonly Dictionary<SessionId, FixSession> _sessions;
    private readonly List<(TcpListener Listener, SessionSettings Settings)> _listeners = [];
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<FixConnection> _connections = [];
    private readonly List<Task> _connectionTasks = [];

    public FixAcceptor(IEnumerable<FixSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _sessions = sessions.ToDictionary(s => s.Id);
        if (_sessions.Values.Any(s => s.IsInitiator))
            throw new ArgumentException("an acceptor takes acceptor sessions only", nameof(sessions));
    }

    public IReadOnlyList<IPEndPoint> LocalEndPoints => _listeners.Select(l => (IPEndPoint)l.Listener.LocalEndpoint).ToList();

    /// <summary>Connections currently open (attached to a session or not yet).</summary>
    public int ConnectionCount
    {
        get { lock (_gate) return _connections.Count; }
    }

    public FixSession? GetSession(SessionId id) => _sessions.GetValueOrDefault(id);

    public void Start()
    {
        foreach (var group in _sessions.Values.GroupBy(s => (s.Settings.SocketAcceptHost, s.Settings.SocketAcceptPort)))
        {
            var settings = group.First().Settings;
            var address = settings.SocketAcceptHost is { } host ? ResolveHost(host) : IPAddress.Any;
            var listener = new TcpListener(address, settings.SocketAcceptPort);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listeners.Add((listener, settings));
            _loops.Add(AcceptLoopAsync(listener, settings, _stop.Token));
        }
    }

    private static IPAddress ResolveHost(string host) =>
        IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);

    private async Task AcceptLoopAsync(TcpListener listener, SessionSettings settings, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var task = ServeAsync(socket, settings, token);
            lock (_gate)
            {
                _connectionTasks.RemoveAll(t => t.IsCompleted);
                _connectionTasks.Add(task);
            }
        }
    }

    private async Task ServeAsync(Socket socket, SessionSettings settings, CancellationToken token)
    {
        socket.NoDelay = true;
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        FixConnection? connection = null;
        try
        {
            if (settings.SslEnable)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(settings.LogonTimeout);
                await ssl.AuthenticateAsServerAsync(TlsOptions.ForServer(settings), timeout.Token).ConfigureAwait(false);
            }
            connection = FixConnection.ForAcceptor(socket, stream, id => _sessions.GetValueOrDefault(id), settings.MaxMessageSize);
            lock (_gate)
                _connections.Add(connection);
            await connection.RunAsync(settings.LogonTimeout, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException or System.Security.Cryptography.CryptographicException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
        }
        finally
        {
            if (connection is not null)
            {
                lock (_gate)
                    _connections.Remove(connection);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var (listener, _) in _listeners)
            listener.Stop();
        Task[] tasks;
        lock (_gate)
        {
            foreach (var c in _connections)
                c.Disconnect("acceptor stopped");
            tasks = [.. _loops, .. _connectionTasks];
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        _stop.Dispose();
    }
}

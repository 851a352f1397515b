using System.Net.Sockets;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Transport;

/// <summary>
/// One TCP (or TLS) connection carrying one session: a thread of its own reads (FixConnection.Read.cs),
/// cuts messages out with <see cref="FixFramer"/>, parses them into one reused <see cref="FixMessage"/>
/// and hands them to the session; a timer ticks the session; what the session sends is written at
/// once on the sending thread.
/// An acceptor's connection learns its session from the first message (BeginString and CompIDs).
/// Closing is graceful: our last bytes (a Logout) go out before the FIN, and input that arrives
/// meanwhile is read and dropped so the peer does not get a reset instead of our data.
/// </summary>
public sealed partial class FixConnection : ISessionTransport, IDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly Func<SessionId, FixSession?>? _resolve;
    private readonly FixParser _firstParser;
    private readonly FixMessage _message = new();
    private readonly Lock _writeLock = new();
    private readonly CancellationTokenSource _closed = new();
    private volatile FixSession? _session;
    private volatile bool _closing;

    private FixConnection(Socket socket, Stream stream, FixSession? session, Func<SessionId, FixSession?>? resolve, int maxMessageSize)
    {
        _socket = socket;
        _stream = stream;
        _session = session;
        _resolve = resolve;
        _firstParser = new FixParser(null, new FixCodecOptions { MaxMessageSize = maxMessageSize });
    }

    /// <summary>An initiator's connection: the session is known and sends its Logon at once.</summary>
    public static FixConnection ForInitiator(Socket socket, Stream stream, FixSession session) =>
        new(socket, stream, session, null, session.Settings.MaxMessageSize);

    /// <summary>An acceptor's connection: the first message names the session, found with <paramref name="resolve"/>.</summary>
    public static FixConnection ForAcceptor(Socket socket, Stream stream, Func<SessionId, FixSession?> resolve, int maxMessageSize) =>
        new(socket, stream, null, resolve, maxMessageSize);

    public FixSession? Session => _session;

    /// <summary>Why the connection was closed by this side, if it was.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Runs until the connection closes; never throws for network errors or bad input.</summary>
    public async Task RunAsync(TimeSpan firstMessageTimeout, CancellationToken cancellation)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _closed.Token);
        var ticker = TickAsync(firstMessageTimeout, linked.Token);
        try
        {
            if (_session is not null && !_session.Connected(this))
            {
                Disconnect("session already connected");
                return;
            }
            await ReadOnOwnThread(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            CloseReason ??= e.Message;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug or an application callback that threw: this connection ends, the process goes on.
            CloseReason ??= "error while processing input: " + e.Message;
        }
        finally
        {
            _session?.Disconnected(this);
            _closing = true;
            await _closed.CancelAsync().ConfigureAwait(false);
            await ticker.ConfigureAwait(false);
            Close();
        }
    }

    private async Task TickAsync(TimeSpan firstMessageTimeout, CancellationToken token)
    {
        var started = DateTime.UtcNow;
        try
        {
            using var timer = new PeriodicTimer(TickInterval);
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                if (_session is { } session)
                    session.Tick();
                else if (DateTime.UtcNow - started > firstMessageTimeout)
                    Disconnect("no message within the logon timeout");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    void ISessionTransport.Send(ReadOnlySpan<byte> message)
    {
        lock (_writeLock)
        {
            if (_closing)
                return;
            try
            {
                _stream.Write(message);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or NotSupportedException)
            {
                CloseReason ??= e.Message;
                _closing = true;
                _ = _closed.CancelAsync();
            }
        }
    }

    /// <summary>Closes the connection: FIN after what was written, input drained for a moment, then closed.</summary>
    public void Disconnect(string reason)
    {
        lock (_writeLock)
        {
            if (_closing)
                return;
            _closing = true;
            CloseReason ??= reason;
            try
            {
                _stream.Flush();
                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
            }
        }
        // The read loop drains until the peer closes; give up waiting after a grace period.
        try
        {
            _closed.CancelAfter(CloseGrace);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => Disconnect("disposed");

    private void Close()
    {
        try
        {
            _stream.Dispose();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }
        _socket.Dispose();
        _closed.Dispose();
    }
}

using System.Net.Security;
using System.Net.Sockets;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Transport;

/// <summary>
/// Keeps an initiator session connected: connects (optionally over TLS), runs the connection,
/// and after a failure or disconnect waits and tries again. The wait starts at
/// ReconnectInterval, doubles after each attempt that did not reach a logon, is capped at
/// ReconnectMaxInterval, and starts over after a logon. Outside the session schedule it waits.
/// </summary>
public sealed class FixInitiator : IAsyncDisposable
{
    private readonly FixSession _session;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public FixInitiator(FixSession session, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!session.IsInitiator)
            throw new ArgumentException("an initiator takes an initiator session", nameof(session));
        _session = session;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Connection attempts made so far (tests watch the backoff through it).</summary>
    public int Attempts { get; private set; }

    public FixSession Session => _session;

    public void Start() => _loop ??= RunAsync(_stop.Token);

    /// <summary>The delay before attempt <paramref name="failures"/> + 1 after that many failures in a row.</summary>
    public static TimeSpan Backoff(SessionSettings settings, int failures)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var delay = settings.ReconnectInterval;
        for (var i = 1; i < failures && delay < settings.ReconnectMaxInterval; i++)
            delay *= 2;
        return delay < settings.ReconnectMaxInterval ? delay : settings.ReconnectMaxInterval;
    }

    private async Task RunAsync(CancellationToken token)
    {
        var settings = _session.Settings;
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            if (!settings.Schedule.IsInSession(_clock.GetUtcNow().UtcDateTime))
            {
                await Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                continue;
            }
            Attempts++;
            var loggedOn = await ConnectOnceAsync(settings, token).ConfigureAwait(false);
            failures = loggedOn ? 1 : failures + 1;
            await Delay(Backoff(settings, failures), token).ConfigureAwait(false);
        }
    }

    private async Task<bool> ConnectOnceAsync(SessionSettings settings, CancellationToken token)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        var loggedOn = false;
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                timeout.CancelAfter(settings.LogonTimeout);
                await ConnectBlockingAsync(socket, settings.SocketConnectHost!, settings.SocketConnectPort, timeout.Token).ConfigureAwait(false);
                stream = new NetworkStream(socket, ownsSocket: false);
                if (settings.SslEnable)
                {
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    stream = ssl;
                    await ssl.AuthenticateAsClientAsync(TlsOptions.ForClient(settings), timeout.Token).ConfigureAwait(false);
                }
            }
            var connection = FixConnection.ForInitiator(socket, stream, _session);
            var run = connection.RunAsync(settings.LogonTimeout, token);
            // Note whether the logon completed, for the backoff.
            while (!run.IsCompleted)
            {
                loggedOn |= _session.IsLoggedOn;
                await Task.WhenAny(run, Task.Delay(100, token)).ConfigureAwait(false);
            }
            await run.ConfigureAwait(false);
            return loggedOn;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException or System.Security.Cryptography.CryptographicException)
        {
            if (stream is not null)
                await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            return loggedOn;
        }
    }

    // A synchronous connect keeps the socket's descriptor in blocking mode, which the connection's
    // reader thread needs (FixConnection.Read.cs); ConnectAsync would make it non-blocking for good.
    // It runs on a thread of its own; cancellation closes the socket, which aborts the connect.
    private static async Task ConnectBlockingAsync(Socket socket, string host, int port, CancellationToken token)
    {
        using var abort = token.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket);
        try
        {
            await Task.Factory.StartNew(() => socket.Connect(host, port), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException && token.IsCancellationRequested)
        {
            throw new OperationCanceledException("connect timed out or was cancelled", e, token);
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}

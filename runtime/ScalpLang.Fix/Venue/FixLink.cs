using System.Net.Security;
using System.Net.Sockets;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Transport;

namespace ScalpLang.Fix.Venue;

/// <summary>
/// One connection attempt for a live run (no reconnect loop: a run that loses its venue stops
/// rather than trade on a stale book). Failures come back as a sentence naming the cause
/// (refused, unreachable, timed out, TLS) instead of the silent retries of <see cref="FixInitiator"/>.
/// </summary>
public static class FixLink
{
    /// <returns>The running connection's task, or null and why not.</returns>
    public static async Task<(Task? Running, string? Error)> ConnectAsync(FixSession session, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(session);
        var settings = session.Settings;
        var where = $"{settings.SocketConnectHost}:{settings.SocketConnectPort}";
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                timeout.CancelAfter(settings.LogonTimeout);
                await socket.ConnectAsync(settings.SocketConnectHost!, settings.SocketConnectPort, timeout.Token).ConfigureAwait(false);
                stream = new NetworkStream(socket, ownsSocket: false);
                if (settings.SslEnable)
                {
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    stream = ssl;
                    await ssl.AuthenticateAsClientAsync(TlsOptions.ForClient(settings), timeout.Token).ConfigureAwait(false);
                }
            }
            var connection = FixConnection.ForInitiator(socket, stream, session);
            return (connection.RunAsync(settings.LogonTimeout, CancellationToken.None), null);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException
            or System.Security.Authentication.AuthenticationException or System.Security.Cryptography.CryptographicException)
        {
            if (stream is not null)
                await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            return (null, Describe(e, where, settings));
        }
    }

    private static string Describe(Exception e, string where, SessionSettings settings) => e switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => $"connection refused by {where} (is the venue listening there?)",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => $"unknown host {settings.SocketConnectHost}",
        SocketException s => $"cannot connect to {where}: {s.Message}",
        OperationCanceledException => $"no connection to {where} within LogonTimeout ({settings.LogonTimeout.TotalSeconds:0} s)",
        System.Security.Authentication.AuthenticationException or System.Security.Cryptography.CryptographicException => $"TLS with {where} failed: {e.Message}",
        _ => $"connection to {where} failed: {e.Message}",
    };
}

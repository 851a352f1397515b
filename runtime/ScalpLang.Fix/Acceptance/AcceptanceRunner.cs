using System.Net;
using System.Net.Sockets;
using System.Text;
using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Acceptance;

/// <summary>The outcome of one script: passed, or the first step that failed and why.</summary>
public sealed record AcceptanceResult(bool Passed, int FailedLine, string? Failure, TimeSpan Elapsed)
{
    public override string ToString() => Passed ? $"passed in {Elapsed.TotalSeconds:0.0} s" : $"line {FailedLine}: {Failure}";
}

/// <summary>
/// Plays a script against an acceptor, as the counterparty (QuickFIX's runner, with one
/// addition: every read has a timeout, so a silent engine fails the step instead of hanging).
/// <c>E</c> reads one message (skip to 8=, BodyLength bytes, then through 10=nnn SOH) and
/// compares it field by field; <c>eDISCONNECT</c> expects end-of-stream with no data before it.
/// </summary>
public sealed class AcceptanceRunner(IPEndPoint target, TimeSpan readTimeout, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<AcceptanceResult> RunAsync(IReadOnlyList<ScriptStep> steps, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var started = _clock.GetTimestamp();
        var connections = new Dictionary<int, Connection>();
        try
        {
            foreach (var step in steps)
            {
                var failure = await RunStepAsync(step, connections, cancellation).ConfigureAwait(false);
                if (failure is not null)
                    return new AcceptanceResult(false, step.Line, failure, _clock.GetElapsedTime(started));
            }
            return new AcceptanceResult(true, 0, null, _clock.GetElapsedTime(started));
        }
        finally
        {
            foreach (var c in connections.Values)
                c.Dispose();
        }
    }

    private async Task<string?> RunStepAsync(ScriptStep step, Dictionary<int, Connection> connections, CancellationToken cancellation)
    {
        switch (step.Kind)
        {
            case StepKind.Sleep:
                await Task.Delay(step.Sleep, cancellation).ConfigureAwait(false);
                return null;
            case StepKind.Connect:
                if (connections.Remove(step.Connection, out var old))
                    old.Dispose();
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target, cancellation).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    return $"cannot connect to {target}: {e.Message}";
                }
                connections[step.Connection] = new Connection(socket);
                return null;
            case StepKind.Disconnect:
                if (connections.Remove(step.Connection, out var closing))
                    closing.Dispose();
                return null;
        }
        if (!connections.TryGetValue(step.Connection, out var connection))
            return $"connection {step.Connection} is not open";
        switch (step.Kind)
        {
            case StepKind.Send:
                try
                {
                    await connection.Socket.SendAsync(AcceptanceMessage.Decorate(step.Text, _clock.GetUtcNow().UtcDateTime), cancellation).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    return $"send failed: {e.Message}";
                }
                return null;
            case StepKind.Expect:
                var expected = AcceptanceMessage.Decorate(step.Text, _clock.GetUtcNow().UtcDateTime);
                var (message, error) = await connection.ReadMessageAsync(readTimeout, cancellation).ConfigureAwait(false);
                if (message is null)
                    return $"expected {Show(expected)}, but {error}";
                var difference = AcceptanceMessage.Compare(expected, message);
                return difference is null ? null : $"{difference}\n  expected {Show(expected)}\n  received {Show(message)}";
            case StepKind.ExpectDisconnect:
                var (data, closed) = await connection.WaitForEndAsync(readTimeout, cancellation).ConfigureAwait(false);
                if (data is not null)
                    return $"expected a disconnect, received {Show(data)}";
                return closed ? null : $"expected a disconnect, the connection is still open after {readTimeout.TotalSeconds} s";
            default:
                throw new InvalidOperationException(step.Kind.ToString());
        }
    }

    private static string Show(ReadOnlySpan<byte> bytes) => FixMessage.FormatForDisplay(bytes);

    /// <summary>A counterparty socket with its read buffer.</summary>
    private sealed class Connection(Socket socket) : IDisposable
    {
        private readonly byte[] _chunk = new byte[8192];
        private readonly List<byte> _buffer = [];
        private bool _ended;

        public Socket Socket { get; } = socket;

        public async Task<(byte[]? Message, string Error)> ReadMessageAsync(TimeSpan timeout, CancellationToken cancellation)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(timeout);
            while (true)
            {
                if (TryCut(out var message))
                    return (message, "");
                if (_ended)
                    return (null, "the acceptor closed the connection" + (_buffer.Count > 0 ? $" leaving {_buffer.Count} bytes that are not a message" : ""));
                try
                {
                    await FillAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    return (null, $"nothing arrived within {timeout.TotalSeconds} s");
                }
            }
        }

        public async Task<(byte[]? Data, bool Closed)> WaitForEndAsync(TimeSpan timeout, CancellationToken cancellation)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(timeout);
            while (_buffer.Count == 0 && !_ended)
            {
                try
                {
                    await FillAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    return (null, false);
                }
            }
            return _buffer.Count > 0 ? ([.. _buffer], false) : (null, true);
        }

        private async Task FillAsync(CancellationToken token)
        {
            int read;
            try
            {
                read = await Socket.ReceiveAsync(_chunk, token).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                read = 0; // a reset is a disconnect too
            }
            if (read == 0)
                _ended = true;
            else
                _buffer.AddRange(_chunk.AsSpan(0, read));
        }

        // 8=...SOH 9=len SOH, len bytes, then 10=nnn SOH.
        private bool TryCut(out byte[] message)
        {
            message = [];
            var bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_buffer);
            var start = bytes.IndexOf("8="u8);
            if (start < 0)
                return false;
            var rest = bytes[start..];
            var lengthAt = rest.IndexOf("\u00019="u8);
            if (lengthAt < 0)
                return false;
            var lengthEnd = rest[(lengthAt + 3)..].IndexOf((byte)1);
            if (lengthEnd < 0)
                return false;
            if (!int.TryParse(Encoding.ASCII.GetString(rest.Slice(lengthAt + 3, lengthEnd)), out var bodyLength))
                return false;
            var bodyStart = lengthAt + 3 + lengthEnd + 1;
            if (rest.Length < bodyStart + bodyLength)
                return false;
            var trailer = rest[(bodyStart + bodyLength)..];
            var checksumEnd = trailer.IndexOf((byte)1);
            if (checksumEnd < 0)
                return false;
            var total = bodyStart + bodyLength + checksumEnd + 1;
            message = rest[..total].ToArray();
            _buffer.RemoveRange(0, start + total);
            return true;
        }

        public void Dispose() => Socket.Dispose();
    }
}

using System.Net.Sockets;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Transport;

// The receive path. A thread per connection blocks in a synchronous Read and handles each message
// on that thread: the kernel wakes it straight from the socket, with no hop through the socket
// event loop and the thread pool that an async read costs (about a third of a loopback round
// trip). The socket must stay in blocking mode for that: no async operation may touch it, since
// .NET then switches the descriptor to non-blocking for good and emulates blocking reads through
// its event loop.
public sealed partial class FixConnection
{
    private const int InitialReadBuffer = 8192;

    private Task ReadOnOwnThread(CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                ReadLoop(token);
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "FIX reader",
        };
        thread.Start();
        return done.Task;
    }

    private void ReadLoop(CancellationToken token)
    {
        // Cancellation (stop, or the close grace ran out) unblocks the Read: shutting the receive
        // side down makes it return 0 without sending anything to the peer.
        using var wake = token.UnsafeRegister(static s => ((FixConnection)s!).ShutdownReceive(), this);
        var framer = new FixFramer(_firstParser.Options);
        var buffer = new byte[InitialReadBuffer];
        var filled = 0;
        while (true)
        {
            var start = 0;
            while (!_closing && start < filled)
            {
                var frame = framer.Find(buffer.AsSpan(start, filled - start));
                if (frame.Status == FixFrameStatus.Message)
                    Handle(buffer.AsSpan(start + frame.Start, frame.Length));
                else if (frame.Status == FixFrameStatus.Invalid)
                    Garbled(frame.Error);
                start += frame.Consumed;
                if (frame.Status == FixFrameStatus.NeedMoreData)
                    break;
            }
            if (_closing)
                start = filled; // draining before close: drop input
            // Keep the unfinished tail at the front. The framer bounds it (a message that cannot end
            // within MaxMessageSize is reported Invalid), so the buffer grows at most to that size.
            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
            if (filled == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
            var read = _stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                token.ThrowIfCancellationRequested();
                return;
            }
            filled += read;
        }
    }

    private void Handle(ReadOnlySpan<byte> bytes)
    {
        if (_session is { } session)
        {
            if (session.Parser.TryParse(bytes, _message, out var error))
                session.Receive(_message);
            else
                session.ReceiveGarbled(error);
            return;
        }
        // Acceptor, first message: find the session it is for, then parse it with that session's dictionary.
        if (!_firstParser.TryParse(bytes, _message, out var firstError))
        {
            Disconnect("garbled first message: " + firstError.Message);
            return;
        }
        var id = new SessionId(
            System.Text.Encoding.Latin1.GetString(_message.BeginString),
            _message.GetString(FixTag.TargetCompID) ?? "",
            _message.GetString(FixTag.SenderCompID) ?? "");
        var found = _resolve!(id);
        if (found is null)
        {
            Disconnect($"no session {id}");
            return;
        }
        if (!found.Connected(this))
        {
            Disconnect($"session {id} is already connected");
            return;
        }
        _session = found;
        Handle(bytes);
    }

    private void Garbled(FixParseError error)
    {
        if (_session is null)
            Disconnect("garbled input before the first message: " + error.Message);
        else
            _session.ReceiveGarbled(error);
    }

    private void ShutdownReceive()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Receive);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}

using System.Globalization;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Store;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests.Session;

/// <summary>What the session sent and whether it hung up, with SOH shown as '|'.</summary>
public sealed class RecordingTransport : ISessionTransport
{
    public Queue<string> Sent { get; } = new();
    public string? DisconnectReason { get; private set; }
    public void Send(ReadOnlySpan<byte> message) => Sent.Enqueue(FixText.Show(message));
    public void Disconnect(string reason) => DisconnectReason = reason;
}

/// <summary>An application that records what it gets, echoes NewOrderSingle and refuses ExecutionReports.</summary>
public sealed class RecordingApplication : ISessionApplication
{
    public List<string> Received { get; } = [];
    public List<string> Events { get; } = [];
    public int Logons { get; private set; }
    public int Logouts { get; private set; }
    public string? RefuseLogonWith { get; set; }

    public void OnLogon(FixSession session) => Logons++;
    public void OnLogout(FixSession session) => Logouts++;
    public string? OnLogonRequest(FixSession session, FixMessage logon) => RefuseLogonWith;
    public void OnEvent(FixSession session, string text) => Events.Add(text);

    public ApplicationResult FromApp(FixSession session, FixMessage message)
    {
        Received.Add(message.ToString());
        return message.MsgType.SequenceEqual("8"u8) ? ApplicationResult.UnsupportedMessageType : ApplicationResult.Handled;
    }
}

/// <summary>
/// A session with no socket: a fixed clock moved by hand, a transport that records, and helpers
/// to feed it the counterparty's messages (TW, to our ISLD; SendingTime = the clock).
/// </summary>
public sealed class SessionHarness
{
    public static readonly SessionId AcceptorId = new("FIX.4.4", "ISLD", "TW");

    public SessionHarness(SessionSettings? settings = null, IMessageStore? store = null, FixDictionary? dictionary = null)
    {
        Clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.Zero));
        Settings = settings ?? Acceptor();
        Session = new FixSession(Settings, store ?? new MemoryStore(Clock.Now.UtcDateTime), dictionary ?? FixDictionary.Fix44, App, Clock);
    }

    public FixedClock Clock { get; }
    public SessionSettings Settings { get; }
    public RecordingApplication App { get; } = new();
    public RecordingTransport Transport { get; private set; } = new();
    public FixSession Session { get; }

    public static SessionSettings Acceptor() => new() { Id = AcceptorId, ConnectionType = ConnectionType.Acceptor };

    public static SessionSettings Initiator() => new()
    {
        Id = new SessionId("FIX.4.4", "TW", "ISLD"),
        ConnectionType = ConnectionType.Initiator,
        SocketConnectHost = "127.0.0.1",
        SocketConnectPort = 1,
        HeartBtInt = 30,
    };

    public string Time => Clock.Now.UtcDateTime.ToString("yyyyMMdd-HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public void Connect()
    {
        Transport = new RecordingTransport();
        Assert.True(Session.Connected(Transport));
    }

    public void Advance(double seconds)
    {
        Clock.Now = Clock.Now.AddSeconds(seconds);
        Session.Tick();
    }

    /// <summary>Feeds "35=..|34=..|body" from the counterparty (header completed here).</summary>
    public void Receive(string type, int seq, string body = "", string? sender = null, string? target = null, string? sendingTime = null)
    {
        var text = $"8=FIX.4.4|35={type}|34={seq}|49={sender ?? Settings.Id.TargetCompId}|52={sendingTime ?? Time}|56={target ?? Settings.Id.SenderCompId}|{body}";
        ReceiveRaw(text);
    }

    public void ReceiveRaw(string pipeText)
    {
        var message = new FixMessage();
        Assert.True(Session.Parser.TryParse(FixText.Decorate(pipeText), message, out var error), error.ToString());
        Session.Receive(message);
    }

    public void Logon(int seq = 1, int heartBtInt = 30, string extra = "")
    {
        Connect();
        Receive("A", seq, $"98=0|108={heartBtInt}|{extra}");
        var reply = Next();
        Assert.Equal("A", Field(reply, 35));
    }

    /// <summary>The next message the session sent (fails if none).</summary>
    public string Next()
    {
        Assert.True(Transport.Sent.Count > 0, "the session sent nothing");
        return Transport.Sent.Dequeue();
    }

    public void NothingSent() => Assert.True(Transport.Sent.Count == 0, "unexpected: " + string.Join(" / ", Transport.Sent));

    /// <summary>The value of the first <paramref name="tag"/> in a displayed message, or null.</summary>
    public static string? Field(string message, int tag)
    {
        var prefix = tag.ToString(CultureInfo.InvariantCulture) + "=";
        foreach (var part in message.Split('|'))
        {
            if (part.StartsWith(prefix, StringComparison.Ordinal))
                return part[prefix.Length..];
        }
        return null;
    }

    /// <summary>The fields between SendingTime/CompIDs and CheckSum, for compact assertions.</summary>
    public static string Body(string message)
    {
        var parts = message.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("8=", StringComparison.Ordinal) && !p.StartsWith("9=", StringComparison.Ordinal)
                && !p.StartsWith("10=", StringComparison.Ordinal) && !p.StartsWith("49=", StringComparison.Ordinal)
                && !p.StartsWith("56=", StringComparison.Ordinal) && !p.StartsWith("52=", StringComparison.Ordinal)
                && !p.StartsWith("122=", StringComparison.Ordinal));
        return string.Join("|", parts);
    }
}

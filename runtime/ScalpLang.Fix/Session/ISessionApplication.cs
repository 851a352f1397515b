using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Session;

public enum ApplicationResult
{
    Handled,
    /// <summary>The application does not take this MsgType: the session answers with a BusinessMessageReject (380=3).</summary>
    UnsupportedMessageType,
}

/// <summary>
/// The application behind a session. Called with the session's lock held, so a callback may
/// call <see cref="FixSession.Send"/> directly; messages passed in are valid only during the call.
/// </summary>
public interface ISessionApplication
{
    void OnLogon(FixSession session) { }
    void OnLogout(FixSession session) { }

    /// <summary>A Logon the session has verified; return a reason to refuse it (sent as Logout Text), or null.</summary>
    string? OnLogonRequest(FixSession session, FixMessage logon) => null;

    /// <summary>An administrative message the session does not handle itself (XMLnonFIX 35=n).</summary>
    ApplicationResult FromAdmin(FixSession session, FixMessage message) => ApplicationResult.Handled;

    ApplicationResult FromApp(FixSession session, FixMessage message);

    /// <summary>
    /// The session refused an incoming message with a session-level Reject (35=3), so
    /// <see cref="FromApp"/> never saw it: an application that counts on every message of a type
    /// (an order client and its ExecutionReports) learns here that one was lost.
    /// </summary>
    void OnRejectSent(FixSession session, string refMsgType, int? refSeqNum, string reason) { }

    /// <summary>Something worth logging happened (disconnect reasons, ignored garbled input...).</summary>
    void OnEvent(FixSession session, string text) { }
}

/// <summary>What the session drives: the connection it is attached to.</summary>
public interface ISessionTransport
{
    void Send(ReadOnlySpan<byte> message);

    /// <summary>Close the connection. The transport must not call back into the session from here.</summary>
    void Disconnect(string reason);
}

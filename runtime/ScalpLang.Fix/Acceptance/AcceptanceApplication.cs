using System.Globalization;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Acceptance;

/// <summary>
/// The application QuickFIX's acceptance scripts expect behind the acceptor (FORMAT.md, "AT
/// application"): echo NewOrderSingle (once per ClOrdID when PossResend=Y), SecurityDefinition
/// and QuoteRequest; answer News "echo:..." with a News; answer XMLnonFIX with a News naming its
/// MsgSeqNum; take TradeCaptureReportRequest silently; refuse every other MsgType.
/// </summary>
public sealed class AcceptanceApplication : ISessionApplication
{
    private readonly HashSet<string> _seenClOrdIds = [];
    private readonly FixMessageWriter _writer = new();

    public List<string> Events { get; } = [];

    public void OnLogout(FixSession session) => _seenClOrdIds.Clear();

    public void OnEvent(FixSession session, string text)
    {
        lock (Events)
        {
            if (Events.Count > 10_000)
                Events.RemoveRange(0, 5_000);
            Events.Add(text);
        }
    }

    public ApplicationResult FromAdmin(FixSession session, FixMessage message)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(message);
        if (message.MsgType.SequenceEqual("n"u8))
        {
            message.TryGetInt(FixTag.MsgSeqNum, out var seq);
            session.Send(_writer.Begin(session.Id.BeginString, "B")
                .Field(148, string.Create(CultureInfo.InvariantCulture, $"Successfully received 'n' message with seqNo={seq}")));
        }
        return ApplicationResult.Handled;
    }

    public ApplicationResult FromApp(FixSession session, FixMessage message)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(message);
        var type = message.MsgType;
        if (type.SequenceEqual("D"u8))
        {
            var clOrdId = message.GetString(FixTag.ClOrdID) ?? "";
            var possResend = message.TryGetBoolean(FixTag.PossResend, out var flag) && flag;
            if (!_seenClOrdIds.Add(clOrdId) && possResend)
                return ApplicationResult.Handled;
            Echo(session, message);
            return ApplicationResult.Handled;
        }
        if (type.SequenceEqual("d"u8) || (type.SequenceEqual("R"u8) && session.Id.BeginString != "FIX.4.2"))
        {
            Echo(session, message);
            return ApplicationResult.Handled;
        }
        if (type.SequenceEqual("B"u8))
        {
            if (message.TryGetValue(148, out var headline) && headline.StartsWith("echo:"u8))
            {
                var w = _writer.Begin(session.Id.BeginString, "B");
                if (message.TryGetValue(FixTag.MessageEncoding, out var encoding))
                    w.Header(FixTag.MessageEncoding, encoding);
                w.Field(148, headline[5..]);
                if (message.TryGetValue(358, out var encodedLength))
                    w.Field(358, encodedLength);
                if (message.TryGetValue(359, out var encoded))
                    w.Field(359, encoded);
                session.Send(w);
            }
            return ApplicationResult.Handled;
        }
        if (type.SequenceEqual("AD"u8) && session.Id.BeginString != "FIX.4.2")
            return ApplicationResult.Handled;
        return ApplicationResult.UnsupportedMessageType;
    }

    private void Echo(FixSession session, FixMessage message)
    {
        var w = _writer.Begin(message.BeginString, message.MsgType);
        FixBodyCopy.CopySorted(message, w);
        session.Send(w);
    }
}

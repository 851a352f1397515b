using System.Collections.Concurrent;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Venue;

/// <summary>
/// The client side of a FIX venue session: runs on the session's I/O threads, reads each message
/// it receives into the engine's units at once (FIX messages are only valid during the callback)
/// and queues it for the engine thread. It never touches the engine.
/// </summary>
public sealed class VenueSessionApplication(WireUnits units, TimeProvider? clock = null) : ISessionApplication
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private string _lastEvent = "";

    /// <summary>Inbound items in session order (unbounded: the engine thread keeps up or falls behind, it never drops).</summary>
    public BlockingCollection<VenueInbound> Inbound { get; } = [];

    /// <summary>The session's last event text (a disconnect reason), for error messages.</summary>
    public string LastEvent => Volatile.Read(ref _lastEvent);

    public void OnLogon(FixSession session) => Inbound.Add(new SessionLoggedOn());

    public void OnLogout(FixSession session) => Inbound.Add(new SessionEnded(LastEvent));

    public void OnEvent(FixSession session, string text) => Volatile.Write(ref _lastEvent, text);

    /// <summary>
    /// Our session refused a message before it reached us: a lost ExecutionReport leaves the
    /// position uncertain (the run halts new orders), anything else is listed as a problem.
    /// </summary>
    public void OnRejectSent(FixSession session, string refMsgType, int? refSeqNum, string reason) =>
        Inbound.Add(new ProtocolProblem($"our session rejected {(refMsgType.Length > 0 ? "a " + refMsgType : "a message")} (MsgSeqNum {refSeqNum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}): {reason}",
            Halts: refMsgType == "8"));

    public ApplicationResult FromApp(FixSession session, FixMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.MsgType;
        switch (type.Length == 1 ? (char)type[0] : '\0')
        {
            case '8':
                Inbound.Add(ExecutionReportReader.TryRead(message, units, out var report, out var error)
                    ? new ExecutionReportReceived(report!)
                    : new ProtocolProblem(error!, Halts: true));
                return ApplicationResult.Handled;
            case '9':
                Inbound.Add(ExecutionReportReader.TryReadCancelReject(message, out var reject, out error)
                    ? new CancelRejectReceived(reject!)
                    : new ProtocolProblem(error!));
                return ApplicationResult.Handled;
            case 'W' or 'X':
                var now = _clock.GetUtcNow();
                var tsRecv = (now.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
                Inbound.Add(MarketDataReader.TryRead(message, units, tsRecv, out var update, out error)
                    ? new MarketDataReceived(update!)
                    : new ProtocolProblem(error!));
                return ApplicationResult.Handled;
            case 'j':
                // Our MarketDataRequest refused (unknown symbol...): without data there is no run.
                var refType = message.GetString(FixTag.RefMsgType);
                Inbound.Add(new ProtocolProblem($"BusinessMessageReject of our {refType ?? "message"}: {message.GetString(FixTag.Text) ?? "no reason given"}",
                    Fatal: refType == "V"));
                return ApplicationResult.Handled;
            default:
                return ApplicationResult.UnsupportedMessageType;
        }
    }
}

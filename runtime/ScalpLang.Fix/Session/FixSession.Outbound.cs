using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;

namespace ScalpLang.Fix.Session;

// Messages the session writes: its own administrative ones and the application's.
public sealed partial class FixSession
{
    private readonly FixMessageWriter _admin;
    private byte[] _out = new byte[1024];

    /// <summary>
    /// Sends an application message: <paramref name="message"/> holds BeginString, MsgType and the
    /// body (and any extra header fields); the session adds MsgSeqNum, CompIDs and SendingTime,
    /// stores it, then sends it. When not logged on the message is still stored and numbered,
    /// and reaches the counterparty through its ResendRequest after the next logon.
    /// </summary>
    /// <returns>True when the message went out now.</returns>
    public bool Send(FixMessageWriter message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            var seq = Store.NextSenderMsgSeqNum;
            var bytes = Encode(message, seq);
            Store.Append(seq, bytes);
            if (_transport is null || !_sentLogon || !_receivedLogon)
                return false;
            Transmit(bytes);
            return true;
        }
    }

    private void SendLogon()
    {
        var w = Begin("A");
        w.Field(FixTag.EncryptMethod, 0).Field(FixTag.HeartBtInt, Settings.HeartBtInt);
        if (Settings.ResetOnLogon)
        {
            Store.Reset(Now);
            _sentReset = true;
            w.Field(FixTag.ResetSeqNumFlag, true);
        }
        if (Settings.Username is { } user)
            w.Field(FixTag.Username, user);
        if (Settings.Password is { } password)
            w.Field(FixTag.Password, password);
        SendAdmin(w);
        _sentLogon = true;
    }

    private void SendLogonReply(bool resetReply)
    {
        var w = Begin("A");
        w.Field(FixTag.EncryptMethod, 0).Field(FixTag.HeartBtInt, _heartBtInt);
        if (resetReply)
            w.Field(FixTag.ResetSeqNumFlag, true);
        SendAdmin(w);
        _sentLogon = true;
    }

    private void GenerateLogout(string? text)
    {
        var w = Begin("5");
        if (text is not null)
            w.Field(FixTag.Text, text);
        SendAdmin(w);
        _sentLogout = true;
        _logoutSentAt = Now;
    }

    private void GenerateHeartbeat(ReadOnlySpan<byte> testReqId)
    {
        var w = Begin("0");
        if (!testReqId.IsEmpty)
            w.Field(FixTag.TestReqID, testReqId);
        SendAdmin(w);
    }

    private void GenerateTestRequest(string id) => SendAdmin(Begin("1").Field(FixTag.TestReqID, id));

    private void GenerateResendRequest(int receivedSeq)
    {
        var begin = ExpectedTarget;
        // FIX 4.2 and later: EndSeqNo 0 means "everything from BeginSeqNo on".
        SendAdmin(Begin("2").Field(FixTag.BeginSeqNo, begin).Field(FixTag.EndSeqNo, 0));
        _resendRange = (begin, receivedSeq - 1);
    }

    private void GenerateReject(FixMessage message, SessionRejectReason reason, int? refTag, string? text)
    {
        var w = Begin("3");
        ReverseRoute(message, w);
        var hasSeq = message.TryGetInt(FixTag.MsgSeqNum, out var seq);
        if (hasSeq)
            w.Field(FixTag.RefSeqNum, seq);
        w.Field(FixTag.Text, text ?? reason.Describe());
        if (refTag is { } tag)
            w.Field(FixTag.RefTagID, tag);
        var type = message.MsgType;
        if (!type.IsEmpty)
            w.Field(FixTag.RefMsgType, type);
        w.Field(FixTag.SessionRejectReason, (int)reason);
        SendAdmin(w);
        _app.OnRejectSent(this, Latin1(type), hasSeq ? seq : null,
            (text ?? reason.Describe()) + (refTag is { } refTagId ? $" (tag {refTagId.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : ""));
        if (!Is(type, (byte)'A') && !Is(type, (byte)'4') && hasSeq && seq == ExpectedTarget)
            IncrementTarget();
    }

    private void GenerateBusinessReject(FixMessage message, int reason, string text)
    {
        var w = Begin("j");
        ReverseRoute(message, w);
        var hasSeq = message.TryGetInt(FixTag.MsgSeqNum, out var seq);
        if (hasSeq)
            w.Field(FixTag.RefSeqNum, seq);
        w.Field(FixTag.Text, text).Field(FixTag.RefMsgType, message.MsgType).Field(FixTag.BusinessRejectReason, reason);
        SendAdmin(w);
        if (hasSeq && seq == ExpectedTarget)
            IncrementTarget();
    }

    // A reply goes back along the route the message came: OnBehalfOf* becomes DeliverTo* and back.
    private static void ReverseRoute(FixMessage message, FixMessageWriter w)
    {
        Swap(115, 128);
        Swap(116, 129);
        Swap(144, 145);

        void Swap(int a, int b)
        {
            if (message.TryGetValue(a, out var va) && !va.IsEmpty)
                w.Header(b, va);
            if (message.TryGetValue(b, out var vb) && !vb.IsEmpty)
                w.Header(a, vb);
        }
    }

    private FixMessageWriter Begin(string msgType) => _admin.Begin(Settings.Id.BeginString, msgType);

    // Session messages are numbered but not stored: a resend replaces them with a gap fill.
    private void SendAdmin(FixMessageWriter w)
    {
        var seq = Store.NextSenderMsgSeqNum;
        var bytes = Encode(w, seq);
        Store.SetNextSenderMsgSeqNum(seq + 1);
        Transmit(bytes);
    }

    private ReadOnlySpan<byte> Encode(FixMessageWriter w, int seq)
    {
        w.Header(FixTag.MsgSeqNum, seq)
            .Header(FixTag.SenderCompID, Settings.Id.SenderCompId)
            .Header(FixTag.TargetCompID, Settings.Id.TargetCompId)
            .HeaderTimestamp(FixTag.SendingTime, Now);
        return Write(w);
    }

    private ReadOnlySpan<byte> Write(FixMessageWriter w)
    {
        var length = w.Length;
        if (_out.Length < length)
            _out = new byte[Math.Max(length, _out.Length * 2)];
        return _out.AsSpan(0, w.WriteTo(_out));
    }

    private void Transmit(ReadOnlySpan<byte> bytes)
    {
        if (_transport is null)
            return;
        _transport.Send(bytes);
        _lastSent = Now;
    }
}

using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;

namespace ScalpLang.Fix.Session;

// Inbound processing, in QuickFIX's order: BeginString, logon state, dictionary validation, then
// per MsgType a verify step (SendingTime, CompIDs, MsgSeqNum too high / too low) and the handler.
public sealed partial class FixSession
{
    /// <summary>One parsed message from the counterparty (the session copies it if it must keep it).</summary>
    public void Receive(FixMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (_transport is null)
                return;
            _lastReceived = Now;
            Process(message);
            DrainQueue();
        }
    }

    /// <summary>Bytes that were not a FIX message. Ignored once logged on (the gap they leave is recovered by resend); fatal before.</summary>
    public void ReceiveGarbled(FixParseError error)
    {
        lock (_gate)
        {
            if (_transport is null)
                return;
            if (!_receivedLogon)
            {
                Disconnect("garbled message before Logon: " + error.Message);
                return;
            }
            _app.OnEvent(this, "Ignored garbled message: " + error.Message);
        }
    }

    private void Process(FixMessage message)
    {
        var type = message.MsgType;
        var isLogon = Is(type, (byte)'A');
        if (!message.BeginString.SequenceEqual(_beginString))
        {
            if (!_receivedLogon)
            {
                Disconnect("unexpected BeginString " + Latin1(message.BeginString));
                return;
            }
            if (Is(type, (byte)'5'))
            {
                NextLogout(message);
                return;
            }
            GenerateLogout($"Incorrect BeginString ({Latin1(message.BeginString)})");
            IncrementTarget();
            return;
        }
        if (!_receivedLogon && !isLogon)
        {
            // A counterparty that refuses our Logon answers with a Logout whose Text says why.
            Disconnect(Is(type, (byte)'5')
                ? "logon refused: " + (message.GetString(FixTag.Text) ?? "the counterparty gave no reason")
                : "first message is not a Logon");
            return;
        }
        var reject = Dictionary.Validate(message, _validation);
        if (reject.IsRejected)
        {
            if (isLogon)
                Disconnect("invalid Logon: " + reject.Text);
            else
                GenerateReject(message, reject.Reason, reject.HasRefTagId ? reject.RefTagId : null, reject.Text);
            return;
        }
        switch (type.Length == 1 ? type[0] : (byte)0)
        {
            case (byte)'A':
                NextLogon(message);
                break;
            case (byte)'0':
            case (byte)'3':
                if (Verify(message, true, true))
                    IncrementTarget();
                break;
            case (byte)'1':
                if (Verify(message, true, true))
                {
                    message.TryGetValue(FixTag.TestReqID, out var id);
                    GenerateHeartbeat(id);
                    IncrementTarget();
                }
                break;
            case (byte)'2':
                NextResendRequest(message);
                break;
            case (byte)'4':
                NextSequenceReset(message);
                break;
            case (byte)'5':
                NextLogout(message);
                break;
            default:
                NextApplicationMessage(message);
                break;
        }
    }

    private void NextApplicationMessage(FixMessage message)
    {
        if (!Verify(message, true, true))
            return;
        var result = message.IsAdmin ? _app.FromAdmin(this, message) : _app.FromApp(this, message);
        if (_transport is null)
            return;
        if (result == ApplicationResult.UnsupportedMessageType)
            GenerateBusinessReject(message, 3, "Unsupported Message Type");
        else
            IncrementTarget();
    }

    private void NextLogon(FixMessage logon)
    {
        var now = Now;
        if (!Settings.Schedule.IsInSession(now))
        {
            Disconnect("Logon outside the session schedule");
            return;
        }
        if (IsInitiator && !_sentLogon)
        {
            Disconnect("Logon response before a Logon was sent");
            return;
        }
        var resetRequested = logon.TryGetBoolean(FixTag.ResetSeqNumFlag, out var flag) && flag;
        if (resetRequested && !_sentReset)
            Store.Reset(now);
        if (!IsInitiator && Settings.ResetOnLogon)
            Store.Reset(now);
        if (!Verify(logon, false, true))
            return;
        if (!IsInitiator && !CredentialsMatch(logon))
        {
            RefuseLogon("Invalid username or password");
            return;
        }
        if (_app.OnLogonRequest(this, logon) is { } refusal)
        {
            RefuseLogon(refusal);
            return;
        }
        _receivedLogon = true;
        if (!IsInitiator || (resetRequested && !_sentReset))
        {
            if (logon.TryGetInt(FixTag.HeartBtInt, out var heartBtInt) && heartBtInt >= 0)
                _heartBtInt = heartBtInt;
            SendLogonReply(resetRequested && IsInitiator);
        }
        _sentReset = false;
        logon.TryGetInt(FixTag.MsgSeqNum, out var seq);
        if (seq > ExpectedTarget && !resetRequested)
            DoTargetTooHigh(logon, seq);
        else
            IncrementTarget();
        if (_transport is not null && _sentLogon && _receivedLogon)
        {
            _app.OnEvent(this, "Logged on");
            _app.OnLogon(this);
        }
    }

    private bool CredentialsMatch(FixMessage logon)
    {
        if (Settings.Username is null && Settings.Password is null)
            return true;
        return Matches(logon, FixTag.Username, Settings.Username) && Matches(logon, FixTag.Password, Settings.Password);

        static bool Matches(FixMessage m, int tag, string? expected) =>
            expected is null || (m.TryGetValue(tag, out var v) && Latin1(v) == expected);
    }

    private void RefuseLogon(string reason)
    {
        _receivedLogon = true; // so the Logout below is a reply to this Logon
        GenerateLogout(reason);
        Disconnect("Logon refused: " + reason);
    }

    private void NextLogout(FixMessage logout)
    {
        if (!Verify(logout, false, false))
            return;
        if (!_sentLogout)
            GenerateLogout(null);
        IncrementTarget();
        if (Settings.ResetOnLogout)
            Store.Reset(Now);
        Disconnect("Logout");
    }

    private void NextSequenceReset(FixMessage message)
    {
        var gapFill = message.TryGetBoolean(FixTag.GapFillFlag, out var flag) && flag;
        if (!Verify(message, gapFill, gapFill))
            return;
        if (!message.TryGetInt(FixTag.NewSeqNo, out var newSeqNo))
            return;
        if (newSeqNo > ExpectedTarget)
            Store.SetNextTargetMsgSeqNum(newSeqNo);
        else if (newSeqNo < ExpectedTarget)
            GenerateReject(message, SessionRejectReason.ValueIsIncorrect, FixTag.NewSeqNo, null);
    }

    // SendingTime, CompIDs, then MsgSeqNum; false when the message must not be processed further.
    private bool Verify(FixMessage message, bool checkTooHigh, bool checkTooLow)
    {
        var isLogon = Is(message.MsgType, (byte)'A');
        if (!IsGoodTime(message))
        {
            if (isLogon)
                Disconnect("Logon SendingTime accuracy problem");
            else
            {
                GenerateReject(message, SessionRejectReason.SendingTimeAccuracyProblem, null, null);
                GenerateLogout(null);
            }
            return false;
        }
        if (!IsCorrectCompId(message))
        {
            if (isLogon)
                Disconnect("Logon CompID problem");
            else
            {
                GenerateReject(message, SessionRejectReason.CompIdProblem, null, null);
                GenerateLogout(null);
            }
            return false;
        }
        message.TryGetInt(FixTag.MsgSeqNum, out var seq);
        if (checkTooHigh && seq > ExpectedTarget)
        {
            DoTargetTooHigh(message, seq);
            return false;
        }
        if (checkTooLow && seq < ExpectedTarget)
        {
            DoTargetTooLow(message, seq);
            return false;
        }
        if ((checkTooHigh || checkTooLow) && _resendRange is { } range && seq >= range.End)
            _resendRange = null;
        _testRequests = 0;
        return true;
    }

    private bool IsGoodTime(FixMessage message)
    {
        if (!Settings.CheckLatency)
            return true;
        if (!message.TryGetUtcTimestamp(FixTag.SendingTime, out var sent))
            return false;
        return (Now - sent).Duration() <= Settings.MaxLatency;
    }

    private bool IsCorrectCompId(FixMessage message) =>
        message.TryGetValue(FixTag.SenderCompID, out var sender) && Equal(sender, Settings.Id.TargetCompId)
        && message.TryGetValue(FixTag.TargetCompID, out var target) && Equal(target, Settings.Id.SenderCompId);

    private void DoTargetTooHigh(FixMessage message, int seq)
    {
        if (_queue.Count >= Settings.MaxQueuedMessages)
        {
            GenerateLogout("Too many messages ahead of a sequence gap");
            Disconnect("queue of early messages is full");
            return;
        }
        _queue[seq] = message.Clone();
        _app.OnEvent(this, $"MsgSeqNum too high, expecting {ExpectedTarget} but received {seq}");
        if (_resendRange is { } range && !Settings.SendRedundantResendRequests && seq >= range.Begin)
            return;
        GenerateResendRequest(seq);
    }

    private void DoTargetTooLow(FixMessage message, int seq)
    {
        var possDup = message.TryGetBoolean(FixTag.PossDupFlag, out var flag) && flag;
        if (!possDup)
        {
            var text = $"MsgSeqNum too low, expecting {ExpectedTarget} but received {seq}";
            GenerateLogout(text);
            Disconnect(text);
            return;
        }
        // A possible duplicate of something already processed: ignore it, after QuickFIX's checks.
        if (Is(message.MsgType, (byte)'4'))
            return;
        if (!message.TryGetUtcTimestamp(FixTag.OrigSendingTime, out var orig))
        {
            GenerateReject(message, SessionRejectReason.RequiredTagMissing, FixTag.OrigSendingTime, null);
            return;
        }
        if (message.TryGetUtcTimestamp(FixTag.SendingTime, out var sent) && orig > sent)
        {
            GenerateReject(message, SessionRejectReason.SendingTimeAccuracyProblem, null, null);
            GenerateLogout(null);
        }
    }

    // Messages that arrived early are processed once the gap before them is filled.
    private void DrainQueue()
    {
        while (_transport is not null && _queue.Count > 0)
        {
            while (_queue.Count > 0 && _queue.Keys[0] < ExpectedTarget)
                _queue.RemoveAt(0);
            if (_queue.Count == 0 || _queue.Keys[0] != ExpectedTarget)
                return;
            var message = _queue.Values[0];
            _queue.RemoveAt(0);
            var type = message.MsgType;
            if (Is(type, (byte)'A') || Is(type, (byte)'2'))
                IncrementTarget();
            else
                Process(message);
        }
    }

    private void IncrementTarget() => Store.SetNextTargetMsgSeqNum(ExpectedTarget + 1);

    private static bool Is(ReadOnlySpan<byte> msgType, byte single) => msgType.Length == 1 && msgType[0] == single;

    private static bool Equal(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length)
            return false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != text[i])
                return false;
        }
        return true;
    }

    private static string Latin1(ReadOnlySpan<byte> bytes) => System.Text.Encoding.Latin1.GetString(bytes);
}

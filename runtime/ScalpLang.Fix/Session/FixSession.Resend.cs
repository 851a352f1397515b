using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Session;

// Answering a ResendRequest: stored application messages go out again with PossDupFlag=Y and
// OrigSendingTime; every run of sequence numbers with no stored message (session messages, or
// numbers never stored) becomes one SequenceReset-GapFill, as QuickFIX does.
public sealed partial class FixSession
{
    private readonly FixParser _resendParser;
    private readonly FixMessage _resent = new();
    private readonly FixMessageWriter _resendWriter = new();

    private void NextResendRequest(FixMessage request)
    {
        if (!Verify(request, false, false))
            return;
        request.TryGetInt(FixTag.BeginSeqNo, out var begin);
        request.TryGetInt(FixTag.EndSeqNo, out var end);
        var next = Store.NextSenderMsgSeqNum;
        var infinity = end == 0 || (Settings.Id.BeginString == "FIX.4.2" && end == 999_999);
        if (infinity || end >= next)
            end = next - 1;
        begin = Math.Max(begin, 1);
        _app.OnEvent(this, $"Received ResendRequest FROM: {begin} TO: {end}");
        var current = begin;
        Store.Get(begin, end, (seq, bytes) =>
        {
            if (_transport is null)
                return;
            if (seq > current)
                SendGapFill(current, seq);
            Resend(bytes.Span);
            current = seq + 1;
        });
        if (current <= end && _transport is not null)
            SendGapFill(current, end + 1);
        request.TryGetInt(FixTag.MsgSeqNum, out var requestSeq);
        if (requestSeq == ExpectedTarget)
            IncrementTarget();
    }

    private void SendGapFill(int seq, int newSeqNo)
    {
        var now = Now;
        var w = _admin.Begin(Settings.Id.BeginString, "4")
            .Header(FixTag.MsgSeqNum, seq)
            .Header(FixTag.PossDupFlag, true)
            .Header(FixTag.SenderCompID, Settings.Id.SenderCompId)
            .Header(FixTag.TargetCompID, Settings.Id.TargetCompId)
            .HeaderTimestamp(FixTag.SendingTime, now)
            .HeaderTimestamp(FixTag.OrigSendingTime, now)
            .Field(FixTag.NewSeqNo, newSeqNo)
            .Field(FixTag.GapFillFlag, true);
        Transmit(Write(w));
    }

    // The stored bytes with a new header: PossDupFlag=Y, OrigSendingTime = the first SendingTime.
    private void Resend(ReadOnlySpan<byte> stored)
    {
        if (!_resendParser.TryParse(stored, _resent, out var error))
        {
            _app.OnEvent(this, "Stored message cannot be parsed, not resent: " + error.Message);
            return;
        }
        var w = _resendWriter.Begin(_resent.BeginString, _resent.MsgType);
        var bodyStart = -1;
        var bodyEnd = stored.Length;
        foreach (var field in _resent.AllFields)
        {
            if (field.Tag == FixTag.CheckSum || field.Section == FixSection.Trailer)
            {
                bodyEnd = Math.Min(bodyEnd, FieldStart(field));
                break;
            }
            if (field.Section == FixSection.Header && !field.IsInGroup)
            {
                switch (field.Tag)
                {
                    case FixTag.BeginString or FixTag.BodyLength or FixTag.MsgType or FixTag.PossDupFlag or FixTag.OrigSendingTime:
                        break;
                    case FixTag.SendingTime:
                        w.Header(FixTag.OrigSendingTime, _resent.GetValue(field));
                        break;
                    default:
                        w.Header(field.Tag, _resent.GetValue(field));
                        break;
                }
            }
            else if (bodyStart < 0)
                bodyStart = FieldStart(field);
        }
        w.Header(FixTag.PossDupFlag, true).HeaderTimestamp(FixTag.SendingTime, Now);
        if (bodyStart >= 0 && bodyEnd > bodyStart)
            w.RawBody(stored[bodyStart..bodyEnd]);
        Transmit(Write(w));
    }

    private static int FieldStart(FixField field) => field.ValueOffset - FixValue.CountDigits((uint)field.Tag) - 1;
}

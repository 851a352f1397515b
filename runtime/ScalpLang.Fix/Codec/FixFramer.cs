using System.Buffers;

namespace ScalpLang.Fix.Codec;

public enum FixFrameStatus
{
    /// <summary>A message lies at [<see cref="FixFrame.Start"/>, <see cref="FixFrame.End"/>).</summary>
    Message,
    /// <summary>No complete message yet; drop the first <see cref="FixFrame.Consumed"/> bytes (garbage) and read more.</summary>
    NeedMoreData,
    /// <summary>Bytes that cannot start a message; drop <see cref="FixFrame.Consumed"/> bytes (always at least one) and look again.</summary>
    Invalid,
}

/// <summary>Where the next message in a byte stream is, or why there is none yet.</summary>
public readonly struct FixFrame
{
    internal FixFrame(FixFrameStatus status, int start, int length, int consumed, FixParseError error = default)
    {
        Status = status;
        Start = start;
        Length = length;
        Consumed = consumed;
        Error = error;
    }

    public FixFrameStatus Status { get; }

    /// <summary>Offset of the message's 8= (bytes before it were garbage).</summary>
    public int Start { get; }
    public int Length { get; }
    public int End => Start + Length;

    /// <summary>How many bytes the caller may drop from the front of its buffer after handling this result.</summary>
    public int Consumed { get; }

    /// <summary>For <see cref="FixFrameStatus.Invalid"/>: what was wrong.</summary>
    public FixParseError Error { get; }
}

/// <summary>
/// Cuts FIX messages out of a byte stream. A message is found the way QuickFIX finds it: skip to
/// "8=FIX", read BeginString and BodyLength, expect "10=nnn" SOH right after the body; when it is not
/// there (a wrong BodyLength), the message is taken to end at the first SOH "10=" after the
/// declared end, so that the parser reports the mismatch and the stream resynchronises. Every
/// call returns at once and every Invalid result consumes bytes, so no input can stall the loop.
/// The static span overload is thread-safe; an instance keeps a scratch buffer for multi-segment
/// sequences and belongs to one connection.
/// </summary>
public sealed class FixFramer
{
    // BeginString values are short ("FIX.4.4", "FIXT.1.1"); anything longer is garbage.
    private const int MaxBeginStringLength = 16;
    // BodyLength digits, zero padding included.
    private const int MaxBodyLengthDigits = 10;

    private byte[] _scratch = [];

    public FixFramer(FixCodecOptions? options = null) => Options = options ?? FixCodecOptions.Default;

    public FixCodecOptions Options { get; }

    public FixFrame Find(ReadOnlySpan<byte> buffer) => Find(buffer, Options.MaxMessageSize);

    /// <summary>
    /// The same over a (possibly multi-segment) sequence; offsets are from the sequence start.
    /// A message split across segments is copied into a scratch buffer first.
    /// </summary>
    public FixFrame Find(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
            return Find(buffer.FirstSpan);
        // Look at a growing prefix: a message is at most MaxMessageSize long and garbage before
        // it is dropped in steps, so a bounded window always makes progress.
        var limit = (int)Math.Min(buffer.Length, (long)Options.MaxMessageSize * 2 + 64);
        var window = Math.Min(limit, 4096);
        while (true)
        {
            if (_scratch.Length < window)
                _scratch = new byte[Math.Max(window, _scratch.Length * 2)];
            buffer.Slice(0, window).CopyTo(_scratch);
            var frame = Find(_scratch.AsSpan(0, window));
            if (frame.Status != FixFrameStatus.NeedMoreData || window == limit)
                return frame;
            window = Math.Min(limit, window * 4);
        }
    }

    public static FixFrame Find(ReadOnlySpan<byte> buffer, int maxMessageSize)
    {
        // Every BeginString starts with FIX (FIX.4.2, FIX.4.4, FIXT.1.1): "8=FIX" marks a message.
        var start = buffer.IndexOf("8=FIX"u8);
        if (start < 0)
        {
            // Keep a tail that may be the start of the next message's "8=FIX".
            return new FixFrame(FixFrameStatus.NeedMoreData, 0, 0, buffer.Length - PartialMarkerLength(buffer));
        }
        var rest = buffer[start..];

        // 8=value SOH, the value short and without '=' (else this "8=FIX" was inside garbage)
        var beginEnd = rest[2..Math.Min(rest.Length, 2 + MaxBeginStringLength + 1)].IndexOf(FixValue.Soh);
        if (beginEnd < 0)
        {
            return rest.Length < 2 + MaxBeginStringLength + 1
                ? new FixFrame(FixFrameStatus.NeedMoreData, start, 0, start)
                : Invalid(start, FixErrorCode.InvalidBeginString, start);
        }
        if (rest.Slice(2, beginEnd).Contains((byte)'='))
            return Invalid(start, FixErrorCode.InvalidBeginString, start);
        var p = 2 + beginEnd + 1;

        // 9=digits SOH
        if (rest.Length < p + 2)
            return new FixFrame(FixFrameStatus.NeedMoreData, start, 0, start);
        if (rest[p] != (byte)'9' || rest[p + 1] != (byte)'=')
            return Invalid(start, FixErrorCode.MissingBodyLength, start + p);
        var digits = p + 2;
        long bodyLength = 0;
        var q = digits;
        for (; q < rest.Length && rest[q] != FixValue.Soh; q++)
        {
            var d = (uint)(rest[q] - '0');
            if (d > 9 || q - digits >= MaxBodyLengthDigits)
                return Invalid(start, FixErrorCode.InvalidBodyLength, start + p);
            bodyLength = bodyLength * 10 + d;
        }
        if (q >= rest.Length)
            return new FixFrame(FixFrameStatus.NeedMoreData, start, 0, start);
        if (q == digits)
            return Invalid(start, FixErrorCode.InvalidBodyLength, start + p);
        var bodyStart = q + 1;
        var declaredEnd = bodyStart + bodyLength;
        if (declaredEnd + 5 > maxMessageSize)
            return new FixFrame(FixFrameStatus.Invalid, start, 0, start + 2,
                new FixParseError(FixErrorCode.MessageTooLarge, start, expected: maxMessageSize, actual: declaredEnd + 5));

        // Strictly where BodyLength says: 10= one to three digits SOH.
        var end = (int)declaredEnd;
        if (rest.Length < end + 5)
        {
            // Not all there yet, unless a CheckSum field is already visible past a too-short BodyLength.
            if (rest.Length > end && !rest[end..].StartsWith("10="u8) && TryResync(rest, end, out var resynced))
                return new FixFrame(FixFrameStatus.Message, start, resynced, start + resynced);
            return new FixFrame(FixFrameStatus.NeedMoreData, start, 0, start);
        }
        if (rest[end] == (byte)'1' && rest[end + 1] == (byte)'0' && rest[end + 2] == (byte)'=')
        {
            for (var i = end + 3; i < rest.Length && i <= end + 6; i++)
            {
                if (rest[i] == FixValue.Soh)
                    return i > end + 3 ? new FixFrame(FixFrameStatus.Message, start, i + 1, start + i + 1) : Resync(rest, start, end, maxMessageSize);
                if ((uint)(rest[i] - '0') > 9)
                    break;
            }
            if (rest.Length <= end + 6)
                return new FixFrame(FixFrameStatus.NeedMoreData, start, 0, start);
        }
        return Resync(rest, start, end, maxMessageSize);
    }

    // BodyLength is wrong: take the message to end at the first SOH "10=" digits SOH after the
    // declared end (QuickFIX's rule), so the parser reports the mismatch.
    private static FixFrame Resync(ReadOnlySpan<byte> rest, int start, int declaredEnd, int maxMessageSize)
    {
        if (TryResync(rest, declaredEnd, out var length))
        {
            return length > maxMessageSize
                ? new FixFrame(FixFrameStatus.Invalid, start, 0, start + length,
                    new FixParseError(FixErrorCode.MessageTooLarge, start, expected: maxMessageSize, actual: length))
                : new FixFrame(FixFrameStatus.Message, start, length, start + length);
        }
        return rest.Length > maxMessageSize
            ? new FixFrame(FixFrameStatus.Invalid, start, 0, start + 2,
                new FixParseError(FixErrorCode.MessageTooLarge, start, expected: maxMessageSize, actual: rest.Length))
            : new FixFrame(FixFrameStatus.NeedMoreData, start, 0, start);
    }

    private static bool TryResync(ReadOnlySpan<byte> rest, int declaredEnd, out int length)
    {
        length = 0;
        var from = Math.Max(declaredEnd - 1, 0);
        while (from < rest.Length)
        {
            var hit = rest[from..].IndexOf("\u000110="u8);
            if (hit < 0)
                return false;
            var digits = from + hit + 4;
            var i = digits;
            while (i < rest.Length && i - digits < 3 && (uint)(rest[i] - '0') <= 9)
                i++;
            if (i >= rest.Length)
                return false;
            if (rest[i] == FixValue.Soh && i > digits)
            {
                length = i + 1;
                return true;
            }
            from = from + hit + 1;
        }
        return false;
    }

    private static int PartialMarkerLength(ReadOnlySpan<byte> buffer)
    {
        var marker = "8=FIX"u8;
        for (var n = Math.Min(marker.Length - 1, buffer.Length); n > 0; n--)
        {
            if (buffer[^n..].SequenceEqual(marker[..n]))
                return n;
        }
        return 0;
    }

    private static FixFrame Invalid(int start, FixErrorCode code, int offset) =>
        new(FixFrameStatus.Invalid, start, 0, start + 2, new FixParseError(code, offset));
}

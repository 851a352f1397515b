using System.Buffers;
using System.Globalization;
using ScalpLang.Fix.Dictionaries;

namespace ScalpLang.Fix.Codec;

/// <summary>Limits shared by the framer and the parser.</summary>
public sealed class FixCodecOptions
{
    public static FixCodecOptions Default { get; } = new();

    /// <summary>The largest message accepted, in bytes from 8= through the CheckSum's SOH (default 64 KiB).</summary>
    public int MaxMessageSize { get; init; } = 64 * 1024;
}

/// <summary>
/// Parses one complete FIX message (as cut by <see cref="FixFramer"/>) into a reusable
/// <see cref="FixMessage"/>: checks that it starts 8=, 9=, 35=, that BodyLength reaches exactly
/// the CheckSum field and that CheckSum is right, splits the fields (length-prefixed data fields
/// may contain SOH) and, with a dictionary, builds the repeating groups and records the structural
/// problems that validation reports. Stateless and thread-safe; the message is not.
/// </summary>
public sealed class FixParser
{
    private readonly FixDictionary? _dictionary;
    private readonly FixTagTable _table;

    public FixParser(FixDictionary? dictionary = null, FixCodecOptions? options = null)
    {
        _dictionary = dictionary;
        _table = dictionary?.TagTable ?? FixTagTable.Default;
        Options = options ?? FixCodecOptions.Default;
    }

    public FixDictionary? Dictionary => _dictionary;
    public FixCodecOptions Options { get; }

    /// <summary>Copies <paramref name="bytes"/> into <paramref name="message"/> and parses them.</summary>
    /// <returns>
    /// False with <paramref name="error"/> set when the bytes are not a well-formed message
    /// (garbled); <paramref name="message"/> is then empty.
    /// </returns>
    public bool TryParse(ReadOnlySpan<byte> bytes, FixMessage message, out FixParseError error)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (bytes.Length > Options.MaxMessageSize)
        {
            message.Reset(0);
            error = new FixParseError(FixErrorCode.MessageTooLarge, 0, expected: Options.MaxMessageSize, actual: bytes.Length);
            return false;
        }
        message.Reset(bytes.Length);
        bytes.CopyTo(message.Buffer);
        message.Length = bytes.Length;
        return Parse(message, out error) || Cleared(message);
    }

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, FixMessage, out FixParseError)"/>
    public bool TryParse(in ReadOnlySequence<byte> bytes, FixMessage message, out FixParseError error)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (bytes.IsSingleSegment)
            return TryParse(bytes.FirstSpan, message, out error);
        if (bytes.Length > Options.MaxMessageSize)
        {
            message.Reset(0);
            error = new FixParseError(FixErrorCode.MessageTooLarge, 0, expected: Options.MaxMessageSize, actual: bytes.Length);
            return false;
        }
        var length = (int)bytes.Length;
        message.Reset(length);
        bytes.CopyTo(message.Buffer);
        message.Length = length;
        return Parse(message, out error) || Cleared(message);
    }

    // A failed parse leaves an empty message, not half of one.
    private static bool Cleared(FixMessage message)
    {
        message.Reset(0);
        return false;
    }

    private bool Parse(FixMessage m, out FixParseError error)
    {
        var n = m.Length;
        var span = new ReadOnlySpan<byte>(m.Buffer, 0, n);
        m.Dictionary = _dictionary;

        // 8=BeginString
        if (n < 2 || span[0] != (byte)'8' || span[1] != (byte)'=')
            return Fail(out error, FixErrorCode.MissingBeginString, 0);
        var beginEnd = span[2..].IndexOf(FixValue.Soh);
        if (beginEnd <= 0)
            return Fail(out error, FixErrorCode.InvalidBeginString, 0);
        beginEnd += 2;
        m.AddTop(FixTag.BeginString, 2, beginEnd - 2, FixSection.Header);

        // 9=BodyLength (zero-padded values are accepted)
        var p = beginEnd + 1;
        if (p + 2 > n || span[p] != (byte)'9' || span[p + 1] != (byte)'=')
            return Fail(out error, FixErrorCode.MissingBodyLength, p);
        var lengthEnd = span[(p + 2)..].IndexOf(FixValue.Soh);
        if (lengthEnd < 0 || !FixValue.TryParseUnsigned(span.Slice(p + 2, lengthEnd), out var bodyLength))
            return Fail(out error, FixErrorCode.InvalidBodyLength, p);
        lengthEnd += p + 2;
        m.AddTop(FixTag.BodyLength, p + 2, lengthEnd - p - 2, FixSection.Header);
        var bodyStart = lengthEnd + 1;

        // 10=CheckSum SOH, last; BodyLength must reach exactly its first byte.
        if (span[n - 1] != FixValue.Soh)
            return Fail(out error, FixErrorCode.MissingCheckSum, n - 1);
        var trailerStart = span[..(n - 1)].LastIndexOf(FixValue.Soh) + 1;
        if (trailerStart < bodyStart || n - trailerStart < 4
            || span[trailerStart] != (byte)'1' || span[trailerStart + 1] != (byte)'0' || span[trailerStart + 2] != (byte)'=')
        {
            return Fail(out error, FixErrorCode.MissingCheckSum, Math.Max(trailerStart, bodyStart));
        }
        var checksumDigits = span[(trailerStart + 3)..(n - 1)];
        if (checksumDigits.Length > 3 || !FixValue.TryParseUnsigned(checksumDigits, out var declaredChecksum))
            return Fail(out error, FixErrorCode.InvalidCheckSum, trailerStart);
        if (trailerStart - bodyStart != bodyLength)
            return Fail(out error, FixErrorCode.BodyLengthMismatch, p, expected: bodyLength, actual: trailerStart - bodyStart);
        var positions = m.SohPositionsFor(bodyLength);
        var sohCount = FixScan.IndexSoh(span, bodyStart, trailerStart, positions, out var bodySum);
        var checksum = (int)((FixChecksum.Sum(span[..bodyStart]) + bodySum) & 0xFF);
        if (checksum != declaredChecksum)
            return Fail(out error, FixErrorCode.CheckSumMismatch, trailerStart, expected: declaredChecksum, actual: checksum);

        if (!ParseFields(m, span, bodyStart, trailerStart, positions, sohCount, out error))
            return false;
        m.AddTop(FixTag.CheckSum, trailerStart + 3, checksumDigits.Length, FixSection.Trailer);
        if (m.NestedGroups)
            m.MakeEntriesContiguous();
        return true;
    }

    private bool ParseFields(FixMessage m, ReadOnlySpan<byte> span, int start, int end, int[] positions, int sohCount, out FixParseError error)
    {
        var next = 0; // the first SOH position not yet used
        var table = _table;
        var dictionary = _dictionary;
        var frames = m.Frames;
        var depth = 0;
        var section = FixSection.Header;
        FixMessageDef? definition = null;
        var pos = start;
        var sawMsgType = false;

        while (pos < end)
        {
            // tag: an optional '-' (QuickFIX reads "-1=x" as tag -1 and rejects it as invalid) and digits
            var q = pos;
            var negative = span[q] == (byte)'-';
            if (negative)
                q++;
            var digitsStart = q;
            var tag = 0;
            while (q < end)
            {
                var d = (uint)(span[q] - '0');
                if (d > 9)
                    break;
                if (q - digitsStart == 9)
                    return Fail(out error, FixErrorCode.InvalidTag, pos);
                tag = tag * 10 + (int)d;
                q++;
            }
            if (q == digitsStart || q >= end || span[q] != (byte)'=')
                return Fail(out error, FixErrorCode.InvalidTag, pos);
            if (negative)
                tag = -tag;

            // value: up to SOH, or as many bytes as the preceding length field says for data fields
            var valueStart = q + 1;
            int valueEnd;
            var flags = table[tag];
            var openEntry = depth > 0 ? frames[depth - 1].Entry : -1;
            if ((flags & FixTagTable.Data) != 0 && FindDataLength(m, tag, openEntry, out var dataLength))
            {
                valueEnd = valueStart + dataLength;
                if (dataLength < 0 || valueEnd >= end || span[valueEnd] != FixValue.Soh)
                    return Fail(out error, FixErrorCode.InvalidDataLength, pos, tag, actual: dataLength);
                while (next < sohCount && positions[next] < valueEnd)
                    next++; // SOH bytes inside the data
            }
            else
            {
                while (next < sohCount && positions[next] < valueStart)
                    next++;
                if (next >= sohCount)
                    return Fail(out error, FixErrorCode.MissingSeparator, pos, tag);
                valueEnd = positions[next];
            }
            next++;

            if (!sawMsgType)
            {
                if (tag != FixTag.MsgType)
                    return Fail(out error, FixErrorCode.MissingMsgType, pos);
                sawMsgType = true;
                definition = dictionary?.GetMessage(span[valueStart..valueEnd]);
                m.Definition = definition;
            }

            // place the field: in the innermost open group that has it as a member, else top level
            var entry = -1;
            var fieldSection = section;
            while (depth > 0)
            {
                ref var top = ref frames[depth - 1];
                var position = top.Def.PositionOf(tag);
                if (position < 0)
                {
                    CloseFrame(m, ref top);
                    depth--;
                    continue;
                }
                if (tag == top.Def.DelimiterTag)
                {
                    if (top.Entry >= 0)
                        m.Entries[top.Entry].EndField = m.FieldsUsed;
                    top.Entry = m.AddEntry(top.Group, m.FieldsUsed);
                }
                else if (top.Entry < 0)
                {
                    // A member before any delimiter: QuickFIX rejects the message (373=99).
                    if (!m.GroupStructureReject.IsRejected)
                    {
                        m.GroupStructureReject = FixReject.WithText(SessionRejectReason.Other, top.Def.CounterTag,
                            string.Create(CultureInfo.InvariantCulture, $"Group {top.Def.CounterTag}'s first entry does not start with delimiter {top.Def.DelimiterTag}"));
                    }
                    CloseFrame(m, ref top);
                    depth--;
                    continue;
                }
                else if (EntryHas(m, top.Entry, tag))
                {
                    if (!m.GroupStructureReject.IsRejected)
                    {
                        m.GroupStructureReject = FixReject.WithText(SessionRejectReason.Other, top.Def.CounterTag,
                            string.Create(CultureInfo.InvariantCulture, $"Group {top.Def.CounterTag} contains a repeat occurrence of tag {tag} in a single group, which is illegal."));
                    }
                }
                else if (position < top.LastPosition && !m.HasGroupOrderViolation)
                {
                    m.HasGroupOrderViolation = true;
                    m.GroupOrderViolationTag = tag;
                }
                top.LastPosition = position;
                entry = top.Entry;
                fieldSection = top.Section;
                break;
            }

            int field;
            if (entry >= 0)
            {
                field = m.AddSlot(tag, valueStart, valueEnd - valueStart, entry, fieldSection);
            }
            else
            {
                if ((flags & FixTagTable.Header) != 0)
                {
                    fieldSection = FixSection.Header;
                    if (section != FixSection.Header)
                        NoteOutOfOrder(m, tag);
                }
                else if ((flags & FixTagTable.Trailer) != 0)
                {
                    fieldSection = section = FixSection.Trailer;
                }
                else
                {
                    fieldSection = FixSection.Body;
                    if (section == FixSection.Trailer)
                        NoteOutOfOrder(m, tag);
                    else
                        section = FixSection.Body;
                }
                field = m.AddTop(tag, valueStart, valueEnd - valueStart, fieldSection);
            }

            // a NumInGroup counter the dictionary knows in this context opens a group
            if ((flags & FixTagTable.Counter) != 0 && dictionary is not null)
            {
                var group = entry >= 0
                    ? frames[depth - 1].Def.GetGroup(tag)
                    : fieldSection switch
                    {
                        FixSection.Header => dictionary.Header.GetGroup(tag),
                        FixSection.Body => definition?.GetGroup(tag),
                        _ => dictionary.Trailer.GetGroup(tag),
                    };
                if (group is not null)
                {
                    var g = m.AddGroup(field, entry, group);
                    if (depth > 0)
                        m.NestedGroups = true;
                    m.EnsureFrames(depth);
                    frames = m.Frames;
                    frames[depth++] = new GroupFrame { Def = group, Group = g, Entry = -1, LastPosition = 0, Section = fieldSection };
                }
            }
            pos = valueEnd + 1;
        }

        while (depth > 0)
            CloseFrame(m, ref frames[--depth]);
        if (!sawMsgType)
            return Fail(out error, FixErrorCode.MissingMsgType, start);
        error = default;
        return true;
    }

    private static void CloseFrame(FixMessage m, ref GroupFrame frame)
    {
        if (frame.Entry >= 0)
            m.Entries[frame.Entry].EndField = m.FieldsUsed;
    }

    private static void NoteOutOfOrder(FixMessage m, int tag)
    {
        if (!m.HasOutOfOrderTag)
        {
            m.HasOutOfOrderTag = true;
            m.OutOfOrderTag = tag;
        }
    }

    // Is the tag already in the open entry (not counting entries nested in it)?
    private static bool EntryHas(FixMessage m, int entry, int tag)
    {
        var fields = m.Fields;
        for (var i = m.Entries[entry].FirstField; i < m.FieldsUsed; i++)
        {
            if (fields[i].Tag == tag && fields[i].Entry == entry)
                return true;
        }
        return false;
    }

    // The value of the data field's length field in the same scope; false when there is none
    // (the value then runs to the next SOH, as QuickFIX does). -1 for an unusable length.
    private static bool FindDataLength(FixMessage m, int dataTag, int entry, out int length)
    {
        length = -1;
        var lengthTag = FixTagTable.LengthTagOf(dataTag);
        var fields = m.Fields;
        var index = -1;
        var last = m.FieldsUsed - 1;
        if (last >= 0 && fields[last].Tag == lengthTag && fields[last].Entry == entry)
        {
            index = last;
        }
        else if (entry < 0)
        {
            index = m.FindTop(lengthTag);
        }
        else
        {
            for (var i = m.Entries[entry].FirstField; i <= last; i++)
            {
                if (fields[i].Tag == lengthTag && fields[i].Entry == entry)
                    index = i;
            }
        }
        if (index < 0)
            return false;
        if (!FixValue.TryParseUnsigned(m.ValueOf(index), out length))
            length = -1;
        return true;
    }

    private static bool Fail(out FixParseError error, FixErrorCode code, int offset, int tag = 0, long expected = 0, long actual = 0)
    {
        error = new FixParseError(code, offset, tag, expected, actual);
        return false;
    }
}

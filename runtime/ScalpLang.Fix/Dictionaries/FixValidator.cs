using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Dictionaries;

/// <summary>What <see cref="FixDictionary.Validate"/> checks; the defaults are QuickFIX's.</summary>
public sealed class FixValidationOptions
{
    public static FixValidationOptions Default { get; } = new();

    /// <summary>Header fields after the body, body fields after the trailer: 373=14 (ValidateFieldsOutOfOrder).</summary>
    public bool CheckFieldsOutOfOrder { get; init; } = true;

    /// <summary>Empty values: 373=4 (ValidateFieldsHaveValues).</summary>
    public bool CheckFieldsHaveValues { get; init; } = true;

    /// <summary>Check tags of 5000 and above like the others (ValidateUserDefinedFields).</summary>
    public bool CheckUserDefinedFields { get; init; } = true;

    /// <summary>Accept tags the dictionary or the message does not define (AllowUnknownMsgFields).</summary>
    public bool AllowUnknownMessageFields { get; init; }

    /// <summary>Group entry members out of dictionary order: 373=15 (QuickFIX/J's ValidateUnorderedGroupFields).</summary>
    public bool CheckGroupFieldOrder { get; init; } = true;

    /// <summary>Required members missing from a group entry: 373=1 (QuickFIX C++ and QuickFIX/J check these; QuickFIX/n does not).</summary>
    public bool CheckRequiredGroupFields { get; init; } = true;
}

public sealed partial class FixDictionary
{
    /// <summary>
    /// Checks a message parsed with this dictionary and returns the first problem in QuickFIX's
    /// order: group structure, field order, MsgType, required fields (header, trailer, body),
    /// then each field of the header, trailer and body (repeats, empty values, format, unknown
    /// tag, allowed values, membership, group counts) and the group entries. A valid message
    /// gives <see cref="FixReject.None"/> without allocating.
    /// </summary>
    public FixReject Validate(FixMessage message, FixValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ReferenceEquals(message.Dictionary, this))
            throw new ArgumentException($"the message was not parsed with this dictionary ({Source}); parse it with new FixParser(dictionary)", nameof(message));
        var o = options ?? FixValidationOptions.Default;

        if (message.GroupStructureReject.IsRejected)
            return message.GroupStructureReject;
        if (o.CheckGroupFieldOrder && message.HasGroupOrderViolation)
            return FixReject.Create(SessionRejectReason.RepeatingGroupFieldsOutOfOrder, message.GroupOrderViolationTag);
        if (o.CheckFieldsOutOfOrder && message.HasOutOfOrderTag)
            return FixReject.Create(SessionRejectReason.TagSpecifiedOutOfRequiredOrder, message.OutOfOrderTag);
        var definition = message.Definition;
        if (definition is null)
            return FixReject.Create(SessionRejectReason.InvalidMsgType); // QuickFIX sends no RefTagID with this one

        var missing = FirstMissing(message, Header.RequiredTagArray);
        if (missing is null)
            missing = FirstMissing(message, Trailer.RequiredTagArray);
        if (missing is null)
            missing = FirstMissing(message, definition.RequiredTagArray);
        if (missing is { } tag)
            return FixReject.Create(SessionRejectReason.RequiredTagMissing, tag);

        var reject = CheckSection(message, FixSection.Header, null, o);
        if (!reject.IsRejected)
            reject = CheckSection(message, FixSection.Trailer, null, o);
        if (!reject.IsRejected)
            reject = CheckSection(message, FixSection.Body, definition, o);
        for (var g = 0; !reject.IsRejected && g < message.GroupsUsed; g++)
        {
            if (message.Groups[g].ParentEntry < 0)
                reject = CheckGroup(message, g, o);
        }
        return reject;
    }

    private static int? FirstMissing(FixMessage message, int[] required)
    {
        for (var i = 0; i < required.Length; i++)
        {
            if (!message.Contains(required[i]))
                return required[i];
        }
        return null;
    }

    private FixReject CheckSection(FixMessage message, FixSection section, FixFieldContainer? container, FixValidationOptions o)
    {
        var repeated = message.FirstRepeatedField[(int)section];
        if (repeated >= 0)
            return FixReject.Create(SessionRejectReason.TagAppearsMoreThanOnce, message.Fields[repeated].Tag);
        var fields = message.Fields;
        for (var i = 0; i < message.FieldsUsed; i++)
        {
            if (fields[i].Entry >= 0 || fields[i].Section != section)
                continue;
            var reason = CheckField(message, i, container, o);
            if (reason != Valid)
                return FixReject.Create((SessionRejectReason)reason, fields[i].Tag);
        }
        return default;
    }

    private FixReject CheckGroup(FixMessage message, int group, FixValidationOptions o)
    {
        ref readonly var g = ref message.Groups[group];
        var definition = g.Def;
        var fields = message.Fields;
        for (var e = g.FirstEntry; e >= 0 && e < g.FirstEntry + g.Count; e++)
        {
            ref readonly var entry = ref message.Entries[e];
            for (var i = entry.FirstField; i < entry.EndField; i++)
            {
                if (fields[i].Entry != e)
                    continue;
                var reason = CheckField(message, i, definition, o);
                if (reason != Valid)
                    return FixReject.Create((SessionRejectReason)reason, fields[i].Tag);
            }
            if (o.CheckRequiredGroupFields)
            {
                foreach (var tag in definition.RequiredTagArray)
                {
                    if (message.FindInEntry(e, tag) < 0)
                        return FixReject.Create(SessionRejectReason.RequiredTagMissing, tag);
                }
            }
            for (var i = entry.FirstField; i < entry.EndField; i++)
            {
                if (fields[i].Entry == e && fields[i].Group >= 0)
                {
                    var reject = CheckGroup(message, fields[i].Group, o);
                    if (reject.IsRejected)
                        return reject;
                }
            }
        }
        return default;
    }

    private const int Valid = -1;

    // The SessionRejectReason for one field, or Valid; the caller names the tag.
    private int CheckField(FixMessage message, int index, FixFieldContainer? container, FixValidationOptions o)
    {
        ref readonly var f = ref message.Fields[index];
        var tag = f.Tag;
        var value = message.ValueOf(index);
        if (value.IsEmpty)
            return o.CheckFieldsHaveValues ? (int)SessionRejectReason.TagSpecifiedWithoutAValue : Valid;
        var field = GetField(tag);
        if (field is not null && field.Format != FixValueFormat.Text && !HasValidFormat(field.Format, value))
            return (int)SessionRejectReason.IncorrectDataFormatForValue;
        if (!o.CheckUserDefinedFields && tag >= 5000)
            return Valid;
        if (field is null)
            return o.AllowUnknownMessageFields ? Valid : (int)SessionRejectReason.InvalidTagNumber;
        if (field.HasValues && !field.IsAllowedValue(value))
            return (int)SessionRejectReason.ValueIsIncorrect;
        if (container is not null && !o.AllowUnknownMessageFields && !container.Contains(tag))
            return (int)SessionRejectReason.TagNotDefinedForThisMessageType;
        if (f.Group >= 0 && (!FixValue.TryParseInt(value, out var declared) || declared != message.Groups[f.Group].Count))
            return (int)SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup;
        return Valid;
    }

    /// <summary>Whether a value has the syntax its type requires (QuickFIX's IncorrectDataFormat check).</summary>
    public static bool HasValidFormat(FixValueFormat format, ReadOnlySpan<byte> value) => format switch
    {
        FixValueFormat.Text => true,
        FixValueFormat.Char => value.Length == 1,
        FixValueFormat.Int => FixValue.TryParseLong(value, out _),
        FixValueFormat.Decimal => FixValue.TryParseDecimal(value, out _),
        FixValueFormat.Boolean => FixValue.TryParseBoolean(value, out _),
        FixValueFormat.UtcTimestamp => FixValue.TryParseUtcTimestamp(value, out _),
        FixValueFormat.UtcDateOnly => FixValue.TryParseUtcDateOnly(value, out _),
        FixValueFormat.UtcTimeOnly => FixValue.TryParseUtcTimeOnly(value, out _),
        _ => true,
    };
}

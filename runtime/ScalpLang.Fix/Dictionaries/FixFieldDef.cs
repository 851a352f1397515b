using System.Collections.Frozen;

namespace ScalpLang.Fix.Dictionaries;

/// <summary>A field type as QuickFIX's dictionaries name it (the <c>type</c> attribute).</summary>
public enum FixFieldType
{
    String,
    Char,
    Int,
    Length,
    NumInGroup,
    SeqNum,
    TagNum,
    DayOfMonth,
    Float,
    Qty,
    Price,
    PriceOffset,
    Amt,
    Percentage,
    Boolean,
    UtcTimestamp,
    UtcTimeOnly,
    UtcDateOnly,
    LocalMktDate,
    MonthYear,
    Data,
    XmlData,
    Currency,
    Exchange,
    Country,
    Language,
    MultipleValueString,
    MultipleCharValue,
    MultipleStringValue,
    TzTimeOnly,
    TzTimestamp,
    Time,
    Date,
}

/// <summary>
/// What validation checks a value's syntax against. The mapping from types follows QuickFIX, so
/// that the same messages are accepted: LOCALMKTDATE, MONTHYEAR and DAYOFMONTH are only text.
/// </summary>
public enum FixValueFormat
{
    Text,
    Char,
    Int,
    Decimal,
    Boolean,
    UtcTimestamp,
    UtcDateOnly,
    UtcTimeOnly,
}

/// <summary>A field definition: tag, name, type and, when the dictionary lists them, the allowed values.</summary>
public sealed class FixFieldDef
{
    private readonly FrozenSet<ulong> _packedValues;
    private readonly byte[][] _longValues;
    private readonly ulong[] _singleByteValues = new ulong[4]; // CHAR codes: a bit per byte value

    internal FixFieldDef(int tag, string name, string typeName, FixFieldType type, IReadOnlyDictionary<string, string> values)
    {
        Tag = tag;
        Name = name;
        TypeName = typeName;
        Type = type;
        Format = FormatOf(type);
        Values = values;
        HasValues = values.Count > 0;
        IsMultipleValue = type is FixFieldType.MultipleValueString or FixFieldType.MultipleCharValue or FixFieldType.MultipleStringValue;
        var packed = new HashSet<ulong>();
        var longValues = new List<byte[]>();
        foreach (var value in values.Keys)
        {
            var bytes = System.Text.Encoding.Latin1.GetBytes(value);
            if (bytes.Length == 1)
                _singleByteValues[bytes[0] >> 6] |= 1UL << (bytes[0] & 63);
            else if (TryPack(bytes, out var key))
                packed.Add(key);
            else
                longValues.Add(bytes);
        }
        _packedValues = packed.ToFrozenSet();
        _longValues = [.. longValues];
    }

    public int Tag { get; }
    public string Name { get; }

    /// <summary>The type as written in the dictionary (e.g. <c>PRICE</c>).</summary>
    public string TypeName { get; }
    public FixFieldType Type { get; }
    public FixValueFormat Format { get; }

    /// <summary>Allowed values (enum to description); empty when any value of the type is allowed.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }
    public bool HasValues { get; }

    /// <summary>Space-separated lists of values (MULTIPLEVALUESTRING and friends): each item is checked.</summary>
    public bool IsMultipleValue { get; }

    /// <summary>Length-prefixed data whose value may contain SOH (DATA, XMLDATA).</summary>
    public bool IsData => Type is FixFieldType.Data or FixFieldType.XmlData;

    public override string ToString() => $"{Name}({Tag}) {TypeName}";

    /// <summary>True when the field has no value list or <paramref name="value"/> is in it (each item, for multiple-value fields).</summary>
    public bool IsAllowedValue(ReadOnlySpan<byte> value)
    {
        if (!HasValues)
            return true;
        if (!IsMultipleValue)
            return Contains(value);
        foreach (var range in value.Split((byte)' '))
        {
            if (!Contains(value[range]))
                return false;
        }
        return true;
    }

    private bool Contains(ReadOnlySpan<byte> value)
    {
        if (value.Length == 1)
            return (_singleByteValues[value[0] >> 6] & (1UL << (value[0] & 63))) != 0;
        if (TryPack(value, out var key))
            return _packedValues.Contains(key);
        foreach (var candidate in _longValues)
        {
            if (value.SequenceEqual(candidate))
                return true;
        }
        return false;
    }

    /// <summary>Packs up to 7 bytes and the length into one integer key, so short codes are looked up without allocating.</summary>
    internal static bool TryPack(ReadOnlySpan<byte> value, out ulong key)
    {
        key = 0;
        if (value.Length > 7)
            return false;
        for (var i = 0; i < value.Length; i++)
            key |= (ulong)value[i] << (8 * i);
        key |= (ulong)value.Length << 56;
        return true;
    }

    internal static FixFieldType? ParseType(string name) => name switch
    {
        "STRING" => FixFieldType.String,
        "CHAR" => FixFieldType.Char,
        "INT" => FixFieldType.Int,
        "LENGTH" => FixFieldType.Length,
        "NUMINGROUP" => FixFieldType.NumInGroup,
        "SEQNUM" => FixFieldType.SeqNum,
        "TAGNUM" => FixFieldType.TagNum,
        "DAYOFMONTH" => FixFieldType.DayOfMonth,
        "FLOAT" => FixFieldType.Float,
        "QTY" or "QUANTITY" => FixFieldType.Qty,
        "PRICE" => FixFieldType.Price,
        "PRICEOFFSET" => FixFieldType.PriceOffset,
        "AMT" => FixFieldType.Amt,
        "PERCENTAGE" => FixFieldType.Percentage,
        "BOOLEAN" => FixFieldType.Boolean,
        "UTCTIMESTAMP" => FixFieldType.UtcTimestamp,
        "UTCTIMEONLY" => FixFieldType.UtcTimeOnly,
        "UTCDATEONLY" or "UTCDATE" => FixFieldType.UtcDateOnly,
        "LOCALMKTDATE" => FixFieldType.LocalMktDate,
        "MONTHYEAR" => FixFieldType.MonthYear,
        "DATA" => FixFieldType.Data,
        "XMLDATA" => FixFieldType.XmlData,
        "CURRENCY" => FixFieldType.Currency,
        "EXCHANGE" => FixFieldType.Exchange,
        "COUNTRY" => FixFieldType.Country,
        "LANGUAGE" => FixFieldType.Language,
        "MULTIPLEVALUESTRING" => FixFieldType.MultipleValueString,
        "MULTIPLECHARVALUE" => FixFieldType.MultipleCharValue,
        "MULTIPLESTRINGVALUE" => FixFieldType.MultipleStringValue,
        "TZTIMEONLY" => FixFieldType.TzTimeOnly,
        "TZTIMESTAMP" => FixFieldType.TzTimestamp,
        "TIME" => FixFieldType.Time,
        "DATE" => FixFieldType.Date,
        _ => null,
    };

    private static FixValueFormat FormatOf(FixFieldType type) => type switch
    {
        FixFieldType.Char => FixValueFormat.Char,
        FixFieldType.Int or FixFieldType.Length or FixFieldType.NumInGroup or FixFieldType.SeqNum or FixFieldType.TagNum => FixValueFormat.Int,
        FixFieldType.Float or FixFieldType.Qty or FixFieldType.Price or FixFieldType.PriceOffset or FixFieldType.Amt or FixFieldType.Percentage => FixValueFormat.Decimal,
        FixFieldType.Boolean => FixValueFormat.Boolean,
        FixFieldType.UtcTimestamp or FixFieldType.Time => FixValueFormat.UtcTimestamp,
        FixFieldType.UtcDateOnly => FixValueFormat.UtcDateOnly,
        FixFieldType.UtcTimeOnly => FixValueFormat.UtcTimeOnly,
        _ => FixValueFormat.Text,
    };
}

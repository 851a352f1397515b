using System.Globalization;

namespace ScalpLang.Fix.Codec;

/// <summary>
/// Why bytes are not a FIX message. These are "garbled" messages in the FIX session sense: the
/// session ignores them (no Reject, MsgSeqNum not consumed), unlike the dictionary-level problems
/// a <see cref="Dictionaries.FixReject"/> reports.
/// </summary>
public enum FixErrorCode
{
    None = 0,
    /// <summary>Longer than the configured maximum message size.</summary>
    MessageTooLarge,
    /// <summary>Does not start with 8= (BeginString).</summary>
    MissingBeginString,
    /// <summary>BeginString is empty or has no SOH within a sane length.</summary>
    InvalidBeginString,
    /// <summary>The second field is not 9= (BodyLength).</summary>
    MissingBodyLength,
    /// <summary>BodyLength is not a non-negative integer.</summary>
    InvalidBodyLength,
    /// <summary>BodyLength does not reach exactly the CheckSum field.</summary>
    BodyLengthMismatch,
    /// <summary>The message does not end with 10=nnn and SOH.</summary>
    MissingCheckSum,
    /// <summary>CheckSum is not one to three digits.</summary>
    InvalidCheckSum,
    /// <summary>CheckSum differs from the sum of the bytes.</summary>
    CheckSumMismatch,
    /// <summary>The third field is not 35= (MsgType).</summary>
    MissingMsgType,
    /// <summary>A field does not start with an integer tag followed by '='.</summary>
    InvalidTag,
    /// <summary>A field value is not terminated by SOH before the CheckSum field.</summary>
    MissingSeparator,
    /// <summary>A data field's length field is not a usable length, or the data does not end with SOH.</summary>
    InvalidDataLength,
}

/// <summary>A parse or framing failure: what, where (byte offset in the message) and the numbers involved.</summary>
public readonly struct FixParseError : IEquatable<FixParseError>
{
    public FixParseError(FixErrorCode code, int offset, int tag = 0, long expected = 0, long actual = 0)
    {
        Code = code;
        Offset = offset;
        Tag = tag;
        Expected = expected;
        Actual = actual;
    }

    public FixErrorCode Code { get; }
    public int Offset { get; }
    public int Tag { get; }
    public long Expected { get; }
    public long Actual { get; }
    public bool IsError => Code != FixErrorCode.None;

    /// <summary>A sentence for logs; allocates, so only call it on the error path.</summary>
    public string Message => Code switch
    {
        FixErrorCode.None => "no error",
        FixErrorCode.MessageTooLarge => F($"message of {Actual} bytes exceeds the maximum of {Expected}"),
        FixErrorCode.MissingBeginString => F($"message does not start with BeginString (8=) at offset {Offset}"),
        FixErrorCode.InvalidBeginString => F($"BeginString (8) at offset {Offset} is empty or not terminated by SOH"),
        FixErrorCode.MissingBodyLength => F($"second field at offset {Offset} is not BodyLength (9)"),
        FixErrorCode.InvalidBodyLength => F($"BodyLength (9) at offset {Offset} is not a non-negative integer"),
        FixErrorCode.BodyLengthMismatch => F($"BodyLength (9) is {Expected} but {Actual} bytes precede the CheckSum field"),
        FixErrorCode.MissingCheckSum => F($"message does not end with a CheckSum field (10=nnn and SOH) at offset {Offset}"),
        FixErrorCode.InvalidCheckSum => F($"CheckSum (10) at offset {Offset} is not one to three digits"),
        FixErrorCode.CheckSumMismatch => F($"CheckSum (10) is {Expected:000} but the bytes sum to {Actual:000}"),
        FixErrorCode.MissingMsgType => F($"third field at offset {Offset} is not MsgType (35)"),
        FixErrorCode.InvalidTag => F($"field at offset {Offset} does not start with an integer tag followed by '='"),
        FixErrorCode.MissingSeparator => F($"value of tag {Tag} at offset {Offset} is not terminated by SOH before the CheckSum field"),
        FixErrorCode.InvalidDataLength => F($"data field {Tag} at offset {Offset}: length {Actual} does not end the value at a SOH inside the message"),
        _ => Code.ToString(),
    };

    public override string ToString() => $"{Code}: {Message}";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public bool Equals(FixParseError other) =>
        Code == other.Code && Offset == other.Offset && Tag == other.Tag && Expected == other.Expected && Actual == other.Actual;

    public override bool Equals(object? obj) => obj is FixParseError other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Code, Offset, Tag, Expected, Actual);
    public static bool operator ==(FixParseError left, FixParseError right) => left.Equals(right);
    public static bool operator !=(FixParseError left, FixParseError right) => !left.Equals(right);
}

using System.Globalization;

namespace ScalpLang.Fix.Dictionaries;

/// <summary>SessionRejectReason (373): why a well-formed message is rejected at session level.</summary>
public enum SessionRejectReason
{
    InvalidTagNumber = 0,
    RequiredTagMissing = 1,
    TagNotDefinedForThisMessageType = 2,
    UndefinedTag = 3,
    TagSpecifiedWithoutAValue = 4,
    ValueIsIncorrect = 5,
    IncorrectDataFormatForValue = 6,
    DecryptionProblem = 7,
    SignatureProblem = 8,
    CompIdProblem = 9,
    SendingTimeAccuracyProblem = 10,
    InvalidMsgType = 11,
    XmlValidationError = 12,
    TagAppearsMoreThanOnce = 13,
    TagSpecifiedOutOfRequiredOrder = 14,
    RepeatingGroupFieldsOutOfOrder = 15,
    IncorrectNumInGroupCountForRepeatingGroup = 16,
    NonDataValueIncludesFieldDelimiter = 17,
    Other = 99,
}

public static class SessionRejectReasonText
{
    /// <summary>The Text (58) QuickFIX sends with each reason; counterparties and test suites compare it verbatim.</summary>
    public static string Describe(this SessionRejectReason reason) => reason switch
    {
        SessionRejectReason.InvalidTagNumber => "Invalid tag number",
        SessionRejectReason.RequiredTagMissing => "Required tag missing",
        SessionRejectReason.TagNotDefinedForThisMessageType => "Tag not defined for this message type",
        SessionRejectReason.UndefinedTag => "Undefined Tag",
        SessionRejectReason.TagSpecifiedWithoutAValue => "Tag specified without a value",
        SessionRejectReason.ValueIsIncorrect => "Value is incorrect (out of range) for this tag",
        SessionRejectReason.IncorrectDataFormatForValue => "Incorrect data format for value",
        SessionRejectReason.DecryptionProblem => "Decryption problem",
        SessionRejectReason.SignatureProblem => "Signature problem",
        SessionRejectReason.CompIdProblem => "CompID problem",
        SessionRejectReason.SendingTimeAccuracyProblem => "SendingTime accuracy problem",
        SessionRejectReason.InvalidMsgType => "Invalid MsgType",
        SessionRejectReason.XmlValidationError => "XML validation error",
        SessionRejectReason.TagAppearsMoreThanOnce => "Tag appears more than once",
        SessionRejectReason.TagSpecifiedOutOfRequiredOrder => "Tag specified out of required order",
        SessionRejectReason.RepeatingGroupFieldsOutOfOrder => "Repeating group fields out of order",
        SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup => "Incorrect NumInGroup count for repeating group",
        SessionRejectReason.NonDataValueIncludesFieldDelimiter => "Non-data value includes field delimiter",
        SessionRejectReason.Other => "Other",
        _ => ((int)reason).ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The outcome of validating a message against a dictionary: nothing (<see cref="IsRejected"/>
/// false), or the SessionRejectReason (373), the offending tag for RefTagID (371) and the Text
/// (58) a session-level Reject carries. The default value means "valid".
/// </summary>
public readonly struct FixReject : IEquatable<FixReject>
{
    private FixReject(SessionRejectReason reason, int refTagId, bool hasRefTagId, string text)
    {
        IsRejected = true;
        Reason = reason;
        RefTagId = refTagId;
        HasRefTagId = hasRefTagId;
        _text = text;
    }

    private readonly string? _text;

    public static FixReject None => default;

    /// <summary>A reject with QuickFIX's standard text for the reason.</summary>
    public static FixReject Create(SessionRejectReason reason, int refTagId) => new(reason, refTagId, true, reason.Describe());

    /// <summary>A reject without a RefTagID.</summary>
    public static FixReject Create(SessionRejectReason reason) => new(reason, 0, false, reason.Describe());

    /// <summary>A reject with its own text (QuickFIX uses these with reason 99, Other).</summary>
    public static FixReject WithText(SessionRejectReason reason, int refTagId, string text) => new(reason, refTagId, true, text);

    public bool IsRejected { get; }
    public SessionRejectReason Reason { get; }

    /// <summary>The tag at fault (RefTagID, 371); meaningful when <see cref="HasRefTagId"/>. Tag 0 and negative tags are legal here.</summary>
    public int RefTagId { get; }
    public bool HasRefTagId { get; }
    public string Text => _text ?? "";

    public override string ToString() => !IsRejected
        ? "valid"
        : HasRefTagId
            ? string.Create(CultureInfo.InvariantCulture, $"{Text} (373={(int)Reason}, 371={RefTagId})")
            : string.Create(CultureInfo.InvariantCulture, $"{Text} (373={(int)Reason})");

    public bool Equals(FixReject other) =>
        IsRejected == other.IsRejected && Reason == other.Reason && RefTagId == other.RefTagId && HasRefTagId == other.HasRefTagId && Text == other.Text;

    public override bool Equals(object? obj) => obj is FixReject other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(IsRejected, Reason, RefTagId, Text);
    public static bool operator ==(FixReject left, FixReject right) => left.Equals(right);
    public static bool operator !=(FixReject left, FixReject right) => !left.Equals(right);
}

using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests;

/// <summary>Each SessionRejectReason the validator reports, with QuickFIX's text and the offending tag.</summary>
public class ValidationTests
{
    
    private const string Nos = "11=ID|21=1|55=INTC|54=1|60=20261125-14:30:00|38=100|40=2|44=10.5|";

    private static FixReject Validate(string pipeText, FixDictionary? dictionary = null, FixValidationOptions? options = null)
    {
        dictionary ??= FixDictionary.Fix44;
        var message = new FixMessage();
        var bytes = FixText.Decorate(pipeText);
        Assert.True(new FixParser(dictionary).TryParse(bytes, message, out var error), $"{error}: {FixText.Show(bytes)}");
        return dictionary.Validate(message, options);
    }

    private static string Msg(string type, string body) => $"8=FIX.4.4|35={type}|34=2|49=TW|52=20261125-14:30:00.000|56=ISLD|{body}";

    private static void AssertReject(FixReject reject, SessionRejectReason reason, int tag, string? text = null)
    {
        Assert.True(reject.IsRejected, "expected a reject, the message was valid");
        Assert.Equal(reason, reject.Reason);
        Assert.True(reject.HasRefTagId);
        Assert.Equal(tag, reject.RefTagId);
        Assert.Equal(text ?? reason.Describe(), reject.Text);
    }

    [Fact]
    public void A_valid_order_is_accepted() => Assert.Equal(FixReject.None, Validate(Msg("D", Nos)));

    [Theory]
    [InlineData("999=HI|", 999)]
    [InlineData("0=HI|", 0)]
    [InlineData("-1=HI|", -1)]
    [InlineData("5000=HI|", 5000)]
    public void Unknown_tags_are_invalid_tag_numbers(string extra, int tag) =>
        AssertReject(Validate(Msg("0", extra)), SessionRejectReason.InvalidTagNumber, tag, "Invalid tag number");

    [Fact]
    public void Missing_header_field_is_required_tag_missing() =>
        AssertReject(Validate("8=FIX.4.4|35=0|34=2|49=TW|52=20261125-14:30:00|"), SessionRejectReason.RequiredTagMissing, 56, "Required tag missing");

    [Fact]
    public void Missing_body_field_is_required_tag_missing() =>
        AssertReject(Validate(Msg("D", "21=1|55=INTC|54=1|60=20261125-14:30:00|40=1|")), SessionRejectReason.RequiredTagMissing, 11);

    [Fact]
    public void Field_of_another_message_is_not_defined_for_this_message_type() =>
        AssertReject(Validate(Msg("0", "55=MSFT|")), SessionRejectReason.TagNotDefinedForThisMessageType, 55, "Tag not defined for this message type");

    [Fact]
    public void Empty_value_is_tag_specified_without_a_value() =>
        AssertReject(Validate("8=FIX.4.4|35=0|34=2|49=TW|52=20261125-14:30:00|56=|"), SessionRejectReason.TagSpecifiedWithoutAValue, 56, "Tag specified without a value");

    [Fact]
    public void Value_outside_the_list_is_out_of_range() =>
        AssertReject(Validate(Msg("D", Nos.Replace("54=1", "54=Z", StringComparison.Ordinal))), SessionRejectReason.ValueIsIncorrect, 54,
            "Value is incorrect (out of range) for this tag");

    [Theory]
    [InlineData("44=10.5", "44=abc", 44)]
    [InlineData("38=100", "38=+200.00", 38)]
    [InlineData("38=100", "38=1e3", 38)]
    [InlineData("54=1", "54=failboat", 54)]
    [InlineData("60=20261125-14:30:00", "60=20261325-14:30:00", 60)]
    [InlineData("60=20261125-14:30:00", "60=20040415", 60)]
    public void Malformed_value_is_incorrect_data_format(string good, string bad, int tag) =>
        AssertReject(Validate(Msg("D", Nos.Replace(good, bad, StringComparison.Ordinal))), SessionRejectReason.IncorrectDataFormatForValue, tag,
            "Incorrect data format for value");

    [Fact]
    public void Unknown_msg_type_is_invalid_msg_type_without_a_ref_tag()
    {
        var reject = Validate(Msg("*", ""));
        Assert.Equal(SessionRejectReason.InvalidMsgType, reject.Reason);
        Assert.Equal("Invalid MsgType", reject.Text);
        Assert.False(reject.HasRefTagId);
    }

    [Fact]
    public void Repeated_field_appears_more_than_once() =>
        AssertReject(Validate(Msg("D", Nos + "55=MSFT|")), SessionRejectReason.TagAppearsMoreThanOnce, 55, "Tag appears more than once");

    [Fact]
    public void Header_field_after_the_body_is_out_of_order() =>
        AssertReject(Validate("8=FIX.4.4|35=D|49=TW|52=20261125-14:30:00|56=ISLD|" + Nos + "34=2|"),
            SessionRejectReason.TagSpecifiedOutOfRequiredOrder, 34, "Tag specified out of required order");

    [Fact]
    public void Body_field_after_the_trailer_is_out_of_order() =>
        AssertReject(Validate(Msg("D", Nos + "93=3|89=sig|58=late|")), SessionRejectReason.TagSpecifiedOutOfRequiredOrder, 58);

    [Fact]
    public void Group_members_out_of_dictionary_order_are_rejected() =>
        AssertReject(Validate(Msg("D", Nos + "453=1|448=A|452=11|447=D|")), SessionRejectReason.RepeatingGroupFieldsOutOfOrder, 447,
            "Repeating group fields out of order");

    [Theory]
    [InlineData("453=2|448=A|447=D|")]
    [InlineData("453=1|448=A|447=D|448=B|447=D|")]
    [InlineData("453=0|448=A|")]
    public void Wrong_group_count_is_incorrect_num_in_group(string group) =>
        AssertReject(Validate(Msg("D", Nos + group)), SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup, 453,
            "Incorrect NumInGroup count for repeating group");

    [Fact]
    public void Wrong_nested_group_count_is_reported_on_the_nested_counter() =>
        AssertReject(Validate(Msg("D", Nos + "453=1|448=A|447=D|452=11|802=2|523=X|803=4|")),
            SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup, 802);

    [Fact]
    public void Group_entry_not_starting_with_its_delimiter_is_rejected_like_QuickFIX() =>
        AssertReject(Validate(Msg("D", Nos + "453=1|447=D|448=A|")), SessionRejectReason.Other, 453,
            "Group 453's first entry does not start with delimiter 448");

    [Fact]
    public void Repeated_tag_inside_one_entry_is_rejected_like_QuickFIX() =>
        AssertReject(Validate(Msg("D", Nos + "453=1|448=A|447=D|447=D|")), SessionRejectReason.Other, 453,
            "Group 453 contains a repeat occurrence of tag 447 in a single group, which is illegal.");

    [Fact]
    public void Group_entry_missing_a_required_member_is_required_tag_missing()
    {
        var fix42 = "8=FIX.4.2|35=W|34=2|49=TW|52=20261125-14:30:00|56=ISLD|55=AAPL|268=1|269=0|271=100|";
        AssertReject(Validate(fix42, FixDictionary.Fix42), SessionRejectReason.RequiredTagMissing, 270);
        Assert.False(Validate(fix42, FixDictionary.Fix42, new FixValidationOptions { CheckRequiredGroupFields = false }).IsRejected);
    }

    [Fact]
    public void Zero_count_group_is_valid() => Assert.Equal(FixReject.None, Validate(Msg("D", Nos + "453=0|")));

    [Fact]
    public void Header_group_and_header_data_fields_are_valid()
    {
        var text = "8=FIX.4.4|35=0|34=2|49=TW|52=20261125-14:30:00|56=ISLD|212=11|213=<a>|10=</a>|627=2|628=HOP1|629=20261125-14:29:59|628=HOP2|";
        var message = new FixMessage();
        Assert.True(new FixParser(FixDictionary.Fix44).TryParse(FixText.Decorate(text), message, out var error), error.Message);
        Assert.Equal(FixReject.None, FixDictionary.Fix44.Validate(message));
        Assert.Equal("<a>\u000110=</a>"u8.ToArray(), message.GetValue(213).ToArray());
        Assert.Equal(2, message.GetGroup(627).Count);
        Assert.Equal("HOP2", message.GetGroup(627)[1].GetString(628));
    }

    [Fact]
    public void Options_switch_checks_off()
    {
        Assert.False(Validate(Msg("0", "999=HI|"), options: new FixValidationOptions { AllowUnknownMessageFields = true }).IsRejected);
        Assert.False(Validate(Msg("0", "5000=HI|"), options: new FixValidationOptions { CheckUserDefinedFields = false }).IsRejected);
        Assert.False(Validate(Msg("0", "112=|"), options: new FixValidationOptions { CheckFieldsHaveValues = false }).IsRejected);
        Assert.False(Validate(Msg("D", Nos + "453=1|448=A|452=11|447=D|"), options: new FixValidationOptions { CheckGroupFieldOrder = false }).IsRejected);
        Assert.False(Validate("8=FIX.4.4|35=D|49=TW|52=20261125-14:30:00|56=ISLD|" + Nos + "34=2|",
            options: new FixValidationOptions { CheckFieldsOutOfOrder = false }).IsRejected);
    }

    [Fact]
    public void Validating_with_another_dictionary_than_the_parse_is_refused()
    {
        var message = new FixMessage();
        Assert.True(new FixParser(FixDictionary.Fix44).TryParse(FixText.Decorate(Msg("0", "")), message, out _));
        Assert.Throws<ArgumentException>(() => FixDictionary.Fix42.Validate(message));
    }

    [Fact]
    public void Every_reject_reason_has_QuickFIX_text()
    {
        var expected = new Dictionary<SessionRejectReason, string>
        {
            [SessionRejectReason.InvalidTagNumber] = "Invalid tag number",
            [SessionRejectReason.RequiredTagMissing] = "Required tag missing",
            [SessionRejectReason.TagNotDefinedForThisMessageType] = "Tag not defined for this message type",
            [SessionRejectReason.UndefinedTag] = "Undefined Tag",
            [SessionRejectReason.TagSpecifiedWithoutAValue] = "Tag specified without a value",
            [SessionRejectReason.ValueIsIncorrect] = "Value is incorrect (out of range) for this tag",
            [SessionRejectReason.IncorrectDataFormatForValue] = "Incorrect data format for value",
            [SessionRejectReason.DecryptionProblem] = "Decryption problem",
            [SessionRejectReason.SignatureProblem] = "Signature problem",
            [SessionRejectReason.CompIdProblem] = "CompID problem",
            [SessionRejectReason.SendingTimeAccuracyProblem] = "SendingTime accuracy problem",
            [SessionRejectReason.InvalidMsgType] = "Invalid MsgType",
            [SessionRejectReason.XmlValidationError] = "XML validation error",
            [SessionRejectReason.TagAppearsMoreThanOnce] = "Tag appears more than once",
            [SessionRejectReason.TagSpecifiedOutOfRequiredOrder] = "Tag specified out of required order",
            [SessionRejectReason.RepeatingGroupFieldsOutOfOrder] = "Repeating group fields out of order",
            [SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup] = "Incorrect NumInGroup count for repeating group",
            [SessionRejectReason.NonDataValueIncludesFieldDelimiter] = "Non-data value includes field delimiter",
            [SessionRejectReason.Other] = "Other",
        };
        Assert.Equal(Enum.GetValues<SessionRejectReason>().Order(), expected.Keys.Order());
        foreach (var (reason, text) in expected)
            Assert.Equal(text, reason.Describe());
    }

    [Fact]
    public void Reject_prints_its_codes() =>
        Assert.Equal("Required tag missing (373=1, 371=56)", FixReject.Create(SessionRejectReason.RequiredTagMissing, 56).ToString());
}

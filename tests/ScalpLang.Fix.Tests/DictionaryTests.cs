using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests;

public class DictionaryTests
{
    private static readonly string[] EngineMessages =
        ["0", "A", "1", "2", "3", "4", "5", "D", "F", "G", "8", "9", "j", "V", "W", "X"];

    [Theory]
    [InlineData("FIX.4.2")]
    [InlineData("FIX.4.4")]
    public void Embedded_dictionaries_define_every_message_the_engine_uses(string beginString)
    {
        var dictionary = FixDictionary.ForBeginString(beginString)!;
        Assert.Equal(beginString, dictionary.BeginString);
        Assert.Equal(EngineMessages.Order(StringComparer.Ordinal), dictionary.Messages.Select(m => m.MsgType).Order(StringComparer.Ordinal));
        Assert.All(dictionary.Messages, m => Assert.Equal(m.MsgType.Length == 1 && "0A12345".Contains(m.MsgType, StringComparison.Ordinal), m.IsAdmin));
        Assert.Same(dictionary, FixDictionary.ForBeginString(beginString));
        Assert.Equal(["FIX42.xml", "FIX44.xml"], FixDictionary.EmbeddedNames.Order(StringComparer.Ordinal));
        Assert.Null(FixDictionary.ForBeginString("FIX.4.1"));
    }

    [Fact]
    public void Components_are_flattened_with_QuickFIX_requiredness()
    {
        var d = FixDictionary.Fix44;
        var nos = d.GetMessage("D"u8)!;
        Assert.Equal("NewOrderSingle", nos.Name);
        Assert.Contains(55, nos.RequiredTags);       // Instrument is required in NewOrderSingle
        Assert.DoesNotContain(38, nos.RequiredTags); // OrderQtyData is required, OrderQty in it is not
        var parties = nos.GetGroup(453)!;
        Assert.Equal(448, parties.DelimiterTag);
        Assert.Equal(802, parties.GetGroup(802)!.CounterTag);
        Assert.Equal(523, parties.GetGroup(802)!.DelimiterTag);
        var incremental = d.GetMessage("X")!.GetGroup(268)!;
        Assert.DoesNotContain(55, incremental.RequiredTags); // Instrument is optional in each entry
        Assert.NotNull(incremental.GetGroup(454));
        Assert.Equal("PRICE", d.GetField(44)!.TypeName);
        Assert.Equal(44, d.GetField("Price")!.Tag);
        Assert.True(d.GetField(96)!.IsData);
        Assert.True(d.IsHeaderField(52));
        Assert.True(d.IsTrailerField(89));
        Assert.Null(d.GetField(9999));
        Assert.Null(d.GetMessage("ZZ"));
    }

    [SharedFact(SharedDictionaries.Fix42Path, SharedDictionaries.Fix44Path)]
    public void Loads_QuickFIX_full_dictionaries()
    {
        var fix42 = SharedDictionaries.Fix42;
        var fix44 = SharedDictionaries.Fix44;
        Assert.Equal("FIX.4.2", fix42.BeginString);
        Assert.Equal("FIX.4.4", fix44.BeginString);
        Assert.True(fix44.Messages.Count > 80);
        Assert.True(fix44.Fields.Count > 900);
        // TradeCaptureReportRequest: Instrument is optional, so its required Symbol is not required here.
        Assert.DoesNotContain(55, fix44.GetMessage("AD")!.RequiredTags);
        Assert.Equal(703, fix44.GetMessage("AP")!.GetGroup(702)!.DelimiterTag);
        Assert.EndsWith("FIX44.xml", fix44.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not xml at all", 1, null, "not well-formed XML")]
    [InlineData("<fix major='4' minor='4'><fields>", 1, null, "not well-formed XML")]
    [InlineData("<fox/>", 1, "<fox>", "the root element must be <fix>")]
    [InlineData("<fix minor='4'/>", 1, "<fix>", "missing attribute 'major'")]
    [InlineData("<fix major='x' minor='4'/>", 1, "<fix>", "attribute 'major' must be a non-negative integer, not 'x'")]
    [InlineData("<fix major='4' minor='4' type='ABC'/>", 1, "<fix>", "type must be FIX or FIXT")]
    [InlineData("<fix major='4' minor='4'/>", 1, "<fix>", "missing <fields> section")]
    public void Malformed_roots_are_reported(string xml, int line, string? element, string reason) =>
        AssertError(xml, line, element, reason);

    private const string Fields = """
        <fields>
          <field number="8" name="BeginString" type="STRING"/>
          <field number="9" name="BodyLength" type="LENGTH"/>
          <field number="35" name="MsgType" type="STRING"/>
          <field number="10" name="CheckSum" type="STRING"/>
          <field number="58" name="Text" type="STRING"/>
          <field number="384" name="NoMsgTypes" type="NUMINGROUP"/>
        </fields>
        """;

    private const string Sections = """
        <header><field name="BeginString" required="Y"/><field name="BodyLength" required="Y"/><field name="MsgType" required="Y"/></header>
        <trailer><field name="CheckSum" required="Y"/></trailer>
        """;

    private static string Doc(string messages, string fields = Fields, string components = "", string sections = Sections) =>
        $"<fix major=\"4\" minor=\"4\">\n{sections}\n<messages>\n{messages}\n</messages>\n{components}\n{fields}\n</fix>";

    [Fact]
    public void A_minimal_dictionary_loads() =>
        Assert.Equal("FIX.4.4", FixDictionary.Parse(Doc("<message name=\"Logout\" msgtype=\"5\" msgcat=\"admin\"><field name=\"Text\" required=\"N\"/></message>"), "mini.xml").BeginString);

    [Theory]
    [InlineData("<message name=\"Logout\" msgtype=\"5\"><field name=\"Txet\" required=\"N\"/></message>",
        5, "<field name=\"Txet\"> in <message name=\"Logout\">", "unknown field 'Txet' (not in <fields>)")]
    [InlineData("<message name=\"Logout\" msgtype=\"5\"><field name=\"Text\" required=\"maybe\"/></message>",
        5, "<field name=\"Text\"> in <message name=\"Logout\">", "required must be Y or N, not 'maybe'")]
    [InlineData("<message name=\"Logout\" msgtype=\"5\"><field name=\"Text\"/><field name=\"Text\"/></message>",
        5, "<field name=\"Text\"> in <message name=\"Logout\">", "field 'Text' (58) appears twice")]
    [InlineData("<message name=\"Logout\" msgtype=\"5\"><component name=\"Nope\" required=\"N\"/></message>",
        5, "<component name=\"Nope\"> in <message name=\"Logout\">", "unknown component 'Nope'")]
    [InlineData("<message name=\"Logout\" msgtype=\"5\"><group name=\"NoMsgTypes\" required=\"N\"></group></message>",
        5, "<group name=\"NoMsgTypes\"> in <message name=\"Logout\">", "a group needs at least one member")]
    [InlineData("<message name=\"Logout\" msgtype=\"5\"><blob/></message>",
        5, "<blob> in <message name=\"Logout\">", "unexpected element <blob>")]
    [InlineData("<message name=\"Logout\"/>",
        5, "<message name=\"Logout\"> in <messages>", "missing attribute 'msgtype'")]
    [InlineData("<message name=\"A\" msgtype=\"5\"/>\n<message name=\"B\" msgtype=\"5\"/>",
        6, "<message name=\"B\"> in <messages>", "msgtype '5' is defined twice")]
    public void Malformed_messages_name_the_file_line_and_element(string messages, int line, string element, string reason) =>
        AssertError(Doc(messages), line, element, reason);

    [Theory]
    [InlineData("<field number=\"58\" name=\"Text\" type=\"STRUNG\"/>", "<field name=\"Text\"> in <fields>", "unknown type 'STRUNG'")]
    [InlineData("<field number=\"fifty\" name=\"Text\" type=\"STRING\"/>", "<field name=\"Text\"> in <fields>", "attribute 'number' must be a non-negative integer, not 'fifty'")]
    [InlineData("<field number=\"10\" name=\"Other\" type=\"STRING\"/>", "<field name=\"Other\"> in <fields>", "tag 10 is defined twice")]
    [InlineData("<field number=\"11\" name=\"Text\" type=\"STRING\"/>", "<field name=\"Text\"> in <fields>", "field name 'Text' is defined twice")]
    [InlineData("<field number=\"54\" name=\"Side\" type=\"CHAR\"><value description=\"BUY\"/></field>", "<value> in <field name=\"Side\">", "a <value> needs a non-empty enum attribute")]
    public void Malformed_fields_are_reported(string extraField, string element, string reason)
    {
        var fields = Fields.Replace("</fields>", extraField + "\n</fields>", StringComparison.Ordinal);
        var e = Assert.Throws<FixDictionaryException>(() => FixDictionary.Parse(Doc("", fields), "dict.xml"));
        Assert.Equal(element, e.Element);
        Assert.Equal(reason, e.Reason);
        Assert.Contains("dict.xml(", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recursive_components_are_reported()
    {
        var components = "<components><component name=\"Loop\"><component name=\"Loop\" required=\"N\"/></component></components>";
        var e = Assert.Throws<FixDictionaryException>(() =>
            FixDictionary.Parse(Doc("<message name=\"Logout\" msgtype=\"5\"><component name=\"Loop\" required=\"N\"/></message>", components: components), "loop.xml"));
        Assert.Equal("component 'Loop' contains itself", e.Reason);
    }

    [Fact]
    public void A_header_without_MsgType_is_reported()
    {
        var sections = "<header><field name=\"BeginString\" required=\"Y\"/><field name=\"BodyLength\" required=\"Y\"/></header><trailer><field name=\"CheckSum\" required=\"Y\"/></trailer>";
        var e = Assert.Throws<FixDictionaryException>(() => FixDictionary.Parse(Doc("", sections: sections), "h.xml"));
        Assert.Equal("the header must contain tag 35", e.Reason);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dictionary-" + Guid.NewGuid().ToString("N") + ".xml");
        var e = Assert.Throws<FixDictionaryException>(() => FixDictionary.Load(path));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot read the file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_file_on_disk_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "bad-dictionary-" + Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(path, Doc("<message name=\"Logout\" msgtype=\"5\"><field name=\"Txet\" required=\"N\"/></message>"));
        try
        {
            var e = Assert.Throws<FixDictionaryException>(() => FixDictionary.Load(path));
            Assert.Equal(path, e.FileName);
            Assert.Equal(5, e.Line);
            Assert.Equal($"{path}(5): <field name=\"Txet\"> in <message name=\"Logout\">: unknown field 'Txet' (not in <fields>)", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertError(string xml, int line, string? element, string reason)
    {
        var e = Assert.Throws<FixDictionaryException>(() => FixDictionary.Parse(xml, "dict.xml"));
        Assert.Equal("dict.xml", e.FileName);
        Assert.Equal(line, e.Line);
        Assert.Equal(element, e.Element);
        Assert.StartsWith(reason, e.Reason, StringComparison.Ordinal);
        Assert.StartsWith("dict.xml(", e.Message, StringComparison.Ordinal);
    }
}

public class SharedDataTests
{
    [Fact]
    public void Absent_shared_files_skip_unless_CI_requires_them()
    {
        var reason = SharedData.SkipReason(["no/such/file.xml"]);
        if (RepoPaths.RequireShared)
            Assert.Null(reason);
        else
            Assert.Equal("needs ../shared/no/such/file.xml, which is absent (SCALP_REQUIRE_SHARED=1 makes this a failure)", reason);
        Assert.EndsWith("shared", RepoPaths.Shared, StringComparison.Ordinal);
        Assert.Equal(Path.GetDirectoryName(RepoPaths.Root), Path.GetDirectoryName(RepoPaths.Shared));
    }
}

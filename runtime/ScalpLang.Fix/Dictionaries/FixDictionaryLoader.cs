using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Dictionaries;

/// <summary>A dictionary file that cannot be used: which file, which line, which element and why.</summary>
public sealed class FixDictionaryException : Exception
{
    public FixDictionaryException(string source, int line, string? element, string reason, Exception? innerException = null)
        : base(Format(source, line, element, reason), innerException)
    {
        FileName = source;
        Line = line;
        Element = element;
        Reason = reason;
    }

    public FixDictionaryException() { }
    public FixDictionaryException(string message) : base(message) { }
    public FixDictionaryException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The file or resource name.</summary>
    public string FileName { get; } = "";

    /// <summary>1-based line of the offending element; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The offending element as written, e.g. &lt;field name="Foo"&gt; in &lt;message name="Logon"&gt;.</summary>
    public string? Element { get; }
    public string Reason { get; } = "";

    private static string Format(string source, int line, string? element, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"{source}{(line > 0 ? $"({line})" : "")}: {(element is null ? "" : element + ": ")}{reason}");
}

/// <summary>Reads QuickFIX's dictionary XML: fields first, then components, header, trailer and messages.</summary>
internal sealed class FixDictionaryLoader
{
    private readonly string _source;
    private readonly Dictionary<string, FixFieldDef> _fieldsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _components = new(StringComparer.Ordinal);
    private readonly Stack<string> _componentStack = new();

    private FixDictionaryLoader(string source) => _source = source;

    public static FixDictionary Load(Stream stream, string source)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new FixDictionaryException(source, e.LineNumber, null, "not well-formed XML: " + e.Message, e);
        }
        return new FixDictionaryLoader(source).Build(document);
    }

    private FixDictionary Build(XDocument document)
    {
        var root = document.Root!;
        if (root.Name.LocalName != "fix")
            throw Error(root, null, $"the root element must be <fix>, not <{root.Name.LocalName}>");
        var major = IntAttribute(root, "major", null);
        var minor = IntAttribute(root, "minor", null);
        var type = (string?)root.Attribute("type") ?? "FIX";
        if (type is not ("FIX" or "FIXT"))
            throw Error(root, null, $"type must be FIX or FIXT, not '{type}'");
        var beginString = string.Create(CultureInfo.InvariantCulture, $"{type}.{major}.{minor}");

        var fields = ReadFields(Section(root, "fields"));
        foreach (var component in root.Element("components")?.Elements() ?? [])
        {
            if (component.Name.LocalName != "component")
                throw Error(component, "<components>", $"unexpected element <{component.Name.LocalName}>");
            var name = RequiredAttribute(component, "name", "<components>");
            if (!_components.TryAdd(name, component))
                throw Error(component, "<components>", $"component '{name}' is defined twice");
        }

        var header = new FixSectionDef("header");
        header.SetMembers(ReadMembers(Section(root, "header"), "<header>"));
        var trailer = new FixSectionDef("trailer");
        trailer.SetMembers(ReadMembers(Section(root, "trailer"), "<trailer>"));
        foreach (var tag in new[] { FixTag.BeginString, FixTag.BodyLength, FixTag.MsgType })
        {
            if (!header.Contains(tag))
                throw Error(Section(root, "header"), null, $"the header must contain tag {tag}");
        }
        if (!trailer.Contains(FixTag.CheckSum))
            throw Error(Section(root, "trailer"), null, "the trailer must contain CheckSum (10)");

        var messages = new List<FixMessageDef>();
        var msgTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in Section(root, "messages").Elements())
        {
            if (element.Name.LocalName != "message")
                throw Error(element, "<messages>", $"unexpected element <{element.Name.LocalName}>");
            var name = RequiredAttribute(element, "name", "<messages>");
            var msgType = RequiredAttribute(element, "msgtype", "<messages>");
            var category = (string?)element.Attribute("msgcat") ?? "app";
            if (!msgTypes.Add(msgType))
                throw Error(element, "<messages>", $"msgtype '{msgType}' is defined twice");
            var message = new FixMessageDef(name, msgType, category);
            message.SetMembers(ReadMembers(element, Describe(element)));
            messages.Add(message);
        }
        return new FixDictionary(_source, beginString, major, minor, fields, header, trailer, messages);
    }

    private List<FixFieldDef> ReadFields(XElement section)
    {
        var fields = new List<FixFieldDef>();
        var tags = new HashSet<int>();
        foreach (var element in section.Elements())
        {
            if (element.Name.LocalName != "field")
                throw Error(element, "<fields>", $"unexpected element <{element.Name.LocalName}>");
            var tag = IntAttribute(element, "number", "<fields>");
            var name = RequiredAttribute(element, "name", "<fields>");
            var typeName = RequiredAttribute(element, "type", "<fields>");
            var type = FixFieldDef.ParseType(typeName)
                ?? throw Error(element, "<fields>", $"unknown type '{typeName}'");
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var value in element.Elements())
            {
                if (value.Name.LocalName != "value")
                    throw Error(value, Describe(element), $"unexpected element <{value.Name.LocalName}>");
                var key = (string?)value.Attribute("enum");
                if (string.IsNullOrEmpty(key))
                    throw Error(value, Describe(element), "a <value> needs a non-empty enum attribute");
                values[key] = (string?)value.Attribute("description") ?? "";
            }
            if (!tags.Add(tag))
                throw Error(element, "<fields>", $"tag {tag} is defined twice");
            var field = new FixFieldDef(tag, name, typeName, type, values);
            if (!_fieldsByName.TryAdd(name, field))
                throw Error(element, "<fields>", $"field name '{name}' is defined twice");
            fields.Add(field);
        }
        return fields;
    }

    private List<FixMemberDef> ReadMembers(XElement container, string context)
    {
        var members = new List<FixMemberDef>();
        AddMembers(container, members, [], enclosingRequired: true, context);
        return members;
    }

    // Components are expanded in place. A member is required when it says so and every component
    // around it (up to the enclosing group or message) is required; a group entry starts afresh.
    private void AddMembers(XElement parent, List<FixMemberDef> members, HashSet<int> seen, bool enclosingRequired, string context)
    {
        foreach (var element in parent.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "field":
                {
                    var field = FieldReference(element, context);
                    Add(members, seen, new FixMemberDef(field, IsRequired(element, context) && enclosingRequired, null), element, context);
                    break;
                }
                case "group":
                {
                    var counter = FieldReference(element, context);
                    var group = new FixGroupDef(counter, IsRequired(element, context) && enclosingRequired);
                    var inner = new List<FixMemberDef>();
                    AddMembers(element, inner, [], enclosingRequired: true, $"{Describe(element)} in {context}");
                    if (inner.Count == 0)
                        throw Error(element, context, "a group needs at least one member");
                    group.SetMembers(inner);
                    group.DelimiterTag = inner[0].Tag;
                    Add(members, seen, new FixMemberDef(counter, group.Required, group), element, context);
                    break;
                }
                case "component":
                {
                    var name = RequiredAttribute(element, "name", context);
                    if (!_components.TryGetValue(name, out var component))
                        throw Error(element, context, $"unknown component '{name}'");
                    if (_componentStack.Contains(name))
                        throw Error(element, context, $"component '{name}' contains itself");
                    _componentStack.Push(name);
                    AddMembers(component, members, seen, enclosingRequired && IsRequired(element, context), context);
                    _componentStack.Pop();
                    break;
                }
                default:
                    throw Error(element, context, $"unexpected element <{element.Name.LocalName}>");
            }
        }
    }

    private void Add(List<FixMemberDef> members, HashSet<int> seen, FixMemberDef member, XElement element, string context)
    {
        if (!seen.Add(member.Tag))
            throw Error(element, context, $"field '{member.Field.Name}' ({member.Tag}) appears twice");
        members.Add(member);
    }

    private FixFieldDef FieldReference(XElement element, string context)
    {
        var name = RequiredAttribute(element, "name", context);
        return _fieldsByName.TryGetValue(name, out var field)
            ? field
            : throw Error(element, context, $"unknown field '{name}' (not in <fields>)");
    }

    private bool IsRequired(XElement element, string context) => (string?)element.Attribute("required") switch
    {
        null or "N" or "n" => false,
        "Y" or "y" => true,
        var other => throw Error(element, context, $"required must be Y or N, not '{other}'"),
    };

    private XElement Section(XElement root, string name) =>
        root.Element(name) ?? throw Error(root, null, $"missing <{name}> section");

    private string RequiredAttribute(XElement element, string name, string? context)
    {
        var value = (string?)element.Attribute(name);
        return string.IsNullOrEmpty(value) ? throw Error(element, context, $"missing attribute '{name}'") : value;
    }

    private int IntAttribute(XElement element, string name, string? context)
    {
        var text = RequiredAttribute(element, name, context);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(element, context, $"attribute '{name}' must be a non-negative integer, not '{text}'");
    }

    private static string Describe(XElement element)
    {
        var name = (string?)element.Attribute("name");
        return name is null ? $"<{element.Name.LocalName}>" : $"<{element.Name.LocalName} name=\"{name}\">";
    }

    private FixDictionaryException Error(XElement element, string? context, string reason)
    {
        var line = ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : 0;
        var described = context is null ? Describe(element) : $"{Describe(element)} in {context}";
        return new FixDictionaryException(_source, line, described, reason);
    }
}

using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Dictionaries;

/// <summary>
/// A FIX data dictionary in QuickFIX's XML format: fields (tag, name, type, allowed values), the
/// standard header and trailer, and the messages with their members and repeating groups
/// (components are flattened in). Immutable after loading and safe to share between threads.
/// The engine ships trimmed FIX 4.2 and 4.4 dictionaries for the messages it uses
/// (<see cref="Fix42"/>, <see cref="Fix44"/>); a session may load a full or venue-specific one.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A FIX data dictionary is the protocol's own term; it is not a collection type.")]
public sealed partial class FixDictionary
{
    private static readonly Lazy<FixDictionary> LazyFix42 = new(() => LoadEmbedded("FIX42.xml"));
    private static readonly Lazy<FixDictionary> LazyFix44 = new(() => LoadEmbedded("FIX44.xml"));

    private readonly FixFieldDef?[] _fieldsByTag;
    private readonly FrozenDictionary<int, FixFieldDef> _fields;
    private readonly FrozenDictionary<string, FixFieldDef> _fieldsByName;
    private readonly FrozenDictionary<ulong, FixMessageDef> _messagesByPackedType;
    private readonly FrozenDictionary<string, FixMessageDef> _messages;

    internal FixDictionary(string source, string beginString, int major, int minor, IReadOnlyList<FixFieldDef> fields,
        FixSectionDef header, FixSectionDef trailer, IReadOnlyList<FixMessageDef> messages)
    {
        Source = source;
        BeginString = beginString;
        Major = major;
        Minor = minor;
        Header = header;
        Trailer = trailer;
        Messages = messages;
        _fields = fields.ToFrozenDictionary(f => f.Tag);
        _fieldsByName = fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        var maxTag = fields.Count == 0 ? 0 : fields.Where(f => f.Tag is > 0 and < 65_536).Select(f => f.Tag).DefaultIfEmpty(0).Max();
        _fieldsByTag = new FixFieldDef?[maxTag + 1];
        foreach (var f in fields)
        {
            if (f.Tag is > 0 and < 65_536)
                _fieldsByTag[f.Tag] = f;
        }
        _messages = messages.ToFrozenDictionary(m => m.MsgType, StringComparer.Ordinal);
        var packed = new Dictionary<ulong, FixMessageDef>();
        foreach (var m in messages)
        {
            if (FixFieldDef.TryPack(Encoding.Latin1.GetBytes(m.MsgType), out var key))
                packed[key] = m;
        }
        _messagesByPackedType = packed.ToFrozenDictionary();
        TagTable = BuildTagTable(fields, header, trailer, messages);
    }

    /// <summary>The engine's own FIX 4.2 dictionary (embedded).</summary>
    public static FixDictionary Fix42 => LazyFix42.Value;

    /// <summary>The engine's own FIX 4.4 dictionary (embedded).</summary>
    public static FixDictionary Fix44 => LazyFix44.Value;

    /// <summary>The embedded dictionary for a BeginString (FIX.4.2 or FIX.4.4), or null.</summary>
    public static FixDictionary? ForBeginString(string beginString) => beginString switch
    {
        "FIX.4.2" => Fix42,
        "FIX.4.4" => Fix44,
        _ => null,
    };

    /// <summary>Where the dictionary was loaded from (a file name or resource name), for messages.</summary>
    public string Source { get; }

    /// <summary>The BeginString (8) value this dictionary describes, e.g. FIX.4.4.</summary>
    public string BeginString { get; }
    public int Major { get; }
    public int Minor { get; }
    public FixSectionDef Header { get; }
    public FixSectionDef Trailer { get; }
    public IReadOnlyList<FixMessageDef> Messages { get; }
    public IReadOnlyCollection<FixFieldDef> Fields => _fields.Values;

    internal FixTagTable TagTable { get; }

    public FixFieldDef? GetField(int tag) =>
        (uint)tag < (uint)_fieldsByTag.Length ? _fieldsByTag[tag] : _fields.GetValueOrDefault(tag);

    public FixFieldDef? GetField(string name) => _fieldsByName.GetValueOrDefault(name);

    public FixMessageDef? GetMessage(string msgType) => _messages.GetValueOrDefault(msgType);

    /// <summary>The message definition for a MsgType (35) value, without allocating.</summary>
    public FixMessageDef? GetMessage(ReadOnlySpan<byte> msgType) =>
        FixFieldDef.TryPack(msgType, out var key)
            ? _messagesByPackedType.GetValueOrDefault(key)
            : _messages.GetValueOrDefault(Encoding.Latin1.GetString(msgType));

    public bool IsHeaderField(int tag) => (TagTable[tag] & FixTagTable.Header) != 0;
    public bool IsTrailerField(int tag) => (TagTable[tag] & FixTagTable.Trailer) != 0;

    public override string ToString() => $"{BeginString} ({Source}: {_fields.Count} fields, {Messages.Count} messages)";

    /// <summary>Loads a dictionary file; a malformed file raises <see cref="FixDictionaryException"/> naming the file, line and element.</summary>
    public static FixDictionary Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FixDictionaryException(path, 0, null, $"cannot read the file: {e.Message}", e);
        }
        using (stream)
            return FixDictionaryLoader.Load(stream, path);
    }

    /// <summary>Loads a dictionary from a stream; <paramref name="sourceName"/> names it in errors.</summary>
    public static FixDictionary Load(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return FixDictionaryLoader.Load(stream, sourceName);
    }

    /// <summary>Loads a dictionary from XML text; <paramref name="sourceName"/> names it in errors.</summary>
    public static FixDictionary Parse(string xml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return FixDictionaryLoader.Load(stream, sourceName);
    }

    private static FixDictionary LoadEmbedded(string name)
    {
        var resource = "ScalpLang.Fix." + name;
        using var stream = typeof(FixDictionary).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded dictionary {resource} is missing from {typeof(FixDictionary).Assembly.GetName().Name}");
        return FixDictionaryLoader.Load(stream, "embedded:" + name);
    }

    /// <summary>The names of the embedded dictionaries (for tests and tools).</summary>
    public static IReadOnlyList<string> EmbeddedNames =>
        [.. typeof(FixDictionary).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ScalpLang.Fix.", StringComparison.Ordinal) && n.EndsWith(".xml", StringComparison.Ordinal))
            .Select(n => n["ScalpLang.Fix.".Length..])];

    private static FixTagTable BuildTagTable(IReadOnlyList<FixFieldDef> fields, FixSectionDef header, FixSectionDef trailer, IReadOnlyList<FixMessageDef> messages)
    {
        var entries = new List<(int, byte)>();
        entries.AddRange(header.Members.Select(m => (m.Tag, FixTagTable.Header)));
        entries.AddRange(trailer.Members.Select(m => (m.Tag, FixTagTable.Trailer)));
        entries.AddRange(fields.Where(f => f.IsData).Select(f => (f.Tag, FixTagTable.Data)));
        var counters = new HashSet<int>();
        void Collect(FixFieldContainer container)
        {
            foreach (var group in container.Groups.Values)
            {
                counters.Add(group.CounterTag);
                Collect(group);
            }
        }
        Collect(header);
        Collect(trailer);
        foreach (var m in messages)
            Collect(m);
        entries.AddRange(counters.Select(t => (t, FixTagTable.Counter)));
        return new FixTagTable(entries);
    }
}

namespace ScalpLang.Fix.Dictionaries;

/// <summary>
/// A field as a member of a message, header, trailer or group entry. Components are flattened
/// into their container when the dictionary is loaded, as QuickFIX does: a component's field is
/// required only if it and every enclosing component (up to the group or message) are required.
/// </summary>
public sealed class FixMemberDef
{
    internal FixMemberDef(FixFieldDef field, bool required, FixGroupDef? group)
    {
        Field = field;
        Required = required;
        Group = group;
    }

    public FixFieldDef Field { get; }
    public int Tag => Field.Tag;
    public bool Required { get; }

    /// <summary>The group this member counts (NumInGroup), or null for a plain field.</summary>
    public FixGroupDef? Group { get; }

    public override string ToString() => $"{Field.Name}{(Required ? " (required)" : "")}";
}

/// <summary>An ordered set of members: the header, the trailer, a message body or a group entry.</summary>
public abstract class FixFieldContainer
{
    // Small containers are searched linearly: faster than hashing for a handful of ints.
    private const int LinearSearchLimit = 12;

    private FixMemberDef[] _members = [];
    private int[] _tags = [];
    private Dictionary<int, int>? _positions;
    private Dictionary<int, FixGroupDef> _groups = [];
    private ulong[] _memberBits = [];

    /// <summary>Members in dictionary order (for a group entry, the first is the delimiter).</summary>
    public IReadOnlyList<FixMemberDef> Members => _members;

    /// <summary>Tags of the required members, in dictionary order.</summary>
    public IReadOnlyList<int> RequiredTags => RequiredTagArray;

    // The array itself, for allocation-free loops in validation.
    internal int[] RequiredTagArray { get; private set; } = [];

    /// <summary>The groups directly in this container, by counter tag.</summary>
    public IReadOnlyDictionary<int, FixGroupDef> Groups => _groups;

    internal void SetMembers(List<FixMemberDef> members)
    {
        _members = [.. members];
        _tags = [.. members.Select(m => m.Tag)];
        RequiredTagArray = [.. members.Where(m => m.Required).Select(m => m.Tag)];
        _groups = members.Where(m => m.Group is not null).ToDictionary(m => m.Tag, m => m.Group!);
        _positions = _tags.Length > LinearSearchLimit ? _tags.Select((tag, i) => (tag, i)).ToDictionary(p => p.tag, p => p.i) : null;
        var bitTags = _tags.Where(t => t is >= 0 and < 65_536).ToList();
        _memberBits = new ulong[bitTags.Count == 0 ? 0 : bitTags.Max() / 64 + 1];
        foreach (var tag in bitTags)
            _memberBits[tag >> 6] |= 1UL << (tag & 63);
    }

    public bool Contains(int tag)
    {
        var word = (uint)tag >> 6;
        if (word < (uint)_memberBits.Length)
            return (_memberBits[word] & (1UL << (tag & 63))) != 0;
        return tag is < 0 or >= 65_536 && PositionOf(tag) >= 0;
    }

    /// <summary>The member's index in dictionary order, or -1 when the tag is not a member.</summary>
    public int PositionOf(int tag)
    {
        if (_positions is not null)
            return _positions.TryGetValue(tag, out var p) ? p : -1;
        var tags = _tags;
        for (var i = 0; i < tags.Length; i++)
        {
            if (tags[i] == tag)
                return i;
        }
        return -1;
    }

    public FixGroupDef? GetGroup(int counterTag) =>
        _groups.Count != 0 && _groups.TryGetValue(counterTag, out var group) ? group : null;
}

/// <summary>The standard header or trailer.</summary>
public sealed class FixSectionDef : FixFieldContainer
{
    internal FixSectionDef(string name) => Name = name;

    public string Name { get; }
    public override string ToString() => Name;
}

/// <summary>A message type: its name, MsgType (35) value, category and body members.</summary>
public sealed class FixMessageDef : FixFieldContainer
{
    internal FixMessageDef(string name, string msgType, string category)
    {
        Name = name;
        MsgType = msgType;
        Category = category;
    }

    public string Name { get; }
    public string MsgType { get; }

    /// <summary>The <c>msgcat</c> attribute: <c>admin</c> or <c>app</c>.</summary>
    public string Category { get; }
    public bool IsAdmin => Category == "admin";

    public override string ToString() => $"{Name} (35={MsgType})";
}

/// <summary>A repeating group: the NumInGroup counter and the members of each entry.</summary>
public sealed class FixGroupDef : FixFieldContainer
{
    internal FixGroupDef(FixFieldDef counter, bool required)
    {
        Counter = counter;
        Required = required;
    }

    public FixFieldDef Counter { get; }
    public int CounterTag => Counter.Tag;
    public string Name => Counter.Name;

    /// <summary>Whether the counter is required in the enclosing container.</summary>
    public bool Required { get; }

    /// <summary>The tag every entry must start with (the first member in dictionary order).</summary>
    public int DelimiterTag { get; internal set; }

    public override string ToString() => $"{Name}({CounterTag}) delimiter {DelimiterTag}";
}

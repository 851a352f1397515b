using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using ScalpLang.Fix.Dictionaries;

namespace ScalpLang.Fix.Codec;

/// <summary>Where a top-level field sits; group members carry the section of their counter.</summary>
public enum FixSection : byte
{
    Header,
    Body,
    Trailer,
}

/// <summary>One field of a parsed message: its tag and where its value lies in <see cref="FixMessage.Bytes"/>.</summary>
public readonly struct FixField
{
    private readonly int _entry;
    private readonly int _group;

    internal FixField(in FieldSlot slot)
    {
        Tag = slot.Tag;
        ValueOffset = slot.Offset;
        ValueLength = slot.Length;
        Section = slot.Section;
        _entry = slot.Entry;
        _group = slot.Group;
    }

    public int Tag { get; }
    public int ValueOffset { get; }
    public int ValueLength { get; }
    public FixSection Section { get; }

    /// <summary>True when the field belongs to a repeating-group entry rather than the message itself.</summary>
    public bool IsInGroup => _entry >= 0;

    /// <summary>True when the field is a NumInGroup counter the dictionary knows, with its entries parsed.</summary>
    public bool IsGroupCounter => _group >= 0;
}

internal struct FieldSlot
{
    public int Tag;
    public int Offset;
    public int Length;
    public int Entry; // -1: top level; else the group entry holding the field
    public int Group; // -1; else the group this counter field opens
    public FixSection Section;
}

internal struct GroupSlot
{
    public int CounterField;
    public int ParentEntry;
    public int FirstEntry;
    public int Count;
    public FixGroupDef Def;
}

internal struct EntrySlot
{
    public int Group;
    public int FirstField;
    public int EndField;
}

internal struct GroupFrame
{
    public FixGroupDef Def;
    public int Group;
    public int Entry;
    public int LastPosition;
    public FixSection Section;
}

/// <summary>
/// A parsed FIX message. Reusable: <see cref="FixParser.TryParse(ReadOnlySpan{byte}, FixMessage, out FixParseError)"/>
/// overwrites it, and after the buffers have grown to the largest message seen, parsing and
/// reading fields allocate nothing. Values are read as spans over the message's own copy of the
/// bytes (valid until the next parse) or with the typed getters. Not thread-safe.
/// </summary>
public sealed class FixMessage
{
    // Tags below this are found through a direct index; larger tags by a scan of the fields.
    internal const int IndexedTags = 2048;

    internal byte[] Buffer;
    internal int Length;
    internal FieldSlot[] Fields = new FieldSlot[64];
    internal int FieldsUsed;
    internal GroupSlot[] Groups = new GroupSlot[4];
    internal int GroupsUsed;
    internal EntrySlot[] Entries = new EntrySlot[16];
    internal int EntriesUsed;
    internal GroupFrame[] Frames = new GroupFrame[8];
    internal bool NestedGroups;

    // Structural findings recorded while parsing, reported by validation (QuickFIX's order).
    internal FixReject GroupStructureReject;
    internal int GroupOrderViolationTag;
    internal bool HasGroupOrderViolation;
    internal int OutOfOrderTag;
    internal bool HasOutOfOrderTag;
    internal readonly int[] FirstRepeatedField = new int[3];

    private readonly int[] _index = new int[IndexedTags]; // 1 + field index of a top-level tag's first occurrence
    private int[] _sohPositions = new int[128];

    /// <summary>Room for the SOH offsets of a body of <paramref name="bodyLength"/> bytes (at most one per byte).</summary>
    internal int[] SohPositionsFor(int bodyLength)
    {
        if (_sohPositions.Length < bodyLength)
            _sohPositions = new int[Math.Max(bodyLength, _sohPositions.Length * 2)];
        return _sohPositions;
    }

    public FixMessage(int initialCapacity = 512) => Buffer = new byte[Math.Max(initialCapacity, 64)];

    /// <summary>The message bytes, from 8= through the CheckSum's SOH.</summary>
    public ReadOnlySpan<byte> Bytes => Buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    /// <summary>The number of fields, including 8, 9, 10 and group members.</summary>
    public int FieldCount => FieldsUsed;

    /// <summary>The dictionary the message was parsed with, if any.</summary>
    public FixDictionary? Dictionary { get; internal set; }

    /// <summary>The dictionary's definition of this MsgType, or null (no dictionary, or an unknown MsgType).</summary>
    public FixMessageDef? Definition { get; internal set; }

    /// <summary>All fields in wire order, including 8, 9 and 10 and the members of groups.</summary>
    public FieldList AllFields => new(this);

    public ReadOnlySpan<byte> BeginString => FieldsUsed > 0 ? ValueOf(0) : default;
    public ReadOnlySpan<byte> MsgType => FieldsUsed > 2 ? ValueOf(2) : default;

    /// <summary>
    /// Session-level (administrative) message: Heartbeat, Logon, TestRequest, ResendRequest,
    /// Reject, SequenceReset, Logout and XMLnonFIX, as QuickFIX classifies them.
    /// </summary>
    public bool IsAdmin
    {
        get
        {
            var t = MsgType;
            return t.Length == 1 && t[0] is (byte)'0' or (byte)'A' or (byte)'1' or (byte)'2' or (byte)'3' or (byte)'4' or (byte)'5' or (byte)'n';
        }
    }

    // ---- top-level fields ---------------------------------------------------------------------

    public bool Contains(int tag) => FindTop(tag) >= 0;

    public bool TryGetValue(int tag, out ReadOnlySpan<byte> value)
    {
        var i = FindTop(tag);
        if (i < 0)
        {
            value = default;
            return false;
        }
        value = ValueOf(i);
        return true;
    }

    /// <summary>The value, or an empty span when the field is absent.</summary>
    public ReadOnlySpan<byte> GetValue(int tag)
    {
        var i = FindTop(tag);
        return i < 0 ? default : ValueOf(i);
    }

    public bool TryGetInt(int tag, out int value)
    {
        value = 0;
        return TryGetValue(tag, out var v) && FixValue.TryParseInt(v, out value);
    }

    public bool TryGetLong(int tag, out long value)
    {
        value = 0;
        return TryGetValue(tag, out var v) && FixValue.TryParseLong(v, out value);
    }

    public bool TryGetDecimal(int tag, out decimal value)
    {
        value = 0;
        return TryGetValue(tag, out var v) && FixValue.TryParseDecimal(v, out value);
    }

    public bool TryGetChar(int tag, out char value)
    {
        value = '\0';
        return TryGetValue(tag, out var v) && FixValue.TryParseChar(v, out value);
    }

    public bool TryGetBoolean(int tag, out bool value)
    {
        value = false;
        return TryGetValue(tag, out var v) && FixValue.TryParseBoolean(v, out value);
    }

    public bool TryGetUtcTimestamp(int tag, out DateTime value)
    {
        value = default;
        return TryGetValue(tag, out var v) && FixValue.TryParseUtcTimestamp(v, out value);
    }

    public bool TryGetUtcTimestampUnixNanos(int tag, out long unixNanos)
    {
        unixNanos = 0;
        return TryGetValue(tag, out var v) && FixValue.TryParseUtcTimestampUnixNanos(v, out unixNanos);
    }

    public int GetInt(int tag) => TryGetInt(tag, out var v) ? v : throw Missing(tag, "an INT");
    public long GetLong(int tag) => TryGetLong(tag, out var v) ? v : throw Missing(tag, "an integer");
    public decimal GetDecimal(int tag) => TryGetDecimal(tag, out var v) ? v : throw Missing(tag, "a decimal");
    public char GetChar(int tag) => TryGetChar(tag, out var v) ? v : throw Missing(tag, "a CHAR");
    public bool GetBoolean(int tag) => TryGetBoolean(tag, out var v) ? v : throw Missing(tag, "a BOOLEAN");
    public DateTime GetUtcTimestamp(int tag) => TryGetUtcTimestamp(tag, out var v) ? v : throw Missing(tag, "a UTCTimestamp");

    /// <summary>The value as text (ISO-8859-1, as FIX is sent); allocates, so keep it off hot paths.</summary>
    public string? GetString(int tag) => TryGetValue(tag, out var v) ? Encoding.Latin1.GetString(v) : null;

    /// <summary>A top-level repeating group; empty when absent or when the counter was not parsed as a group.</summary>
    public FixGroup GetGroup(int counterTag)
    {
        var i = FindTop(counterTag);
        return i >= 0 && Fields[i].Group >= 0 ? new FixGroup(this, Fields[i].Group) : default;
    }

    // ---- field list ---------------------------------------------------------------------------

    public FixField this[int index] => (uint)index < (uint)FieldsUsed
        ? new FixField(in Fields[index])
        : throw new ArgumentOutOfRangeException(nameof(index));

    public ReadOnlySpan<byte> GetValue(in FixField field) => Buffer.AsSpan(field.ValueOffset, field.ValueLength);

    /// <summary>The message with SOH shown as '|', for logs and test output.</summary>
    public override string ToString() => FormatForDisplay(Bytes);

    public static string FormatForDisplay(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        return text.Replace('\u0001', '|');
    }

    /// <summary>Copies the message (bytes and structure), e.g. to keep it beyond the next parse.</summary>
    public FixMessage Clone()
    {
        var copy = new FixMessage(Length);
        copy.CopyFrom(this);
        return copy;
    }

    internal void CopyFrom(FixMessage other)
    {
        Reset(other.Length);
        other.Buffer.AsSpan(0, other.Length).CopyTo(Buffer);
        Length = other.Length;
        EnsureFields(other.FieldsUsed);
        Array.Copy(other.Fields, Fields, other.FieldsUsed);
        FieldsUsed = other.FieldsUsed;
        EnsureGroups(other.GroupsUsed);
        Array.Copy(other.Groups, Groups, other.GroupsUsed);
        GroupsUsed = other.GroupsUsed;
        EnsureEntries(other.EntriesUsed);
        Array.Copy(other.Entries, Entries, other.EntriesUsed);
        EntriesUsed = other.EntriesUsed;
        Array.Copy(other._index, _index, IndexedTags);
        Array.Copy(other.FirstRepeatedField, FirstRepeatedField, 3);
        GroupStructureReject = other.GroupStructureReject;
        GroupOrderViolationTag = other.GroupOrderViolationTag;
        HasGroupOrderViolation = other.HasGroupOrderViolation;
        OutOfOrderTag = other.OutOfOrderTag;
        HasOutOfOrderTag = other.HasOutOfOrderTag;
        Dictionary = other.Dictionary;
        Definition = other.Definition;
    }

    // ---- internals used by the parser and validator -------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ReadOnlySpan<byte> ValueOf(int fieldIndex)
    {
        ref readonly var f = ref Fields[fieldIndex];
        return new ReadOnlySpan<byte>(Buffer, f.Offset, f.Length);
    }

    internal int FindTop(int tag)
    {
        if ((uint)tag < IndexedTags)
            return _index[tag] - 1;
        var fields = Fields;
        for (var i = 0; i < FieldsUsed; i++)
        {
            if (fields[i].Tag == tag && fields[i].Entry < 0)
                return i;
        }
        return -1;
    }

    /// <summary>Finds a member of a group entry (not of entries nested in it).</summary>
    internal int FindInEntry(int entry, int tag)
    {
        ref readonly var e = ref Entries[entry];
        var fields = Fields;
        var end = e.EndField;
        for (var i = e.FirstField; i < end; i++)
        {
            if (fields[i].Tag == tag && fields[i].Entry == entry)
                return i;
        }
        return -1;
    }

    /// <summary>Clears the previous message and makes room for <paramref name="length"/> bytes.</summary>
    internal void Reset(int length)
    {
        var fields = Fields;
        for (var i = 0; i < FieldsUsed; i++)
        {
            var tag = fields[i].Tag;
            if ((uint)tag < IndexedTags)
                _index[tag] = 0;
        }
        FieldsUsed = 0;
        GroupsUsed = 0;
        EntriesUsed = 0;
        NestedGroups = false;
        GroupStructureReject = default;
        HasGroupOrderViolation = false;
        HasOutOfOrderTag = false;
        FirstRepeatedField[0] = FirstRepeatedField[1] = FirstRepeatedField[2] = -1;
        Dictionary = null;
        Definition = null;
        Length = 0;
        if (Buffer.Length < length)
            Buffer = new byte[Math.Max(length, Buffer.Length * 2)];
    }

    /// <summary>Adds a top-level field; records the first repeat per section.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int AddTop(int tag, int offset, int length, FixSection section)
    {
        var i = AddSlot(tag, offset, length, -1, section);
        if ((uint)tag < IndexedTags)
        {
            ref var slot = ref _index[tag];
            if (slot == 0)
                slot = i + 1;
            else
                NoteRepeat(i, section);
        }
        else if (FindTopBefore(tag, i) >= 0)
        {
            NoteRepeat(i, section);
        }
        return i;
    }

    private void NoteRepeat(int field, FixSection section)
    {
        if (FirstRepeatedField[(int)section] < 0)
            FirstRepeatedField[(int)section] = field;
    }

    private int FindTopBefore(int tag, int end)
    {
        for (var i = 0; i < end; i++)
        {
            if (Fields[i].Tag == tag && Fields[i].Entry < 0)
                return i;
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int AddSlot(int tag, int offset, int length, int entry, FixSection section)
    {
        var i = FieldsUsed;
        if (i == Fields.Length)
            Array.Resize(ref Fields, i * 2);
        ref var f = ref Fields[i];
        f.Tag = tag;
        f.Offset = offset;
        f.Length = length;
        f.Entry = entry;
        f.Group = -1;
        f.Section = section;
        FieldsUsed = i + 1;
        return i;
    }

    internal int AddGroup(int counterField, int parentEntry, FixGroupDef def)
    {
        if (GroupsUsed == Groups.Length)
            Array.Resize(ref Groups, GroupsUsed * 2);
        var g = GroupsUsed++;
        ref var slot = ref Groups[g];
        slot.CounterField = counterField;
        slot.ParentEntry = parentEntry;
        slot.FirstEntry = -1;
        slot.Count = 0;
        slot.Def = def;
        Fields[counterField].Group = g;
        return g;
    }

    internal int AddEntry(int group, int firstField)
    {
        if (EntriesUsed == Entries.Length)
            Array.Resize(ref Entries, EntriesUsed * 2);
        var e = EntriesUsed++;
        ref var slot = ref Entries[e];
        slot.Group = group;
        slot.FirstField = firstField;
        slot.EndField = firstField;
        ref var g = ref Groups[group];
        if (g.Count++ == 0)
            g.FirstEntry = e;
        return e;
    }

    internal void EnsureFrames(int depth)
    {
        if (depth >= Frames.Length)
            Array.Resize(ref Frames, Frames.Length * 2);
    }

    private void EnsureFields(int n)
    {
        if (Fields.Length < n)
            Fields = new FieldSlot[n];
    }

    private void EnsureGroups(int n)
    {
        if (Groups.Length < n)
            Groups = new GroupSlot[n];
    }

    private void EnsureEntries(int n)
    {
        if (Entries.Length < n)
            Entries = new EntrySlot[n];
    }

    /// <summary>
    /// Nested groups interleave entries of different groups; reorders them so each group's
    /// entries are contiguous (indexable) and fixes the references to them.
    /// </summary>
    internal void MakeEntriesContiguous()
    {
        var n = EntriesUsed;
        var starts = Grow(ref _scratchStarts, GroupsUsed + 1);
        Array.Clear(starts, 0, GroupsUsed + 1);
        for (var e = 0; e < n; e++)
            starts[Entries[e].Group + 1]++;
        for (var g = 0; g < GroupsUsed; g++)
            starts[g + 1] += starts[g];
        var map = Grow(ref _scratchMap, n);
        var reordered = Grow(ref _spareEntries, Entries.Length);
        for (var e = 0; e < n; e++)
        {
            var target = starts[Entries[e].Group]++;
            map[e] = target;
            reordered[target] = Entries[e];
        }
        (_spareEntries, Entries) = (Entries, reordered);
        for (var i = 0; i < FieldsUsed; i++)
        {
            if (Fields[i].Entry >= 0)
                Fields[i].Entry = map[Fields[i].Entry];
        }
        for (var g = 0; g < GroupsUsed; g++)
        {
            ref var group = ref Groups[g];
            if (group.ParentEntry >= 0)
                group.ParentEntry = map[group.ParentEntry];
            if (group.FirstEntry >= 0)
                group.FirstEntry = map[group.FirstEntry];
        }
    }

    // Scratch space for MakeEntriesContiguous, kept so that a warmed message stops allocating.
    private int[] _scratchStarts = [];
    private int[] _scratchMap = [];
    private EntrySlot[] _spareEntries = [];

    private static T[] Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size)
            array = new T[Math.Max(size, array.Length * 2)];
        return array;
    }

    [DoesNotReturn]
    private static FixFieldException Missing(int tag, string what) =>
        throw new FixFieldException(tag, $"tag {tag} is missing or is not {what}");

    /// <summary>Every field in wire order; a struct enumerator for foreach, and IReadOnlyList for LINQ.</summary>
    public readonly struct FieldList : IReadOnlyList<FixField>
    {
        private readonly FixMessage _message;
        internal FieldList(FixMessage message) => _message = message;
        public int Count => _message.FieldsUsed;
        public FixField this[int index] => _message[index];
        public Enumerator GetEnumerator() => new(_message);
        IEnumerator<FixField> IEnumerable<FixField>.GetEnumerator() => Enumerate().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => Enumerate().GetEnumerator();

        private IEnumerable<FixField> Enumerate()
        {
            for (var i = 0; i < _message.FieldsUsed; i++)
                yield return _message[i];
        }

        public struct Enumerator
        {
            private readonly FixMessage _message;
            private int _index;

            internal Enumerator(FixMessage message)
            {
                _message = message;
                _index = -1;
            }

            public readonly FixField Current => new(in _message.Fields[_index]);
            public bool MoveNext() => ++_index < _message.FieldsUsed;
        }
    }
}

/// <summary>A field was absent or not of the requested type.</summary>
public sealed class FixFieldException : Exception
{
    public FixFieldException(int tag, string message)
        : base(message) => Tag = tag;

    public FixFieldException() { }
    public FixFieldException(string message) : base(message) { }
    public FixFieldException(string message, Exception innerException) : base(message, innerException) { }

    public int Tag { get; }
}

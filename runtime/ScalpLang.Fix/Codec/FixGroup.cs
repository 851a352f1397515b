using System.Text;
using ScalpLang.Fix.Dictionaries;

namespace ScalpLang.Fix.Codec;

/// <summary>
/// A repeating group of a parsed message: the entries found on the wire (which validation
/// compares with <see cref="DeclaredCount"/>). The default value is an empty group.
/// </summary>
public readonly struct FixGroup : IReadOnlyList<FixGroupEntry>
{
    private readonly FixMessage? _message;
    private readonly int _group;

    internal FixGroup(FixMessage message, int group)
    {
        _message = message;
        _group = group;
    }

    /// <summary>The number of entries parsed.</summary>
    public int Count => _message is null ? 0 : _message.Groups[_group].Count;

    /// <summary>The NumInGroup value as sent (-1 when it is not an integer).</summary>
    public int DeclaredCount => _message is null
        ? 0
        : FixValue.TryParseInt(_message.ValueOf(_message.Groups[_group].CounterField), out var n) ? n : -1;

    public int CounterTag => _message is null ? 0 : _message.Fields[_message.Groups[_group].CounterField].Tag;

    public FixGroupDef? Definition => _message?.Groups[_group].Def;

    public FixGroupEntry this[int index] => _message is not null && (uint)index < (uint)Count
        ? new FixGroupEntry(_message, _message.Groups[_group].FirstEntry + index)
        : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(this);
    IEnumerator<FixGroupEntry> IEnumerable<FixGroupEntry>.GetEnumerator() => Enumerate().GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => Enumerate().GetEnumerator();

    private IEnumerable<FixGroupEntry> Enumerate()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    public struct Enumerator
    {
        private readonly FixGroup _group;
        private int _index;

        internal Enumerator(FixGroup group)
        {
            _group = group;
            _index = -1;
        }

        public readonly FixGroupEntry Current => _group[_index];
        public bool MoveNext() => ++_index < _group.Count;
    }
}

/// <summary>One entry of a repeating group, with the same readers as the message itself.</summary>
public readonly struct FixGroupEntry
{
    private readonly FixMessage _message;
    private readonly int _entry;

    internal FixGroupEntry(FixMessage message, int entry)
    {
        _message = message;
        _entry = entry;
    }

    /// <summary>The index range of this entry's fields (nested groups included) in <see cref="FixMessage.AllFields"/>.</summary>
    public Range FieldRange => new(_message.Entries[_entry].FirstField, _message.Entries[_entry].EndField);

    public bool Contains(int tag) => _message.FindInEntry(_entry, tag) >= 0;

    public bool TryGetValue(int tag, out ReadOnlySpan<byte> value)
    {
        var i = _message.FindInEntry(_entry, tag);
        if (i < 0)
        {
            value = default;
            return false;
        }
        value = _message.ValueOf(i);
        return true;
    }

    public ReadOnlySpan<byte> GetValue(int tag)
    {
        var i = _message.FindInEntry(_entry, tag);
        return i < 0 ? default : _message.ValueOf(i);
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

    public string? GetString(int tag) => TryGetValue(tag, out var v) ? Encoding.Latin1.GetString(v) : null;

    /// <summary>A group nested in this entry; empty when absent.</summary>
    public FixGroup GetGroup(int counterTag)
    {
        var i = _message.FindInEntry(_entry, counterTag);
        return i >= 0 && _message.Fields[i].Group >= 0 ? new FixGroup(_message, _message.Fields[i].Group) : default;
    }
}

namespace ScalpLang.Fix.Codec;

/// <summary>
/// Per-tag flags the parser consults for every field: one array load instead of dictionary
/// lookups. Built from a dictionary, or the standard FIX 4.x header, trailer and data fields when
/// parsing without one.
/// </summary>
internal sealed class FixTagTable
{
    public const byte Header = 1;
    public const byte Trailer = 2;
    public const byte Data = 4;
    public const byte Counter = 8;

    // Tags above this are never flagged (user-defined tags beyond it parse as plain body fields).
    private const int MaxFlaggedTag = 65_535;

    private readonly byte[] _flags;

    public FixTagTable(IEnumerable<(int Tag, byte Flags)> entries)
    {
        var list = entries.Where(e => e.Tag is > 0 and <= MaxFlaggedTag).ToList();
        _flags = new byte[list.Count == 0 ? 1 : list.Max(e => e.Tag) + 1];
        foreach (var (tag, flags) in list)
            _flags[tag] |= flags;
    }

    public byte this[int tag] => (uint)tag < (uint)_flags.Length ? _flags[tag] : (byte)0;

    /// <summary>The length field that precedes a data field: Signature (89) follows SignatureLength (93), every other data tag follows tag - 1.</summary>
    public static int LengthTagOf(int dataTag) => dataTag == FixTag.Signature ? FixTag.SignatureLength : dataTag - 1;

    /// <summary>The standard FIX 4.2/4.4 header, trailer and data fields, for parsing without a dictionary.</summary>
    public static FixTagTable Default { get; } = new(
        new[]
        {
            8, 9, 35, 49, 56, 115, 128, 90, 91, 34, 50, 142, 57, 143, 116, 144, 129, 145, 43, 97, 52, 122,
            212, 213, 347, 369, 370,
        }.Select(t => (t, Header))
        .Concat(new[] { 93, 89, 10 }.Select(t => (t, Trailer)))
        .Concat(new[] { 89, 91, 96, 213, 349, 351, 353, 355, 357, 359, 361, 363, 365, 446, 619, 622 }.Select(t => (t, Data))));
}

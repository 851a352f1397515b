using System.Buffers.Binary;
using System.Text;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tape;

/// <summary>
/// The 128-byte header of a tape file (docs/tape.md): magic, version, sizes, the book depth the
/// records index into, the first record's time base, record and event counts, and the instrument
/// the prices and sizes are in (tick and lot as exact decimals).
/// </summary>
public sealed record TapeHeader(Instrument Instrument, int Depth, long StartTs, long RecordCount, long EventCount)
{
    public const int Length = 128;
    public const ushort Version = 1;
    private static ReadOnlySpan<byte> Magic => "SCLPTAPE"u8;

    public void Write(Span<byte> bytes)
    {
        bytes[..Length].Clear();
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[8..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[10..], Length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[12..], TapeRecord.Length);
        bytes[14] = (byte)Depth;
        BinaryPrimitives.WriteInt64LittleEndian(bytes[16..], StartTs);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[24..], RecordCount);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[32..], EventCount);
        WriteDecimal(bytes[40..], Instrument.TickSize);
        WriteDecimal(bytes[56..], Instrument.LotSize);
        WriteAscii(bytes.Slice(72, 32), Instrument.Symbol, "symbol");
        WriteAscii(bytes.Slice(104, 8), Instrument.Currency, "currency");
    }

    /// <summary>Reads and checks a header; a problem comes back as a sentence naming the field.</summary>
    public static TapeHeader? Read(ReadOnlySpan<byte> bytes, out string? error)
    {
        error = null;
        if (bytes.Length < Length)
            return Fail(out error, $"not a tape: {bytes.Length} bytes, shorter than the {Length}-byte header");
        if (!bytes[..8].SequenceEqual(Magic))
            return Fail(out error, "not a tape: the file does not start with SCLPTAPE");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        if (version != Version)
            return Fail(out error, $"tape version {version} is not supported (this build reads version {Version})");
        if (BinaryPrimitives.ReadUInt16LittleEndian(bytes[10..]) != Length || BinaryPrimitives.ReadUInt16LittleEndian(bytes[12..]) != TapeRecord.Length)
            return Fail(out error, $"corrupt tape header: header or record length is not {Length}/{TapeRecord.Length}");
        int depth = bytes[14];
        if (depth is < 1 or > Book.DepthBook.MaxDepth)
            return Fail(out error, $"corrupt tape header: book depth {depth} is outside 1..{Book.DepthBook.MaxDepth}");
        long start = BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]);
        long records = BinaryPrimitives.ReadInt64LittleEndian(bytes[24..]);
        long events = BinaryPrimitives.ReadInt64LittleEndian(bytes[32..]);
        if (start < 0 || records < 0 || events < 0 || events > records)
            return Fail(out error, $"corrupt tape header: start {start}, {records} records, {events} events");
        if (!TryReadDecimal(bytes[40..], out var tick) || !TryReadDecimal(bytes[56..], out var lot))
            return Fail(out error, "corrupt tape header: tick or lot size is not a positive decimal");
        if (!TryReadAscii(bytes.Slice(72, 32), out var symbol) || !TryReadAscii(bytes.Slice(104, 8), out var currency))
            return Fail(out error, "corrupt tape header: symbol or currency is empty or not printable ASCII");
        return new TapeHeader(new Instrument(symbol, tick, lot, currency), depth, start, records, events);
    }

    private static TapeHeader? Fail(out string error, string message)
    {
        error = message;
        return null;
    }

    private static void WriteDecimal(Span<byte> bytes, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0 || value <= 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "a tape stores tick and lot sizes of up to 18 digits");
        long mantissa = (long)(uint)bits[0] | (long)(uint)bits[1] << 32;
        if (mantissa is < 0 or >= 1_000_000_000_000_000_000)
            throw new ArgumentOutOfRangeException(nameof(value), value, "a tape stores tick and lot sizes of up to 18 digits");
        BinaryPrimitives.WriteInt64LittleEndian(bytes, mantissa);
        bytes[8] = (byte)((bits[3] >> 16) & 0xFF);
    }

    private static bool TryReadDecimal(ReadOnlySpan<byte> bytes, out decimal value)
    {
        long mantissa = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        byte scale = bytes[8];
        value = 0;
        if (mantissa is <= 0 or >= 1_000_000_000_000_000_000 || scale > 28)
            return false;
        value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, false, scale);
        return true;
    }

    private static void WriteAscii(Span<byte> field, string text, string what)
    {
        if (text.Length > field.Length || text.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException($"a tape {what} is at most {field.Length} printable ASCII characters: '{text}'", nameof(text));
        Encoding.ASCII.GetBytes(text, field);
    }

    private static bool TryReadAscii(ReadOnlySpan<byte> field, out string text)
    {
        int length = field.IndexOf((byte)0);
        if (length < 0)
            length = field.Length;
        text = Encoding.ASCII.GetString(field[..length]);
        foreach (var b in field[..length])
        {
            if (b is < (byte)' ' or > (byte)'~')
                return false;
        }
        return length > 0 && !field[length..].ContainsAnyExcept((byte)0);
    }
}

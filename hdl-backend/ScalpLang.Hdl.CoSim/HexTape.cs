using System.Buffers.Binary;
using System.Globalization;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// The testbench's tape: one line per record, the record's 16 little-endian bytes read as one
/// little-endian 128-bit number in 32 hex digits, so the fields sit at fixed bit positions:
/// [31:0] time delta, [39:32] op, [47:40] marks, [63:48] aux, [95:64] price, [127:96] size
/// (docs/tape.md). No header: the testbench needs the records only.
/// </summary>
public static class HexTape
{
    public static string Line(ReadOnlySpan<byte> record)
    {
        var high = BinaryPrimitives.ReadUInt64LittleEndian(record[8..]);
        var low = BinaryPrimitives.ReadUInt64LittleEndian(record);
        return string.Create(CultureInfo.InvariantCulture, $"{high:x16}{low:x16}");
    }

    /// <summary>Writes every record of <paramref name="records"/> (a tape's record area); returns the count.</summary>
    public static long Write(ReadOnlySpan<byte> records, TextWriter writer)
    {
        long count = records.Length / TapeRecord.Length;
        for (var n = 0; n < count; n++)
        {
            writer.Write(Line(records.Slice(n * TapeRecord.Length, TapeRecord.Length)));
            writer.Write('\n');
        }
        return count;
    }

    public static long Write(TapeFile tape, string path)
    {
        using var writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        return Write(tape.Records, writer);
    }
}

using System.Buffers.Binary;
using System.Globalization;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// The Verilog testbench's tape: one line per record, the record's 16 little-endian bytes read as
/// one little-endian 128-bit number in 32 hex digits, so the fields sit at fixed bit positions:
/// [31:0] time delta, [39:32] op, [47:40] marks, [63:48] aux, [95:64] price, [127:96] size
/// (docs/tape.md). No header: the first line is a Clock record carrying the tape's start time.
/// </summary>
public static class HexTape
{
    private const int LineLength = 32;

    public static string Line(ReadOnlySpan<byte> record)
    {
        Span<char> text = stackalloc char[LineLength];
        Format(record, text);
        return new string(text);
    }

    /// <summary>Writes every record of <paramref name="records"/> (a tape's record area); returns the count.</summary>
    public static long Write(ReadOnlySpan<byte> records, TextWriter writer)
    {
        var sink = new LineSink(writer);
        long count = records.Length / TapeRecord.Length;
        for (var n = 0; n < count; n++)
            sink.Write(records.Slice(n * TapeRecord.Length, TapeRecord.Length));
        return count;
    }

    /// <summary>
    /// Writes the tape: first a Clock record carrying the header's start time (the module's clock
    /// starts at 0 after reset, and windows bucket on absolute Unix ns), then every record.
    /// Returns the records written, the Clock included.
    /// </summary>
    public static long Write(TapeFile tape, string path)
    {
        using var writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        writer.Write(StartClock(tape.Header.StartTs));
        writer.Write('\n');
        return 1 + Write(tape.Records, writer);
    }

    /// <summary>The op of a Fill record (hex tape only: one of our fills as the host booked it).</summary>
    public const byte FillOp = FilledTape.FillOp;

    /// <summary>A Fill record's mark: the fill came after the event's evaluation.</summary>
    public const byte AfterMark = FilledTape.AfterMark;

    /// <summary>Writes the tape with the host's fills in <see cref="FilledTape"/>'s order; returns the lines written.</summary>
    public static long WriteWithFills(TapeFile tape, HostReference.Run run, string path)
    {
        using var writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        return FilledTape.Write(tape, run, new LineSink(writer));
    }

    /// <summary>A Clock record (op 5, no marks) moving time by <paramref name="startTs"/> ns: price the high 32 bits, size the low 32.</summary>
    public static string StartClock(long startTs)
    {
        Span<byte> record = stackalloc byte[TapeRecord.Length];
        FilledTape.StartClock(startTs, record);
        return Line(record);
    }

    private static void Format(ReadOnlySpan<byte> record, Span<char> text)
    {
        var high = BinaryPrimitives.ReadUInt64LittleEndian(record[8..]);
        var low = BinaryPrimitives.ReadUInt64LittleEndian(record);
        high.TryFormat(text, out _, "x16", CultureInfo.InvariantCulture);
        low.TryFormat(text[16..], out _, "x16", CultureInfo.InvariantCulture);
    }

    /// <summary>One line per record, formatted on the stack (no string per record).</summary>
    private sealed class LineSink(TextWriter writer) : ITapeRecordSink
    {
        public void Write(ReadOnlySpan<byte> record)
        {
            Span<char> line = stackalloc char[LineLength + 1];
            Format(record, line);
            line[LineLength] = '\n';
            writer.Write(line);
        }
    }
}

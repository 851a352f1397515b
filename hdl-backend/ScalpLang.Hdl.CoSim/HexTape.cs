using System.Buffers.Binary;
using System.Globalization;
using ScalpLang.Backtest;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// The testbench's tape: one line per record, the record's 16 little-endian bytes read as one
/// little-endian 128-bit number in 32 hex digits, so the fields sit at fixed bit positions:
/// [31:0] time delta, [39:32] op, [47:40] marks, [63:48] aux, [95:64] price, [127:96] size
/// (docs/tape.md). No header: the first line is a Clock record carrying the tape's start time.
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
    public const byte FillOp = 6;

    /// <summary>A Fill record's mark: the fill came after the event's evaluation.</summary>
    public const byte AfterMark = 0x10;

    /// <summary>
    /// Writes the tape with the host's fills (hdl-backend/README.md, "Fills"): the start Clock, then
    /// per event its fills booked before the evaluation (ahead of its first non-Clock record, whose
    /// time delta they take, so they carry the event's time), its records, the fills its action
    /// produced (After mark; the last one carries EndOfEvent, asking for the re-evaluation), and
    /// the fills the re-evaluation's action produced (After mark). Returns the lines written.
    /// </summary>
    public static long WriteWithFills(TapeFile tape, HostReference.Run run, string path)
    {
        using var writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        writer.Write(StartClock(tape.Header.StartTs));
        writer.Write('\n');
        long lines = 1;
        void Emit(ReadOnlySpan<byte> record)
        {
            writer.Write(Line(record));
            writer.Write('\n');
            lines++;
        }
        Span<byte> scratch = stackalloc byte[TapeRecord.Length];
        void Fill(in OwnFill fill, uint delta, byte marks, Span<byte> into)
        {
            new TapeRecord(delta, (TapeOp)FillOp, (TapeMarks)(marks | (fill.Side == Side.Buy ? (byte)TapeMarks.AggressorBuy : 0)), 0,
                checked((int)fill.PriceTicks), checked((int)fill.Lots)).Write(into);
        }
        var records = tape.Records;
        long count = records.Length / TapeRecord.Length;
        var eventIndex = 0;
        var beforeWritten = false;
        for (long n = 0; n < count; n++)
        {
            var bytes = records.Slice((int)n * TapeRecord.Length, TapeRecord.Length);
            var record = TapeRecord.Read(bytes);
            var events = run.Events;
            var current = eventIndex < events.Count ? events[eventIndex] : null;
            if (current is not null && !beforeWritten && record.Op != TapeOp.Clock)
            {
                beforeWritten = true;
                if (current.Before.Count > 0)
                {
                    // The fills take the record's delta: they are at the event's time, the record follows at +0.
                    for (var f = 0; f < current.Before.Count; f++)
                    {
                        Fill(current.Before[f], f == 0 ? record.TimeDelta : 0, 0, scratch);
                        Emit(scratch);
                    }
                    (record with { TimeDelta = 0 }).Write(scratch);
                    Emit(scratch);
                }
                else
                {
                    Emit(bytes);
                }
            }
            else
            {
                Emit(bytes);
            }
            if ((record.Flags & TapeMarks.EndOfEvent) == 0 || current is null)
                continue;
            for (var f = 0; f < current.After.Count; f++)
            {
                Fill(current.After[f], 0, (byte)(AfterMark | (f == current.After.Count - 1 ? (byte)TapeMarks.EndOfEvent : 0)), scratch);
                Emit(scratch);
            }
            foreach (var fill in current.AfterReevaluation)
            {
                Fill(fill, 0, AfterMark, scratch);
                Emit(scratch);
            }
            eventIndex++;
            beforeWritten = false;
        }
        return lines;
    }

    /// <summary>A Clock record (op 5, no marks) moving time by <paramref name="startTs"/> ns: price the high 32 bits, size the low 32.</summary>
    public static string StartClock(long startTs)
    {
        Span<byte> record = stackalloc byte[TapeRecord.Length];
        record.Clear();
        record[4] = (byte)TapeOp.Clock;
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)((ulong)startTs >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)startTs);
        return Line(record);
    }
}

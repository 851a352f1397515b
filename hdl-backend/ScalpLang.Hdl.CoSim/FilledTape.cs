using System.Buffers.Binary;
using ScalpLang.Backtest;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Hdl.CoSim;

/// <summary>Where <see cref="FilledTape"/> puts each record: hex lines for the Verilog testbench, raw bytes for the C++ one.</summary>
public interface ITapeRecordSink
{
    void Write(ReadOnlySpan<byte> record);
}

/// <summary>
/// The co-simulation's tape in record order (hdl-backend/README.md, "Fills"): the start Clock, then
/// per event its fills booked before the evaluation (ahead of its first non-Clock record, whose
/// time delta they take, so they carry the event's time), its records, the fills its action
/// produced (After mark; the last one carries EndOfEvent, asking for the re-evaluation), and the
/// fills the re-evaluation's action produced (After mark). One order for both encodings, so the
/// hex and the binary tape cannot disagree.
/// </summary>
public static class FilledTape
{
    /// <summary>The op of a Fill record (hex tape only: one of our fills as the host booked it).</summary>
    public const byte FillOp = 6;

    /// <summary>A Fill record's mark: the fill came after the event's evaluation.</summary>
    public const byte AfterMark = 0x10;

    /// <summary>Writes every record to <paramref name="sink"/>; returns the records written, the start Clock included.</summary>
    public static long Write(TapeFile tape, HostReference.Run run, ITapeRecordSink sink)
    {
        Span<byte> scratch = stackalloc byte[TapeRecord.Length];
        StartClock(tape.Header.StartTs, scratch);
        sink.Write(scratch);
        long written = 1;
        var records = tape.Records;
        long count = records.Length / TapeRecord.Length;
        var events = run.Events;
        var eventIndex = 0;
        var beforeWritten = false;
        for (long n = 0; n < count; n++)
        {
            var bytes = records.Slice((int)n * TapeRecord.Length, TapeRecord.Length);
            var record = TapeRecord.Read(bytes);
            HostReference.EventRun? current = eventIndex < events.Count ? events[eventIndex] : null;
            if (current is { } before && !beforeWritten && record.Op != TapeOp.Clock)
            {
                beforeWritten = true;
                if (before.Before.Count > 0)
                {
                    // The fills take the record's delta: they are at the event's time, the record follows at +0.
                    for (var f = 0; f < before.Before.Count; f++)
                    {
                        Fill(before.Before[f], f == 0 ? record.TimeDelta : 0, 0, scratch);
                        sink.Write(scratch);
                    }
                    (record with { TimeDelta = 0 }).Write(scratch);
                    sink.Write(scratch);
                    written += before.Before.Count + 1;
                }
                else
                {
                    sink.Write(bytes);
                    written++;
                }
            }
            else
            {
                sink.Write(bytes);
                written++;
            }
            if ((record.Flags & TapeMarks.EndOfEvent) == 0 || current is not { } ended)
                continue;
            for (var f = 0; f < ended.After.Count; f++)
            {
                Fill(ended.After[f], 0, (byte)(AfterMark | (f == ended.After.Count - 1 ? (byte)TapeMarks.EndOfEvent : 0)), scratch);
                sink.Write(scratch);
            }
            for (var f = 0; f < ended.AfterReevaluation.Count; f++)
            {
                Fill(ended.AfterReevaluation[f], 0, AfterMark, scratch);
                sink.Write(scratch);
            }
            written += ended.After.Count + ended.AfterReevaluation.Count;
            eventIndex++;
            beforeWritten = false;
        }
        return written;
    }

    /// <summary>Writes the binary tape the C++ testbench reads: the records themselves, 16 bytes each.</summary>
    public static long WriteBinary(TapeFile tape, HostReference.Run run, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        return Write(tape, run, new BinarySink(stream));
    }

    /// <summary>A Clock record (op 5, no marks) moving time by <paramref name="startTs"/> ns: price the high 32 bits, size the low 32.</summary>
    public static void StartClock(long startTs, Span<byte> record)
    {
        record[..TapeRecord.Length].Clear();
        record[4] = (byte)TapeOp.Clock;
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)((ulong)startTs >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)startTs);
    }

    private static void Fill(in OwnFill fill, uint delta, byte marks, Span<byte> into) =>
        new TapeRecord(delta, (TapeOp)FillOp, (TapeMarks)(marks | (fill.Side == Side.Buy ? (byte)TapeMarks.AggressorBuy : 0)), 0,
            checked((int)fill.PriceTicks), checked((int)fill.Lots)).Write(into);

    private sealed class BinarySink(Stream stream) : ITapeRecordSink
    {
        public void Write(ReadOnlySpan<byte> record) => stream.Write(record);
    }
}

using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tape;

/// <summary>
/// Writes a tape to a seekable stream: the header first (its counts patched in by
/// <see cref="Complete"/>), then 16-byte records through a buffer. Records of one event are
/// grouped by <see cref="EndEvent"/>, which flags the event's last record. Times must not go
/// back; a gap longer than a record's 32-bit delta (4.29 s) is bridged by a Clock record.
/// Until <see cref="Complete"/> the header's counts are zero, so a tape abandoned half-way is
/// refused by every reader (its length disagrees with its header).
/// </summary>
public sealed class TapeWriter
{
    private readonly Stream _stream;
    private readonly Instrument _instrument;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _buffered;
    private TapeRecord? _pending;
    private long _startTs = -1;
    private long _lastTs;
    private bool _completed;
    private readonly long _origin;

    public TapeWriter(Stream stream, Instrument instrument, int depth)
    {
        if (!stream.CanSeek || !stream.CanWrite)
            throw new ArgumentException("a tape is written to a seekable, writable stream (its header is completed last)", nameof(stream));
        if (depth is < 1 or > Book.DepthBook.MaxDepth)
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"a tape carries 1..{Book.DepthBook.MaxDepth} levels per side");
        _stream = stream;
        _origin = stream.Position;
        _instrument = instrument;
        Depth = depth;
        // Placeholder header: Complete() rewrites it with the counts.
        new TapeHeader(instrument, depth, 0, 0, 0).Write(_buffer);
        _buffered = TapeHeader.Length;
    }

    public int Depth { get; }
    public long Records { get; private set; }
    public long Events { get; private set; }

    /// <summary>Adds a record at exchange time <paramref name="ts"/> (Unix ns, never before the previous one).</summary>
    public void Append(long ts, TapeOp op, TapeMarks flags, ushort aux, long price, long size)
    {
        if (_completed)
            throw new InvalidOperationException("the tape is complete");
        if (_startTs < 0)
            _startTs = _lastTs = ts;
        if (ts < _lastTs)
            throw new TapeException($"record {Records + 1}: time {ts} ns goes back before {_lastTs} ns (a tape is in time order)");
        if (price is < int.MinValue or > int.MaxValue || size is < int.MinValue or > int.MaxValue)
            throw new TapeException($"record {Records + 1}: price {price} ticks or size {size} lots does not fit the tape's 32-bit fields");
        long delta = ts - _lastTs;
        if (delta > uint.MaxValue)
        {
            Emit(new TapeRecord(0, TapeOp.Clock, TapeMarks.None, 0, (int)(delta >> 32), (int)(uint)delta));
            delta = 0;
        }
        _lastTs = ts;
        Emit(new TapeRecord((uint)delta, op, flags, aux, (int)price, (int)size));
    }

    /// <summary>Flags the latest record as its event's last; false when the event wrote nothing.</summary>
    public bool EndEvent()
    {
        if (_pending is not { } last || last.Flags.HasFlag(TapeMarks.EndOfEvent))
            return false;
        _pending = last with { Flags = last.Flags | TapeMarks.EndOfEvent };
        Events++;
        return true;
    }

    /// <summary>Writes the rest and the final header. An event left open is an error: it would never reach a strategy.</summary>
    public void Complete()
    {
        if (_completed)
            return;
        if (_pending is { } last && !last.Flags.HasFlag(TapeMarks.EndOfEvent))
            throw new InvalidOperationException("the last event was not ended (call EndEvent)");
        if (_pending is { } final)
            Write(final);
        _pending = null;
        Drain();
        _stream.Position = _origin;
        var header = new byte[TapeHeader.Length];
        new TapeHeader(_instrument, Depth, Math.Max(0, _startTs), Records, Events).Write(header);
        _stream.Write(header);
        _stream.Seek(0, SeekOrigin.End);
        _stream.Flush();
        _completed = true;
    }

    /// <summary>Records wait one step so that EndEvent can still flag them.</summary>
    private void Emit(TapeRecord record)
    {
        if (_pending is { } previous)
            Write(previous);
        _pending = record;
        Records++;
    }

    private void Write(TapeRecord record)
    {
        if (_buffered + TapeRecord.Length > _buffer.Length)
            Drain();
        record.Write(_buffer.AsSpan(_buffered));
        _buffered += TapeRecord.Length;
    }

    private void Drain()
    {
        _stream.Write(_buffer, 0, _buffered);
        _buffered = 0;
    }
}

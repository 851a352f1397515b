using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Runtime.Tests.Tape;

/// <summary>TapeWriter: time order, 32-bit fields, Clock records, events and the completed header.</summary>
public sealed class TapeWriterTests
{
    private const long T0 = 1_700_000_000_000_000_000;

    [Fact]
    public void Time_going_back_is_refused()
    {
        using var stream = new MemoryStream();
        var writer = new TapeWriter(stream, TapeKit.Syn, 3);
        writer.Append(T0, TapeOp.Insert, TapeMarks.None, 0, 100, 1);
        var e = Assert.Throws<TapeException>(() => writer.Append(T0 - 1, TapeOp.Change, TapeMarks.None, 0, 100, 2));
        Assert.Contains("record 2: time", e.Message);
        Assert.Contains("goes back", e.Message);
    }

    [Theory]
    [InlineData(2_147_483_648L, 1L)]
    [InlineData(1L, 2_147_483_648L)]
    [InlineData(-2_147_483_649L, 1L)]
    public void Values_past_32_bits_are_refused(long price, long size)
    {
        using var stream = new MemoryStream();
        var writer = new TapeWriter(stream, TapeKit.Syn, 3);
        var e = Assert.Throws<TapeException>(() => writer.Append(T0, TapeOp.Insert, TapeMarks.None, 0, price, size));
        Assert.Contains("does not fit the tape's 32-bit fields", e.Message);
        writer.Append(T0, TapeOp.Insert, TapeMarks.None, 0, int.MaxValue, int.MaxValue);
        Assert.True(writer.EndEvent());
        writer.Complete();
        Assert.Equal(1, TapeKit.Header(stream.ToArray()).RecordCount);
    }

    [Fact]
    public void Gaps_over_32_bits_are_bridged_by_clock_records_and_replay_exactly()
    {
        long[] times = [T0, T0 + uint.MaxValue, T0 + uint.MaxValue + 1 + uint.MaxValue, T0 + 2L * uint.MaxValue + 2, T0 + 3_600_000_000_000_000];
        var tape = TapeKit.Write(2, w =>
        {
            foreach (var t in times)
            {
                w.Append(t, TapeOp.Trade, TapeMarks.None, 0, 100, 1);
                w.EndEvent();
            }
        });
        var header = TapeKit.Header(tape);
        Assert.Equal(T0, header.StartTs);
        Assert.Equal(5, header.EventCount);
        Assert.Equal(7, header.RecordCount); // gaps of 2^32 and 3.6e15 ns need a Clock each
        Assert.Equal(TapeOp.Clock, TapeKit.Record(tape, 2).Op);
        Assert.Equal(TapeOp.Clock, TapeKit.Record(tape, 5).Op);
        Assert.Null(TapeKit.Replay(tape, out var seen));
        Assert.Equal(times, seen.EventTimes);
    }

    [Fact]
    public void EndEvent_flags_the_last_record_once_and_is_false_on_an_empty_event()
    {
        var tape = TapeKit.Write(2, w =>
        {
            Assert.False(w.EndEvent()); // nothing written yet
            w.Append(T0, TapeOp.Trade, TapeMarks.AggressorBuy, 5, 100, 1);
            w.Append(T0, TapeOp.Insert, TapeMarks.Ask, 0, 101, 3);
            Assert.True(w.EndEvent());
            Assert.False(w.EndEvent()); // already ended: no empty event
            Assert.Equal(1, w.Events);
            w.Append(T0 + 5, TapeOp.Status, TapeMarks.None, 0, 0, 2);
            Assert.True(w.EndEvent());
        });
        Assert.Equal(TapeMarks.AggressorBuy, TapeKit.Record(tape, 0).Flags);
        Assert.Equal(TapeMarks.Ask | TapeMarks.EndOfEvent, TapeKit.Record(tape, 1).Flags);
        Assert.Equal(new TapeRecord(5, TapeOp.Status, TapeMarks.EndOfEvent, 0, 0, 2), TapeKit.Record(tape, 2));
        var header = TapeKit.Header(tape);
        Assert.Equal((3L, 2L), (header.RecordCount, header.EventCount));
        Assert.Equal(TapeHeader.Length + 3 * TapeRecord.Length, tape.Length);
    }

    [Fact]
    public void An_open_event_cannot_be_completed()
    {
        using var stream = new MemoryStream();
        var writer = new TapeWriter(stream, TapeKit.Syn, 3);
        writer.Append(T0, TapeOp.Insert, TapeMarks.None, 0, 100, 1);
        Assert.Throws<InvalidOperationException>(writer.Complete);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TapeWriter(new MemoryStream(), TapeKit.Syn, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TapeWriter(new MemoryStream(), TapeKit.Syn, DepthBook.MaxDepth + 1));
        Assert.Throws<ArgumentException>(() => new TapeWriter(new MemoryStream([], writable: false), TapeKit.Syn, 3));
    }

    [Fact]
    public void An_abandoned_writer_leaves_a_file_that_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"abandoned-{Guid.NewGuid():N}.tape");
        try
        {
            using (var stream = File.Create(path))
            {
                var writer = new TapeWriter(stream, TapeKit.Syn, 3);
                for (int i = 0; i < 10_000; i++) // past the writer's buffer, so records reach the file
                {
                    writer.Append(T0 + i, TapeOp.Trade, TapeMarks.None, 0, 100, 1);
                    writer.EndEvent();
                }
            }
            Assert.True(new FileInfo(path).Length > TapeHeader.Length);
            var e = Assert.Throws<TapeException>(() => TapeFile.Open(path));
            Assert.StartsWith($"{path}: the header promises 0 records (128 bytes) but the file has", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_empty_tape_opens_and_replays_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"empty-{Guid.NewGuid():N}.tape");
        try
        {
            File.WriteAllBytes(path, TapeKit.Write(5, _ => { }));
            using var file = TapeFile.Open(path);
            Assert.Equal((0L, 0L, 0L, 5), (file.Header.RecordCount, file.Header.EventCount, file.Header.StartTs, file.Header.Depth));
            Assert.True(file.Records.IsEmpty);
            var book = new DepthBook(5);
            var handler = new Recording(book);
            Assert.Null(TapeReplay.Run(file.Records, file.Header, book, ref handler, path));
            Assert.Empty(handler.Calls);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using ScalpLang.Runtime.Tape;

namespace ScalpLang.Runtime.Tests.Tape;

/// <summary>TapeReplay's checks (docs/tape.md, Checks): every bad record stops the replay with `source: record N (byte B): reason`.</summary>
public sealed class TapeReplayCorruptionTests
{
    private const TapeMarks End = TapeMarks.EndOfEvent;

    /// <summary>Bids 100x5, 98x7; ask 102x4: three valid records, one event.</summary>
    private static readonly TapeRecord[] Book =
    [
        new(0, TapeOp.Insert, TapeMarks.None, 0, 100, 5),
        new(1, TapeOp.Insert, TapeMarks.None, 1, 98, 7),
        new(1, TapeOp.Insert, TapeMarks.Ask | End, 0, 102, 4),
    ];

    public static TheoryData<TapeRecord, string> BadRecords() => new()
    {
        { new(0, (TapeOp)6, End, 0, 0, 0), "unknown operation 6" },
        { new(0, (TapeOp)255, End, 0, 0, 0), "unknown operation 255" },
        { new(0, TapeOp.Insert, End, 3, 90, 1), "Insert at Buy level 3 of price 90: past the end of the 2 levels or out of price order" },
        { new(0, TapeOp.Insert, End, 1, 101, 1), "Insert at Buy level 1 of price 101: past the end of the 2 levels or out of price order" },
        { new(0, TapeOp.Insert, End, 0, 98, 1), "Insert at Buy level 0 of price 98: past the end of the 2 levels or out of price order" },
        { new(0, TapeOp.Insert, TapeMarks.Ask | End, 0, 102, 1), "Insert at Sell level 0 of price 102: past the end of the 1 levels or out of price order" },
        { new(0, TapeOp.Insert, End, 0, 101, 0), "Insert of price 101, size 0: both must be positive" },
        { new(0, TapeOp.Insert, End, 0, -1, 3), "Insert of price -1, size 3: both must be positive" },
        { new(0, TapeOp.Change, End, 0, 99, 3), "Change of Buy level 0 at price 99: the book has no such level" },
        { new(0, TapeOp.Change, TapeMarks.Ask | End, 1, 104, 3), "Change of Sell level 1 at price 104: the book has no such level" },
        { new(0, TapeOp.Change, End, 0, 100, 0), "Change to size 0: a level that empties is a Delete" },
        { new(0, TapeOp.Change, End, 0, 100, -2), "Change to size -2: a level that empties is a Delete" },
        { new(0, TapeOp.Delete, End, 1, 100, 0), "Delete of Buy level 1 at price 100: the book has no such level" },
        { new(0, TapeOp.Delete, TapeMarks.Ask | End, 1, 102, 0), "Delete of Sell level 1 at price 102: the book has no such level" },
        { new(0, TapeOp.Trade, End, 0, 100, 0), "Trade of 0 at 100: the size must be positive and the price not negative" },
        { new(0, TapeOp.Status, End, 0, 0, 3), "Status 3 is not a trading status" },
        { new(0, TapeOp.Clock, End, 0, 0, 5), "a Clock record cannot end an event" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void A_bad_record_names_its_number_and_byte_and_stops(TapeRecord bad, string reason)
    {
        var after = new TapeRecord(0, TapeOp.Trade, End, 0, 100, 1);
        var tape = TapeKit.Raw(4, [.. Book, bad, after]);
        var error = TapeKit.Replay(tape, out var seen, "x.tape");
        Assert.Equal($"x.tape: record 4 (byte {128 + 3 * 16}): {reason}", error);
        Assert.Single(seen.EventTimes); // nothing after the bad record
        Assert.DoesNotContain(seen.Calls, c => c.StartsWith("trade", StringComparison.Ordinal));
        Assert.Equal("B 100x5 98x7|A 102x4", TapeKit.Snapshot(seen.Book, 4)); // the bad record changed nothing
    }

    [Fact]
    public void The_first_record_is_record_1_at_byte_128()
    {
        var tape = TapeKit.Raw(4, new TapeRecord(0, TapeOp.Delete, End, 0, 100, 0));
        Assert.Equal("t.tape: record 1 (byte 128): Delete of Buy level 0 at price 100: the book has no such level", TapeKit.Replay(tape, out _));
    }

    [Fact]
    public void A_last_event_with_no_end_is_refused()
    {
        var tape = TapeKit.Raw(4, [.. Book, new(0, TapeOp.Change, TapeMarks.None, 0, 100, 9)]);
        var error = TapeKit.Replay(tape, out var seen);
        Assert.Equal("t.tape: record 4 (byte 176): the last event has no end (truncated tape?)", error);
        Assert.Single(seen.EventTimes);
    }

    [Fact]
    public void A_valid_tape_reports_each_operation()
    {
        var tape = TapeKit.Raw(4,
        [
            .. Book,
            new(2, TapeOp.Trade, TapeMarks.AggressorBuy, 0x8000, 102, 3),
            new(0, TapeOp.Change, TapeMarks.Ask, 0, 102, 1),
            new(0, TapeOp.Insert, TapeMarks.Reveal, 2, 96, 2),
            new(0, TapeOp.Delete, End, 0, 100, 0),
            new(0, TapeOp.Clock, TapeMarks.None, 0, 1, 5),
            new(3, TapeOp.Status, End, 0, 0, 0),
        ]);
        Assert.Null(TapeKit.Replay(tape, out var seen));
        Assert.Equal(
        [
            "book 1000 Buy 0 5 False", "book 1001 Buy 1 7 False", "book 1002 Sell 0 4 False",
            $"trade 1004 {(102L << 16) + 0x8000} 3 True", "book 1004 Sell 0 -3 False", "book 1004 Buy 2 2 True", "book 1004 Buy 0 -5 False",
            $"status {1004 + (1L << 32) + 5 + 3} Halted",
        ], seen.Calls);
        Assert.Equal([1002L, 1004, 1004 + (1L << 32) + 8], seen.EventTimes);
        Assert.Equal(["B 100x5 98x7|A 102x4", "B 98x7 96x2|A 102x1", "B 98x7 96x2|A 102x1"], seen.Books);
    }
}

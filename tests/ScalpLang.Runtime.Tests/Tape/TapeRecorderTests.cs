using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Runtime.Tests.Tape;

/// <summary>The records TapeRecorder writes for hand-built events (docs/tape.md, Events and marks).</summary>
public sealed class TapeRecorderTests
{
    private const long T = 1_000_000;

    private static string Records(int depth, Action<TapeRecorder> body)
    {
        var tape = TapeKit.Write(depth, writer => body(new TapeRecorder(writer)));
        Assert.Null(TapeKit.Replay(tape, out _));
        long count = TapeKit.Header(tape).RecordCount;
        return string.Join("; ", Enumerable.Range(0, (int)count).Select(i =>
        {
            var r = TapeKit.Record(tape, i);
            return $"{r.Op} {r.Aux} {r.Price}x{r.Size}" + (r.Flags == TapeMarks.None ? "" : $" {r.Flags}");
        }));
    }

    private static BookOrderAdded Add(long id, Side side, long price, long size, long ts = T) =>
        new(ts, ts, id, side, new Price(price), new Quantity(size));

    [Fact]
    public void Adds_inside_and_outside_the_window()
    {
        var records = Records(2, r =>
        {
            r.OnOrderAdded(Add(1, Side.Buy, 100, 5));
            r.OnOrderAdded(Add(2, Side.Buy, 98, 1));
            r.OnOrderAdded(Add(3, Side.Buy, 97, 1)); // third level: outside a 2-level tape, no event
            r.OnOrderAdded(Add(4, Side.Sell, 103, 4));
            r.OnOrderAdded(Add(5, Side.Buy, 99, 2)); // into a full side: 98 drops without a Delete
            Assert.Equal(5, r.SourceEvents);
        });
        Assert.Equal("Insert 0 100x5 EndOfEvent; Insert 1 98x1 EndOfEvent; Insert 0 103x4 EndOfEvent, Ask; Insert 1 99x2 EndOfEvent", records);
    }

    [Fact]
    public void An_execution_writes_its_trade_first_and_a_delete_reveals_the_next_level()
    {
        var records = Records(2, r =>
        {
            r.OnOrderAdded(Add(1, Side.Sell, 101, 5));
            r.OnOrderAdded(Add(2, Side.Sell, 102, 1));
            r.OnOrderAdded(Add(3, Side.Sell, 104, 7));
            r.OnOrderExecuted(new BookOrderExecuted(T + 1, T + 1, 1, Side.Sell, new Price(101), new Quantity(2)));
            r.OnOrderDeleted(new BookOrderDeleted(T + 2, T + 2, 1, Side.Sell, new Price(101), new Quantity(3)));
        });
        Assert.Equal("Insert 0 101x5 EndOfEvent, Ask; Insert 1 102x1 EndOfEvent, Ask; " +
                     "Trade 0 101x2 AggressorBuy; Change 0 101x3 EndOfEvent, Ask; " +
                     "Delete 0 101x0 Ask; Insert 1 104x7 EndOfEvent, Reveal, Ask", records);
    }

    [Fact]
    public void Trades_carry_the_sub_tick_fraction_and_status_its_value()
    {
        var tape = TapeKit.Write(3, w =>
        {
            var r = new TapeRecorder(w);
            r.OnTrade(new TradeTick(T, T, new Price(100), new Quantity(7), AggressorSide.Seller, TradeKind.Regular, 0x8001));
            r.OnTradingStatus(new TradingStatusChanged(T + 5, T + 5, TradingStatus.Quoting));
        });
        Assert.Equal(new TapeRecord(0, TapeOp.Trade, TapeMarks.EndOfEvent, 0x8001, 100, 7), TapeKit.Record(tape, 0));
        Assert.Equal(new TapeRecord(5, TapeOp.Status, TapeMarks.EndOfEvent, 0, 0, 1), TapeKit.Record(tape, 1));
        Assert.Null(TapeKit.Replay(tape, out var seen));
        Assert.Equal([$"trade {T} {(100L << 16) + 0x8001} 7 False", $"status {T + 5} Quoting"], seen.Calls);
    }

    [Fact]
    public void An_l2_row_is_one_event()
    {
        var records = Records(3, r =>
        {
            r.OnLevelsUpdated(T, [new(T, T, Side.Buy, new Price(100), new Quantity(4)), new(T, T, Side.Sell, new Price(102), new Quantity(6)),
                                  new(T, T, Side.Buy, new Price(99), new Quantity(1))]);
            r.OnLevelsUpdated(T + 1, [new(T + 1, T + 1, Side.Buy, new Price(100), Quantity.Zero), new(T + 1, T + 1, Side.Buy, new Price(101), new Quantity(2))]);
            r.OnLevelsUpdated(T + 2, [new(T + 2, T + 2, Side.Buy, new Price(101), new Quantity(2))]); // no change: no event
            Assert.Equal(3, r.SourceEvents);
        });
        Assert.Equal("Insert 0 100x4; Insert 1 99x1; Insert 0 102x6 EndOfEvent, Ask; Insert 0 101x2; Delete 1 100x0 EndOfEvent", records);
    }

    [Fact]
    public void A_book_seeded_before_the_first_event_goes_on_as_reveals()
    {
        var records = Records(3, r =>
        {
            r.Book.Apply(Add(1, Side.Buy, 100, 5));
            r.Book.Apply(Add(2, Side.Buy, 99, 3));
            r.OnOrderExecuted(new BookOrderExecuted(T, T, 1, Side.Buy, new Price(100), new Quantity(2)));
        });
        // The trade first, the seeded levels as Reveals (not added size), then the execution's own change.
        Assert.Equal("Trade 0 100x2; Insert 0 100x5 Reveal; Insert 1 99x3 Reveal; Change 0 100x3 EndOfEvent", records);
    }
}

using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tests;

public sealed class LobsterBookReplayTests : IDisposable
{
    private readonly TempLobsterFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static BookLevel L(long ticks, long lots) => new(new Price(ticks), new Quantity(lots));

    private static LobsterMessage Message(LobsterEventType type, long id, long lots, long ticks, Side side) =>
        new(2, type, 0, 0, id, new Quantity(lots), new Price(ticks), side, default);

    private static BookLevel[] Levels(OrderBook book, Side side)
    {
        var levels = new BookLevel[16];
        return levels[..book.CopyLevels(side, levels)];
    }

    [Fact]
    public void Emptying_the_best_level_of_a_level_1_file_flags_that_side_and_reveal_takes_the_new_best_from_the_row()
    {
        var replay = new LobsterBookReplay(new OrderBook(), depth: 1);
        replay.Seed([L(101, 100)], [L(99, 50)]);
        // Bids at 100 push the seeded 99 below level 1, out of the file's view.
        Assert.Null(replay.Apply(Message(LobsterEventType.Submission, 7, 20, 100, Side.Buy), out _));
        Assert.Null(replay.Apply(Message(LobsterEventType.Submission, 8, 30, 100, Side.Buy), out _));
        Assert.Null(replay.Apply(Message(LobsterEventType.Submission, 9, 10, 100, Side.Buy), out _)); // 60 at 100
        Assert.Null(replay.Apply(Message(LobsterEventType.Submission, 10, 5, 98, Side.Buy), out _));

        Assert.Null(replay.Apply(Message(LobsterEventType.Execution, 7, 20, 100, Side.Buy), out var partly));
        Assert.Equal(BookUpdateOutcome.Applied, partly);
        var side = replay.Apply(Message(LobsterEventType.Deletion, 8, 30, 100, Side.Buy), out _);
        Assert.Null(side); // 10 still rest at 100
        side = replay.Apply(Message(LobsterEventType.Deletion, 9, 10, 100, Side.Buy), out var outcome);

        Assert.Equal(Side.Buy, side);
        Assert.Equal(BookUpdateOutcome.Applied, outcome);
        replay.Reveal(Side.Buy, [L(99, 70)]); // the row says level 1 is now 70 at 99, not our 50
        Assert.Equal([L(99, 70), L(98, 5)], Levels(replay.Book, Side.Buy));
        Assert.Equal(new Quantity(70), replay.Book.UnattributedAt(Side.Buy, new Price(99)));
    }

    [Fact]
    public void Reveal_on_a_deeper_file_changes_only_level_n_and_drops_stale_levels_before_it()
    {
        var book = new OrderBook();
        var replay = new LobsterBookReplay(book, depth: 2);
        replay.Seed([L(101, 10), L(102, 20)], []);
        book.Add(1, Side.Sell, new Price(101), new Quantity(5));
        book.SetLevel(Side.Sell, new Price(103), new Quantity(7)); // stale: since cancelled out of view
        book.SetLevel(Side.Sell, new Price(105), new Quantity(1));

        var side = replay.Apply(Message(LobsterEventType.Deletion, 99, 20, 102, Side.Sell), out var outcome);
        Assert.Equal((Side?)Side.Sell, side);
        Assert.Equal(BookUpdateOutcome.AppliedToUnattributed, outcome);
        replay.Reveal(Side.Sell, [L(101, 15), L(104, 9)]);

        Assert.Equal([L(101, 15), L(104, 9), L(105, 1)], Levels(book, Side.Sell));
        Assert.Equal(1, book.OrderCount); // level 1 keeps the order the messages showed
    }

    [Fact]
    public void A_side_left_with_fewer_levels_than_the_depth_loses_everything_past_them()
    {
        var book = new OrderBook();
        var replay = new LobsterBookReplay(book, depth: 3);
        replay.Seed([], [L(99, 10), L(98, 20), L(97, 30)]);
        book.SetLevel(Side.Buy, new Price(90), new Quantity(1));

        Assert.Equal((Side?)Side.Buy, replay.Apply(Message(LobsterEventType.Execution, 5, 10, 99, Side.Buy), out _));
        replay.Reveal(Side.Buy, [L(98, 20), L(97, 30)]);

        Assert.Equal([L(98, 20), L(97, 30)], Levels(book, Side.Buy));
    }

    [Fact]
    public void Events_that_remove_nothing_from_the_top_n_never_flag_a_side()
    {
        var replay = new LobsterBookReplay(new OrderBook(), depth: 1);
        replay.Seed([L(101, 100)], [L(99, 50)]);

        Assert.Null(replay.Apply(Message(LobsterEventType.HiddenExecution, 0, 10, 100, Side.Buy), out _));
        Assert.Null(replay.Apply(Message(LobsterEventType.TradingHalt, 0, 0, 0, Side.Sell), out _));
        Assert.Null(replay.Apply(Message(LobsterEventType.Submission, 3, 10, 100, Side.Buy), out _));
        Assert.Equal([L(100, 10), L(99, 50)], Levels(replay.Book, Side.Buy));
    }

    /// <summary>
    /// A hand-built level-1 day with a halt: the halt rows repeat the previous book state, as
    /// LOBSTER writes them, and the replay matches every row.
    /// </summary>
    [Fact]
    public void Halt_rows_leave_the_book_as_it_was()
    {
        string path = _files.Write(
            """
            34200.1,1,1,100,5794000,1
            34200.2,1,2,50,5802300,-1
            36023,7,0,0,-1,-1
            36323,7,0,0,0,-1
            36723,7,0,0,1,-1
            36723.5,4,1,40,5794000,1
            """,
            """
            9999999999,0,5794000,100
            5802300,50,5794000,100
            5802300,50,5794000,100
            5802300,50,5794000,100
            5802300,50,5794000,100
            5802300,50,5794000,60
            """);
        var replay = new LobsterReplay();
        replay.Run(path, Instrument.UsEquity("TEST"));

        Assert.Empty(replay.Mismatches);
        Assert.Empty(replay.Rejections);
        Assert.Equal(5, replay.RowsFullyCompared);
    }
}

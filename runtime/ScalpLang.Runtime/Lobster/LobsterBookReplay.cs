using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Lobster;

/// <summary>
/// Rebuilds an order book from a level-N LOBSTER file. The message file holds only the events
/// that touch the top N levels, and it starts with orders already resting, so messages alone
/// cannot rebuild the book; the orderbook rows fill in exactly what they cannot know:
/// <list type="bullet">
/// <item><see cref="Seed"/>: the first orderbook row (the state after message 1), each level as
/// unattributed size; replay then continues from message 2.</item>
/// <item>Events on orders never seen added take their size from the level's unattributed size
/// (<see cref="OrderBook"/> does this), so aggregated levels stay exact.</item>
/// <item>When a message empties one of its side's top N levels, what moves up into place N
/// comes from beyond the file's view (never reported, or changed while it was deeper than N).
/// <see cref="Apply"/> returns that side, and <see cref="Reveal"/> then takes level N, and only
/// level N, from the orderbook row, dropping stale levels our book still had in front of it.</item>
/// </list>
/// </summary>
public sealed class LobsterBookReplay
{
    public LobsterBookReplay(OrderBook book, int depth)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        Book = book;
        Depth = depth;
    }

    public OrderBook Book { get; }

    /// <summary>Levels per side in the file (the LEVEL of its name).</summary>
    public int Depth { get; }

    /// <summary>Starts the book from an orderbook row.</summary>
    public void Seed(ReadOnlySpan<BookLevel> asks, ReadOnlySpan<BookLevel> bids)
    {
        Book.Clear();
        Book.SyncTop(Side.Sell, asks, asks.Length < Depth);
        Book.SyncTop(Side.Buy, bids, bids.Length < Depth);
    }

    /// <summary>
    /// Applies one message. Returns the side whose level N is no longer known from the messages
    /// (the message emptied one of that side's top N levels), or null.
    /// </summary>
    public Side? Apply(in LobsterMessage message, out BookUpdateOutcome outcome)
    {
        bool removes = message.Type is LobsterEventType.Cancellation or LobsterEventType.Deletion or LobsterEventType.Execution;
        bool inView = removes && Book.IndexOfLevel(message.Side, message.Price, Depth) >= 0;
        OrderBook book = Book;
        message.Dispatch(ref book);
        outcome = book.LastOutcome;
        return inView && book.SizeAt(message.Side, message.Price).IsZero ? message.Side : null;
    }

    /// <summary>
    /// Takes <paramref name="side"/>'s level N from <paramref name="row"/> (that side of the
    /// orderbook row after the message <see cref="Apply"/> flagged). Levels 1..N-1 are left as
    /// the messages made them.
    /// </summary>
    public void Reveal(Side side, ReadOnlySpan<BookLevel> row)
    {
        int last = Depth - 1;
        if (row.Length < Depth)
        {
            // The side has fewer than N levels: anything we hold past them is stale.
            while (Book.TryGetLevel(side, row.Length, out var stale))
                Book.SetLevel(side, stale.Price, Quantity.Zero);
            return;
        }
        var revealed = row[last];
        // Stale levels between level N-1 and the revealed level were emptied out of view.
        while (Book.TryGetLevel(side, last, out var ours) && IsBetter(side, ours.Price, revealed.Price))
            Book.SetLevel(side, ours.Price, Quantity.Zero);
        // Reset even when the size agrees: its known orders may have changed out of view.
        Book.SetLevel(side, revealed.Price, revealed.Size);
    }

    private static bool IsBetter(Side side, Price a, Price b) => side == Side.Buy ? a > b : a < b;
}

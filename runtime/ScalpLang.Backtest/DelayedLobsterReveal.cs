using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest;

/// <summary>
/// <see cref="LobsterReveal"/> when the strategy's book runs behind the file (market-data
/// latency): each message's orderbook row is kept from the moment it is read until the engine
/// applies that message, so level N is revealed from the row of the same message. The engine
/// applies messages in file order, one delivery each, so the rows wait in a FIFO. Rows are kept
/// only for messages that remove size (the others cannot empty a level); their arrays are reused.
/// </summary>
internal sealed class DelayedLobsterReveal(LobsterReader reader, LobsterBookReplay replay)
{
    private readonly record struct Pending(bool Removes, Side Side, Price Price, BookLevel[]? Row, int RowLength);

    private readonly Queue<Pending> _pending = new();
    private readonly Stack<BookLevel[]> _free = new();
    private Pending _current;
    private bool _inView;

    /// <summary>As the message is read (before it goes to the venue): keeps what its reveal will need.</summary>
    public void Read(in LobsterMessage message)
    {
        var removes = message.Type is LobsterEventType.Cancellation or LobsterEventType.Deletion or LobsterEventType.Execution;
        if (!removes)
        {
            _pending.Enqueue(new Pending(false, message.Side, message.Price, null, 0));
            return;
        }
        var source = message.Side == Side.Buy ? reader.Bids : reader.Asks;
        var row = _free.Count > 0 ? _free.Pop() : new BookLevel[Math.Max(1, replay.Depth)];
        source.CopyTo(row);
        _pending.Enqueue(new Pending(true, message.Side, message.Price, row, source.Length));
    }

    /// <summary>As the engine begins the delivered message, before its book applies it.</summary>
    public void BeforeDelivery()
    {
        _current = _pending.Dequeue();
        _inView = _current.Removes && replay.Book.IndexOfLevel(_current.Side, _current.Price, replay.Depth) >= 0;
    }

    /// <summary>The engine's <c>CompleteBook</c>: reveal level N when the message emptied a visible level.</summary>
    public void AfterDelivery()
    {
        if (_inView && replay.Book.SizeAt(_current.Side, _current.Price).IsZero)
            replay.Reveal(_current.Side, _current.Row.AsSpan(0, _current.RowLength));
        _inView = false;
        if (_current.Row is { } row)
            _free.Push(row);
        _current = default;
    }
}

using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest;

/// <summary>
/// A level that moves into the file's last visible position comes from outside the messages:
/// when a message empties one of the top N levels, level N is taken from the orderbook row of
/// the same message (<see cref="LobsterBookReplay.Reveal"/>). It runs inside the event, after
/// the book applied the message and before the strategy reads the view, so the strategy sees the
/// row's state on this event rather than one event late. No allocation per message.
/// </summary>
internal sealed class LobsterReveal(LobsterReader reader, LobsterBookReplay replay)
{
    private bool _inView;
    private Side _side;
    private Price _price;

    /// <summary>Notes, before the book changes, whether the message removes size from a visible level.</summary>
    public void BeforeMessage(in LobsterMessage message)
    {
        var removes = message.Type is LobsterEventType.Cancellation or LobsterEventType.Deletion or LobsterEventType.Execution;
        _inView = removes && replay.Book.IndexOfLevel(message.Side, message.Price, replay.Depth) >= 0;
        _side = message.Side;
        _price = message.Price;
    }

    /// <summary>After the book applied the message: reveal level N when the message emptied a visible level.</summary>
    public void AfterMessage()
    {
        if (!_inView || !replay.Book.SizeAt(_side, _price).IsZero)
            return;
        _inView = false; // once per message, even if the engine completes the book again
        replay.Reveal(_side, _side == Side.Buy ? reader.Bids : reader.Asks);
    }
}

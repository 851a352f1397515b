using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tape;

/// <summary>
/// Receives a tape's events from <see cref="TapeReplay"/>: book operations after the replay's
/// <see cref="Book.DepthBook"/> applied them, trades, status changes, and the end of each event
/// (where a host evaluates its strategy). Called through a generic parameter, so a struct handler
/// costs no virtual call.
/// </summary>
public interface ITapeHandler
{
    /// <param name="sizeChange">New size minus old size at the level (an Insert's size, minus a Delete's).</param>
    /// <param name="reveal">
    /// The change is not the event's own order flow: an Insert that only brought an existing level
    /// into the window, or a Change/Delete correcting a level the event did not touch.
    /// </param>
    void OnBook(long ts, Side side, int level, long sizeChange, bool reveal);

    /// <param name="priceQ16">The exact trade price in Q47.16 ticks.</param>
    void OnTrade(long ts, long priceQ16, long size, bool aggressorBuy);

    void OnStatus(long ts, TradingStatus status);

    void OnEventEnd(long ts);
}

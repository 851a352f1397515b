using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest;

/// <summary>
/// What was open when the data ended (README, "At the end of the data"): the position and the
/// mid it is marked at (Q47.16 ticks; null when the book had no two sides), its open P&amp;L at
/// that mark (Q47.16 tick-lots; not part of the realised gross and net P&amp;L), orders resting at
/// the venue (cancelled at the end) with their unfilled lots, new orders still on their way to
/// the venue (they never arrive), fills the venue made whose reports were still on their way
/// (booked: they are trades), and market events the strategy had not received yet.
/// </summary>
public sealed record EndOfData(long Position, long? MarkQ16, long OpenPnlQ16, int RestingOrders, long RestingLots,
    int InFlightOrders, int LateFills, int UnseenEvents);

public sealed partial class BacktestEngine
{
    /// <summary>Set by <see cref="Finish"/>.</summary>
    public EndOfData? AtEnd { get; private set; }

    /// <summary>
    /// Ends the run after the last event: nothing happens after it. Resting orders are cancelled,
    /// requests in flight dropped, fills already made at the venue but not yet reported booked,
    /// and the open position marked at the last mid (the exchange's, on the simulated venue; the
    /// view's otherwise). Call once, after the data.
    /// </summary>
    public EndOfData Finish()
    {
        if (AtEnd is { } done)
            return done;
        News?.Finish();
        int resting = 0, inFlight = 0, late = 0, unseen = 0;
        long restingLots = 0;
        long? mark = _view.View.BestBid > 0 && _view.View.BestAsk > 0 ? (_view.View.BestBid + _view.View.BestAsk) / 2 : null;
        if (_immediate is { } immediate)
        {
            (resting, restingLots) = immediate.Close();
        }
        else if (_simulated is { } simulated)
        {
            var state = simulated.Close(_fills, out late);
            (resting, restingLots, inFlight, unseen) = (state.RestingOrders, state.RestingLots, state.InFlightOrders, state.UnseenMarketEvents);
            var book = simulated.Venue.Book;
            mark = book.TryGetBest(Side.Buy, out var bid) && book.TryGetBest(Side.Sell, out var ask)
                ? Q.FromInteger(bid.Price.Ticks + ask.Price.Ticks) / 2
                : null;
            if (_fills.Count > 0)
            {
                Settle();
                TrackDrawdown();
            }
        }
        var open = mark is { } m ? Portfolio.OpenPnlQ16(m) : 0;
        AtEnd = new EndOfData(Portfolio.Position, mark, open, resting, restingLots, inFlight, late, unseen);
        return AtEnd;
    }
}

using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// A tape replay with the simulated exchange: every record goes to the venue as the L2 event it
/// stands for (a level's new total at its price; a trade print with its aggressor), then to
/// <typeparamref name="TNext"/>: the engine as on the simple venue (<see cref="TapeFeed"/>), so
/// the strategy's view is the tape's own, or the delay line of a run with market-data latency
/// (<see cref="DelayedTapeFeed"/>). The venue's queue
/// rules are then those of L2 data (behind the displayed size, moved up by trades and by
/// cancels placed by <see cref="VenueConfig.L2Cancels"/>). A level pushed out of the tape's N-level
/// window by an Insert is not reported by the tape: the venue keeps its last size until the tape
/// shows the level again. Tape trades are regular, on the tick grid or between ticks, with a buyer
/// or a seller as aggressor (a tape does not record trades without one).
/// </summary>
public struct VenueTapeFeed<TNext>(SimulatedVenue venue, DepthBook book, TNext next) : ITapeHandler
    where TNext : struct, ITapeHandler
{
    private readonly TNext _next = next;

    /// <summary>Each side's level prices as the venue last saw them: a Delete needs the price the replay just removed.</summary>
    private readonly long[] _bids = new long[book.Depth];
    private readonly long[] _asks = new long[book.Depth];
    private int _bidCount;
    private int _askCount;

    public void OnBook(long ts, Side side, int level, long sizeChange, bool reveal)
    {
        var prices = side == Side.Buy ? _bids : _asks;
        ref int count = ref side == Side.Buy ? ref _bidCount : ref _askCount;
        long price, size;
        int now = book.Count(side);
        if (now < count)
        {
            // A Delete: deeper levels move up one.
            price = prices[level];
            size = 0;
            Array.Copy(prices, level + 1, prices, level, count - level - 1);
        }
        else if (now > count || book.PriceAt(side, level) != prices[level])
        {
            // An Insert (on a full side the count stays and the price at the index is new): deeper
            // levels move down one, a full side dropping its last.
            price = book.PriceAt(side, level);
            size = book.Level(side, level).Size.Lots;
            if (now == count)
                venue.OnLevelUpdated(new BookLevelUpdated(ts, ts, side, new Price(prices[count - 1]), Quantity.Zero)); // pushed out of the window
            Array.Copy(prices, level, prices, level + 1, Math.Min(count, book.Depth - 1) - level);
            prices[level] = price;
        }
        else
        {
            price = prices[level];
            size = book.Level(side, level).Size.Lots;
        }
        count = now;
        venue.OnLevelUpdated(new BookLevelUpdated(ts, ts, side, new Price(price), new Quantity(size)));
        _next.OnBook(ts, side, level, sizeChange, reveal);
    }

    public void OnTrade(long ts, long priceQ16, long size, bool aggressorBuy)
    {
        venue.OnTrade(TradeTick.AtQ16(ts, ts, priceQ16, new Quantity(size), aggressorBuy ? AggressorSide.Buyer : AggressorSide.Seller, TradeKind.Regular));
        _next.OnTrade(ts, priceQ16, size, aggressorBuy);
    }

    public void OnStatus(long ts, TradingStatus status)
    {
        venue.OnTradingStatus(new TradingStatusChanged(ts, ts, status));
        _next.OnStatus(ts, status);
    }

    public void OnEventEnd(long ts) => _next.OnEventEnd(ts);
}

using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Features;

/// <summary>
/// Keeps the <see cref="MarketView"/> a compiled strategy reads current: the book's top levels
/// (cumulative depth over the strategy's book depth), this event's trade, added and cancelled
/// size, and the portfolio state. Everything is raw Q47.16 (ticks, lots) or ns. O(depth) per
/// event for the cumulative depths; no allocation.
/// </summary>
/// <param name="depth">The levels the view's cumulative depths cover (the strategy's book depth).</param>
/// <param name="levelsRead">
/// The levels the strategy actually reads (<see cref="StrategyMetadata.LevelsRead"/>); deeper
/// entries are not kept current, which spares a strategy that reads only the best prices the
/// work of totalling its whole book depth on every event. Defaults to <paramref name="depth"/>.
/// </param>
public sealed class MarketViewBuilder(IBookView book, int depth, int? levelsRead = null)
{
    private readonly int _depth = Math.Min(Math.Clamp(depth, 1, LevelDepths.MaxLevels), Math.Max(levelsRead ?? depth, 0));
    private MarketView _view;

    public ref readonly MarketView View => ref _view;

    /// <summary>Starts a new event: per-event amounts return to zero.</summary>
    public void Begin(long tsEvent, MarketEventKind kind)
    {
        _view.TsEvent = tsEvent;
        _view.Kind = kind;
        _view.TradeSize = 0;
        _view.TradeAggressorBuy = false;
        _view.AddedSize = 0;
        _view.CancelledSize = 0;
    }

    /// <summary>
    /// The re-evaluation after our own fill within the same event: the event's market amounts are
    /// not seen twice (windows add nothing), only the portfolio moved.
    /// </summary>
    public void BeginFill()
    {
        _view.Kind = MarketEventKind.Fill;
        _view.TradeSize = 0;
        _view.TradeAggressorBuy = false;
        _view.AddedSize = 0;
        _view.CancelledSize = 0;
    }

    public void Added(Quantity size) => _view.AddedSize += Q.FromInteger(size.Lots);

    public void Cancelled(Quantity size) => _view.CancelledSize += Q.FromInteger(size.Lots);

    /// <summary>Both at once, in lots (either may be 0): for hosts that count without branching.</summary>
    public void AddedAndCancelled(long addedLots, long cancelledLots)
    {
        _view.AddedSize += Q.FromInteger(addedLots);
        _view.CancelledSize += Q.FromInteger(cancelledLots);
    }

    /// <summary>A trade; <paramref name="priceQ16"/> is its exact price in Q47.16 ticks.</summary>
    public void Trade(long priceQ16, Quantity size, bool aggressorBuy)
    {
        _view.Kind = MarketEventKind.Trade;
        _view.LastPrice = priceQ16;
        _view.TradeSize += Q.FromInteger(size.Lots);
        _view.TradeAggressorBuy = aggressorBuy;
    }

    /// <summary>Re-reads the top of the book on the sides that changed (a host that knows which skips the other).</summary>
    public void RefreshBook(bool bids, bool asks)
    {
        if (bids)
            _view.BestBid = book.CumulativeDepth(Side.Buy, ((Span<long>)_view.BidDepth)[.._depth]);
        if (asks)
            _view.BestAsk = book.CumulativeDepth(Side.Sell, ((Span<long>)_view.AskDepth)[.._depth]);
    }

    public void SetPortfolio(long position, long entryPrice, long timeInPosition, long lossesInARow, long equity)
    {
        _view.Position = position;
        _view.EntryPrice = entryPrice;
        _view.TimeInPosition = timeInPosition;
        _view.LossesInARow = lossesInARow;
        _view.Equity = equity;
    }
}

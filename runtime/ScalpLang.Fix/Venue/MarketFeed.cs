using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Venue;

/// <summary>
/// Turns W and X into the runtime's market events for the engine (engine thread only). A
/// snapshot becomes one L2 row that sets every level it lists and removes every level of the
/// book it does not; an incremental refresh becomes its trades and level changes in message
/// order, consecutive level changes applied as one row (so the strategy never sees a half-applied
/// change). FIX 4.4 market data has no aggressor side: a trade at or above the best offer was a
/// buyer's, at or below the best bid a seller's (read from the book before the trade's level
/// changes, which follow it in the message), otherwise none.
/// </summary>
public sealed class MarketFeed(OrderBook book, IReplayTarget engine)
{
    private readonly List<BookLevelUpdated> _row = [];
    private BookLevel[] _levels = new BookLevel[64];

    public long Snapshots { get; private set; }
    public long Incrementals { get; private set; }

    public void Apply(MarketDataUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.IsSnapshot)
        {
            ApplySnapshot(update);
            Snapshots++;
            return;
        }
        Incrementals++;
        foreach (var entry in update.Entries)
        {
            if (entry.Kind == MarketEntryKind.Trade)
            {
                Flush();
                var trade = new TradeTick(entry.TsEvent, update.TsRecv, new Price(entry.PriceTicks), new Quantity(entry.SizeLots),
                    AggressorOf(entry.PriceTicks), TradeKind.Regular);
                engine.OnTrade(in trade);
            }
            else
                _row.Add(new BookLevelUpdated(entry.TsEvent, update.TsRecv, entry.Side, new Price(entry.PriceTicks), new Quantity(entry.SizeLots)));
        }
        Flush();
    }

    private void ApplySnapshot(MarketDataUpdate update)
    {
        var listed = new HashSet<(Side, long)>();
        foreach (var entry in update.Entries)
        {
            if (entry.Kind == MarketEntryKind.Trade)
                continue;
            listed.Add((entry.Side, entry.PriceTicks));
            _row.Add(new BookLevelUpdated(update.TsEvent, update.TsRecv, entry.Side, new Price(entry.PriceTicks), new Quantity(entry.SizeLots)));
        }
        foreach (var side in (ReadOnlySpan<Side>)[Side.Buy, Side.Sell])
        {
            var count = book.LevelCount(side);
            if (_levels.Length < count)
                _levels = new BookLevel[Math.Max(count, 2 * _levels.Length)];
            count = book.CopyLevels(side, _levels);
            for (var i = 0; i < count; i++)
            {
                if (!listed.Contains((side, _levels[i].Price.Ticks)))
                    _row.Add(new BookLevelUpdated(update.TsEvent, update.TsRecv, side, _levels[i].Price, Quantity.Zero));
            }
        }
        // A snapshot that changes nothing is still an event: the strategy learns the book is as it thinks.
        engine.OnLevelsUpdated(update.TsEvent, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_row));
        _row.Clear();
    }

    private void Flush()
    {
        if (_row.Count == 0)
            return;
        engine.OnLevelsUpdated(_row[0].TsEvent, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_row));
        _row.Clear();
    }

    private AggressorSide AggressorOf(long priceTicks)
    {
        if (book.TryGetBest(Side.Sell, out var ask) && priceTicks >= ask.Price.Ticks)
            return AggressorSide.Buyer;
        if (book.TryGetBest(Side.Buy, out var bid) && priceTicks <= bid.Price.Ticks)
            return AggressorSide.Seller;
        return AggressorSide.None;
    }
}

using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest;

// Market events from order-level (L3) and aggregated (L2) sources, applied to the L3 book. Added
// and cancelled size count at the tracked levels only (grammar/README.md, cancel_rate): an add
// whose price is among the strategy's top `book depth` levels after it, a cancel whose price was
// among them before it; for L2 updates (a row at a time), a size increase at a level tracked after
// the row and a decrease at a level tracked before it. L2 data cannot tell a cancel from an
// execution: its decreases are all counted as cancelled.
public sealed partial class BacktestEngine : IReplayTarget
{
    private readonly OrderBook? _book;
    private readonly int _trackedLevels;

    private OrderBook L3 => _book ?? throw new InvalidOperationException("this engine replays a tape: it has no order-level book");

    public void OnOrderAdded(in BookOrderAdded e)
    {
        if (_marketSink is { } sink)
        {
            sink.OnOrderAdded(in e);
            if (_viewFromVenue)
                return;
        }
        ApplyAdded(in e, e.TsEvent);
    }

    private void ApplyAdded(in BookOrderAdded e, long ts)
    {
        Begin(ts, MarketEventKind.Book);
        L3.Apply(in e);
        BookChanged(e.Side);
        if (Tracked(e.Side, e.Price))
            _view.Added(e.Size);
        End();
    }

    public void OnOrderCancelled(in BookOrderCancelled e)
    {
        if (_marketSink is { } sink)
        {
            sink.OnOrderCancelled(in e);
            if (_viewFromVenue)
                return;
        }
        ApplyCancelled(in e, e.TsEvent);
    }

    private void ApplyCancelled(in BookOrderCancelled e, long ts)
    {
        Begin(ts, MarketEventKind.Book);
        bool tracked = Tracked(e.Side, e.Price);
        L3.Apply(in e);
        Removed(e.Side, tracked, e.CancelledSize);
    }

    public void OnOrderDeleted(in BookOrderDeleted e)
    {
        if (_marketSink is { } sink)
        {
            sink.OnOrderDeleted(in e);
            if (_viewFromVenue)
                return;
        }
        ApplyDeleted(in e, e.TsEvent);
    }

    private void ApplyDeleted(in BookOrderDeleted e, long ts)
    {
        Begin(ts, MarketEventKind.Book);
        bool tracked = Tracked(e.Side, e.Price);
        L3.Apply(in e);
        Removed(e.Side, tracked, e.Size);
    }

    public void OnOrderExecuted(in BookOrderExecuted e)
    {
        if (_marketSink is { } sink)
        {
            sink.OnOrderExecuted(in e);
            if (_viewFromVenue)
                return;
        }
        ApplyExecuted(in e, e.TsEvent);
    }

    private void ApplyExecuted(in BookOrderExecuted e, long ts)
    {
        Begin(ts, MarketEventKind.Trade);
        L3.Apply(in e);
        BookChanged(e.Side);
        _view.Trade(Q.FromInteger(e.Price.Ticks), e.ExecutedSize, e.Aggressor == AggressorSide.Buyer);
        if (_followVolume)
            _marketVolume.Record(ts, e.ExecutedSize.Lots);
        End();
    }

    public void OnLevelUpdated(in BookLevelUpdated e)
    {
        if (_marketSink is { } sink)
        {
            sink.OnLevelUpdated(in e);
            if (_viewFromVenue)
                return;
        }
        ApplyRow(e.TsEvent, new ReadOnlySpan<BookLevelUpdated>(in e));
    }

    /// <summary>
    /// One row of an L2 source (a snapshot, a quote, an incremental row) as one event: every level
    /// it changes is applied before the strategy reads the book, so no half-applied row (a side
    /// emptied between removing the old quote and adding the new one) is ever seen, and a row
    /// that changes nothing is still an event.
    /// </summary>
    public void OnLevelsUpdated(long tsEvent, ReadOnlySpan<BookLevelUpdated> updates)
    {
        if (_pushingVenue is { } venue)
        {
            venue.OnLevelsUpdated(tsEvent, updates); // the row reaches the strategy whole, later
            return;
        }
        if (_marketSink is { } sink)
        {
            foreach (ref readonly var update in updates)
                sink.OnLevelUpdated(in update);
        }
        ApplyRow(tsEvent, updates);
    }

    private void ApplyRow(long ts, ReadOnlySpan<BookLevelUpdated> updates)
    {
        Begin(ts, MarketEventKind.Book);
        ApplyLevels(updates);
        End();
    }

    public void OnTrade(in TradeTick e)
    {
        if (_marketSink is { } sink)
        {
            sink.OnTrade(in e);
            if (_viewFromVenue)
                return;
        }
        ApplyTrade(in e, e.TsEvent);
    }

    private void ApplyTrade(in TradeTick e, long ts)
    {
        Begin(ts, MarketEventKind.Trade);
        _view.Trade(e.PriceQ16, e.Size, e.Aggressor == AggressorSide.Buyer);
        // Crosses re-report executions the book already saw: not new volume for vwap slicing.
        if (_followVolume && e.Kind is TradeKind.Regular or TradeKind.Hidden)
            _marketVolume.Record(ts, e.Size.Lots);
        End();
    }

    public void OnTradingStatus(in TradingStatusChanged e)
    {
        if (_marketSink is { } sink)
        {
            sink.OnTradingStatus(in e);
            if (_viewFromVenue)
                return;
        }
        ApplyStatus(in e, e.TsEvent);
    }

    private void ApplyStatus(in TradingStatusChanged e, long ts)
    {
        Begin(ts, MarketEventKind.Timer);
        Risk.Status = e.Status;
        End();
    }

    /// <summary>Size left a level (cancel or delete): a cancel when the level was tracked before.</summary>
    private void Removed(Side side, bool wasTracked, Quantity size)
    {
        BookChanged(side);
        if (wasTracked)
            _view.Cancelled(size);
        End();
    }

    private bool Tracked(Side side, Price price) => L3.IndexOfLevel(side, price, _trackedLevels) >= 0;

    private readonly record struct LevelBefore(Side Side, Price Price, long Size, bool Tracked);

    private LevelBefore[] _before = new LevelBefore[16];

    /// <summary>
    /// Applies L2 updates as one change of the book: each level's size before and after the whole
    /// row decides, so the order of a row's updates does not matter (an increase counts as added
    /// when the level is tracked after the row, a decrease as cancelled when it was tracked before).
    /// </summary>
    private void ApplyLevels(ReadOnlySpan<BookLevelUpdated> updates)
    {
        var book = L3;
        if (_before.Length < updates.Length)
            _before = new LevelBefore[Math.Max(updates.Length, 2 * _before.Length)];
        int count = 0;
        foreach (ref readonly var update in updates)
        {
            bool seen = false;
            for (int k = 0; k < count && !seen; k++)
                seen = _before[k].Side == update.Side && _before[k].Price == update.Price;
            if (!seen)
            {
                long size = book.SizeAt(update.Side, update.Price).Lots;
                _before[count++] = new LevelBefore(update.Side, update.Price, size, size > 0 && Tracked(update.Side, update.Price));
            }
        }
        foreach (ref readonly var update in updates)
        {
            book.Apply(in update);
            BookChanged(update.Side);
        }
        for (int k = 0; k < count; k++)
        {
            var before = _before[k];
            long change = book.SizeAt(before.Side, before.Price).Lots - before.Size;
            if (change > 0 && Tracked(before.Side, before.Price))
                _view.Added(new Quantity(change));
            else if (change < 0 && before.Tracked)
                _view.Cancelled(new Quantity(-change));
        }
    }
}

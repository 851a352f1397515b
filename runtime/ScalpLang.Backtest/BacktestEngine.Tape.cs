using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backtest;

// Tape events (through TapeFeed): the replay has already applied each book operation to the
// DepthBook; the engine opens the event on its first record and evaluates the strategy at the
// event's end. Added and cancelled size count at the tracked levels as for L2 sources: an Insert
// that only reveals a level counts as neither, and in an event that carries a trade the levels'
// decreases are executions, not cancels.
public sealed partial class BacktestEngine
{
    private readonly DepthBook? _depthBook;
    private bool _tapeEventOpen;
    private bool _tapeEventTrades;

    /// <summary>The fixed-depth book of a tape-fed engine (null for an L3 engine).</summary>
    public DepthBook? DepthBook => _depthBook;

    internal void TapeBook(long ts, Side side, int level, long sizeChange, bool reveal)
    {
        OpenTapeEvent(ts);
        _bidsChanged |= side == Side.Buy;
        _asksChanged |= side == Side.Sell;
        // Without branches: whether a record is tracked, a rise or a fall is as good as random.
        long counted = reveal || level >= _trackedLevels ? 0 : sizeChange;
        long cancelled = _tapeEventTrades ? 0 : Math.Max(-counted, 0);
        _view.AddedAndCancelled(Math.Max(counted, 0), cancelled);
    }

    internal void TapeTrade(long ts, long priceQ16, long size, bool aggressorBuy)
    {
        OpenTapeEvent(ts);
        _tapeEventTrades = true;
        _view.Trade(priceQ16, new Quantity(size), aggressorBuy);
        if (_followVolume)
            _marketVolume.Record(ts, size);
    }

    internal void TapeStatus(long ts, TradingStatus status)
    {
        OpenTapeEvent(ts);
        Risk.Status = status;
    }

    internal void TapeEventEnd()
    {
        _tapeEventOpen = false;
        End();
    }

    private void OpenTapeEvent(long ts)
    {
        if (_tapeEventOpen)
            return;
        _tapeEventOpen = true;
        _tapeEventTrades = false;
        Begin(ts, MarketEventKind.Book);
    }
}

/// <summary>Feeds a tape replay into an engine with no virtual call per record.</summary>
public readonly struct TapeFeed(BacktestEngine engine) : ITapeHandler
{
    public void OnBook(long ts, Side side, int level, long sizeChange, bool reveal) => engine.TapeBook(ts, side, level, sizeChange, reveal);

    public void OnTrade(long ts, long priceQ16, long size, bool aggressorBuy) => engine.TapeTrade(ts, priceQ16, size, aggressorBuy);

    public void OnStatus(long ts, TradingStatus status) => engine.TapeStatus(ts, status);

    public void OnEventEnd(long ts) => engine.TapeEventEnd();
}

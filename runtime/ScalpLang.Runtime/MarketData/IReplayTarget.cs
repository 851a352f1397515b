namespace ScalpLang.Runtime.MarketData;

/// <summary>
/// What a data source replays into (a backtest engine, a tape recorder): single events, a whole
/// L2 row as one event, and a hook that lets a source complete the book inside an event (a
/// LOBSTER orderbook row revealing level N) before anything reads it.
/// </summary>
public interface IReplayTarget : IMarketDataHandler
{
    /// <summary>Every level of one row applied, then one event.</summary>
    void OnLevelsUpdated(long tsEvent, ReadOnlySpan<BookLevelUpdated> updates);

    /// <summary>Runs after an event changed the book and before it is read; set once by the source.</summary>
    Action? CompleteBook { get; set; }
}

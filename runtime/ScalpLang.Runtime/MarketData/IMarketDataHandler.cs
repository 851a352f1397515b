namespace ScalpLang.Runtime.MarketData;

/// <summary>
/// Receives decoded market events. Adapters dispatch to it through a generic parameter
/// constrained to this interface, so a struct handler is called without boxing or virtual calls.
/// </summary>
public interface IMarketDataHandler
{
    void OnOrderAdded(in BookOrderAdded e);

    void OnOrderCancelled(in BookOrderCancelled e);

    void OnOrderDeleted(in BookOrderDeleted e);

    void OnOrderExecuted(in BookOrderExecuted e);

    void OnLevelUpdated(in BookLevelUpdated e);

    void OnTrade(in TradeTick e);

    void OnTradingStatus(in TradingStatusChanged e);
}

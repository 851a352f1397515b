using ScalpLang.Runtime.MarketData;

namespace ScalpLang.Runtime.Tests;

/// <summary>Keeps every event it is given, boxed, in order: tests compare the list.</summary>
internal sealed class RecordingHandler : IMarketDataHandler
{
    public List<IMarketEvent> Events { get; } = [];

    public void OnOrderAdded(in BookOrderAdded e) => Events.Add(e);

    public void OnOrderCancelled(in BookOrderCancelled e) => Events.Add(e);

    public void OnOrderDeleted(in BookOrderDeleted e) => Events.Add(e);

    public void OnOrderExecuted(in BookOrderExecuted e) => Events.Add(e);

    public void OnLevelUpdated(in BookLevelUpdated e) => Events.Add(e);

    public void OnTrade(in TradeTick e) => Events.Add(e);

    public void OnTradingStatus(in TradingStatusChanged e) => Events.Add(e);
}

using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

public enum MarketDataKind : byte
{
    OrderAdded = 1,
    OrderCancelled = 2,
    OrderDeleted = 3,
    OrderExecuted = 4,
    LevelUpdated = 5,
    Trade = 6,
    TradingStatus = 7,

    /// <summary>
    /// One L2 row (<see cref="SimulatedVenue.OnLevelsUpdated"/>) for a client that takes rows
    /// whole (<see cref="IVenueRowClient"/>); <c>OrderId</c> holds how many level updates it has.
    /// </summary>
    LevelRow = 8,

    /// <summary>
    /// An event the caller keeps itself (a tape event, <see cref="SimulatedVenue.ScheduleMarker"/>),
    /// delivered in order with the rest after the market-data latency to an <see cref="IVenueMarkerClient"/>;
    /// <c>OrderId</c> holds the caller's token.
    /// </summary>
    Marker = 9,
}

/// <summary>
/// Any market event, as one struct, so events of every kind wait in one delay line without
/// boxing. <see cref="Dispatch"/> hands it back as its own type with <c>TsRecv</c> set to when
/// the strategy receives it.
/// </summary>
public readonly record struct MarketDataEnvelope(
    MarketDataKind Kind,
    long TsEvent,
    long OrderId,
    Side Side,
    Price Price,
    Quantity Size,
    AggressorSide Aggressor = AggressorSide.None,
    TradeKind TradeKind = TradeKind.Regular,
    int SubTicks = 0,
    TradingStatus Status = TradingStatus.Trading)
{
    public static MarketDataEnvelope From(in BookOrderAdded e) => new(MarketDataKind.OrderAdded, e.TsEvent, e.OrderId, e.Side, e.Price, e.Size);

    public static MarketDataEnvelope From(in BookOrderCancelled e) => new(MarketDataKind.OrderCancelled, e.TsEvent, e.OrderId, e.Side, e.Price, e.CancelledSize);

    public static MarketDataEnvelope From(in BookOrderDeleted e) => new(MarketDataKind.OrderDeleted, e.TsEvent, e.OrderId, e.Side, e.Price, e.Size);

    public static MarketDataEnvelope From(in BookOrderExecuted e) => new(MarketDataKind.OrderExecuted, e.TsEvent, e.OrderId, e.Side, e.Price, e.ExecutedSize);

    public static MarketDataEnvelope From(in BookLevelUpdated e) => new(MarketDataKind.LevelUpdated, e.TsEvent, 0, e.Side, e.Price, e.Size);

    public static MarketDataEnvelope From(in TradeTick e) => new(MarketDataKind.Trade, e.TsEvent, 0, default, e.Price, e.Size, e.Aggressor, e.Kind, e.SubTicks);

    public static MarketDataEnvelope Row(long tsEvent, int updates) => new(MarketDataKind.LevelRow, tsEvent, updates, default, default, default);

    public static MarketDataEnvelope Marker(long tsEvent, long token) => new(MarketDataKind.Marker, tsEvent, token, default, default, default);

    public static MarketDataEnvelope From(in TradingStatusChanged e) => new(MarketDataKind.TradingStatus, e.TsEvent, 0, default, default, default, Status: e.Status);

    /// <summary>Calls the handler method for this event's type, with <c>TsRecv = tsRecv</c> (a <see cref="MarketDataKind.LevelRow"/> or <see cref="MarketDataKind.Marker"/> calls nothing: what it stands for travels beside it).</summary>
    public void Dispatch<THandler>(ref THandler handler, long tsRecv)
        where THandler : IMarketDataHandler
    {
        switch (Kind)
        {
            case MarketDataKind.OrderAdded:
                handler.OnOrderAdded(new BookOrderAdded(TsEvent, tsRecv, OrderId, Side, Price, Size));
                break;
            case MarketDataKind.OrderCancelled:
                handler.OnOrderCancelled(new BookOrderCancelled(TsEvent, tsRecv, OrderId, Side, Price, Size));
                break;
            case MarketDataKind.OrderDeleted:
                handler.OnOrderDeleted(new BookOrderDeleted(TsEvent, tsRecv, OrderId, Side, Price, Size));
                break;
            case MarketDataKind.OrderExecuted:
                handler.OnOrderExecuted(new BookOrderExecuted(TsEvent, tsRecv, OrderId, Side, Price, Size));
                break;
            case MarketDataKind.LevelUpdated:
                handler.OnLevelUpdated(new BookLevelUpdated(TsEvent, tsRecv, Side, Price, Size));
                break;
            case MarketDataKind.Trade:
                handler.OnTrade(new TradeTick(TsEvent, tsRecv, Price, Size, Aggressor, TradeKind, SubTicks));
                break;
            case MarketDataKind.TradingStatus:
                handler.OnTradingStatus(new TradingStatusChanged(TsEvent, tsRecv, Status));
                break;
        }
    }
}

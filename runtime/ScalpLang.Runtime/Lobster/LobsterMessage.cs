using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Lobster;

/// <summary>
/// One decoded message row, already converted to the model's integers: time to nanoseconds,
/// price to ticks, size to lots, direction to <see cref="Side"/>. <see cref="Dispatch"/> turns
/// it into the runtime's market events. <see cref="SubTicks"/> is non-zero only for a trade that
/// printed between ticks (types 5 and 6; see <see cref="TradeTick"/>); the halt code of type 7
/// is in <see cref="HaltStatus"/>, and its <see cref="Price"/> and <see cref="Size"/> are zero.
/// </summary>
public readonly record struct LobsterMessage(
    long Line,
    LobsterEventType Type,
    long NanosAfterMidnight,
    long TsEvent,
    long OrderId,
    Quantity Size,
    Price Price,
    Side Side,
    TradingStatus HaltStatus,
    int SubTicks = 0)
{
    /// <summary>
    /// Delivers the row as market events. A historical file has no receive time, so
    /// <c>TsRecv = TsEvent</c>. Type 6 (cross) is reported as a trade only: LOBSTER says the
    /// executions it aggregates have already updated the book.
    /// </summary>
    public void Dispatch<THandler>(ref THandler handler)
        where THandler : IMarketDataHandler
    {
        switch (Type)
        {
            case LobsterEventType.Submission:
                handler.OnOrderAdded(new BookOrderAdded(TsEvent, TsEvent, OrderId, Side, Price, Size));
                break;
            case LobsterEventType.Cancellation:
                handler.OnOrderCancelled(new BookOrderCancelled(TsEvent, TsEvent, OrderId, Side, Price, Size));
                break;
            case LobsterEventType.Deletion:
                handler.OnOrderDeleted(new BookOrderDeleted(TsEvent, TsEvent, OrderId, Side, Price, Size));
                break;
            case LobsterEventType.Execution:
                handler.OnOrderExecuted(new BookOrderExecuted(TsEvent, TsEvent, OrderId, Side, Price, Size));
                break;
            case LobsterEventType.HiddenExecution:
                handler.OnTrade(new TradeTick(TsEvent, TsEvent, Price, Size, Side.AggressorAgainst(), TradeKind.Hidden, SubTicks));
                break;
            case LobsterEventType.CrossTrade:
                var kind = OrderId switch
                {
                    -1 => TradeKind.OpeningCross,
                    -2 => TradeKind.ClosingCross,
                    _ => TradeKind.OtherCross,
                };
                handler.OnTrade(new TradeTick(TsEvent, TsEvent, Price, Size, AggressorSide.None, kind, SubTicks));
                break;
            case LobsterEventType.TradingHalt:
                handler.OnTradingStatus(new TradingStatusChanged(TsEvent, TsEvent, HaltStatus));
                break;
        }
    }
}

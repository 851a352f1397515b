using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.MarketData;

// Order-level (L3) book events. Named "BookOrder..." so they cannot be confused with events
// about our own orders (OrderFilled, OrderCanceled, ...), which the execution side will add.
// Every one carries side and price even when the order id alone would do: a book that starts
// mid-day meets orders it never saw added, and needs side and price to find their level.

/// <summary>A new visible limit order joins the back of its price level's queue.</summary>
public readonly record struct BookOrderAdded(
    long TsEvent, long TsRecv, long OrderId, Side Side, Price Price, Quantity Size) : IMarketEvent;

/// <summary>
/// Part of a resting order is cancelled: its size shrinks by <see cref="CancelledSize"/> and it
/// keeps its place in the queue (reductions do not lose priority on NASDAQ).
/// </summary>
public readonly record struct BookOrderCancelled(
    long TsEvent, long TsRecv, long OrderId, Side Side, Price Price, Quantity CancelledSize) : IMarketEvent;

/// <summary>
/// A resting order is removed entirely. <see cref="Size"/> is the size it still had, as the
/// source reports it; the book needs it only for orders it never saw added.
/// </summary>
public readonly record struct BookOrderDeleted(
    long TsEvent, long TsRecv, long OrderId, Side Side, Price Price, Quantity Size) : IMarketEvent;

/// <summary>
/// A visible resting order on <see cref="Side"/> trades <see cref="ExecutedSize"/>; the
/// aggressor was the other side. This is both a book change and a trade.
/// </summary>
public readonly record struct BookOrderExecuted(
    long TsEvent, long TsRecv, long OrderId, Side Side, Price Price, Quantity ExecutedSize) : IMarketEvent
{
    public AggressorSide Aggressor => Side.AggressorAgainst();
}

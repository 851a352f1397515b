using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Synthetic;

/// <summary>Which order-level (L3) event a <see cref="SyntheticEvent"/> is.</summary>
public enum SyntheticEventKind : byte
{
    Added = 1,

    /// <summary>Part of an order is cancelled; it keeps its queue place.</summary>
    Cancelled = 2,

    /// <summary>A whole order is removed (cancelled, or pulled as stale).</summary>
    Deleted = 3,

    /// <summary>A resting order trades against a market order from the other side.</summary>
    Executed = 4,
}

/// <summary>
/// One generated event. <see cref="Size"/> is the added size, the cancelled part, the size the
/// deleted order still had, or the executed size. <see cref="Dispatch"/> turns it into the
/// runtime's market event; the generator's events have no separate receive time, so
/// <c>TsRecv = TsEvent</c> as for historical files (the simulated venue adds latency).
/// </summary>
public readonly record struct SyntheticEvent(
    SyntheticEventKind Kind, long TsEvent, long OrderId, Side Side, Price Price, Quantity Size)
{
    public void Dispatch<THandler>(ref THandler handler)
        where THandler : IMarketDataHandler
    {
        switch (Kind)
        {
            case SyntheticEventKind.Added:
                handler.OnOrderAdded(new BookOrderAdded(TsEvent, TsEvent, OrderId, Side, Price, Size));
                break;
            case SyntheticEventKind.Cancelled:
                handler.OnOrderCancelled(new BookOrderCancelled(TsEvent, TsEvent, OrderId, Side, Price, Size));
                break;
            case SyntheticEventKind.Deleted:
                handler.OnOrderDeleted(new BookOrderDeleted(TsEvent, TsEvent, OrderId, Side, Price, Size));
                break;
            case SyntheticEventKind.Executed:
                handler.OnOrderExecuted(new BookOrderExecuted(TsEvent, TsEvent, OrderId, Side, Price, Size));
                break;
        }
    }
}

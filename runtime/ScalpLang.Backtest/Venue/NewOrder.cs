using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

public enum OrderType : byte
{
    Limit = 1,

    /// <summary>Walks the opposite side (within the price band) and never rests: immediate-or-cancel.</summary>
    Market = 2,
}

public enum TimeInForce : byte
{
    /// <summary>Good till cancelled: what does not fill at once rests in the queue.</summary>
    Gtc = 1,

    /// <summary>Immediate or cancel: what does not fill at once is cancelled.</summary>
    Ioc = 2,
}

/// <summary>A new order as the strategy sends it (nautilus_trader's <c>SubmitOrder</c>).</summary>
public readonly record struct NewOrder(Side Side, OrderType Type, long Lots, long PriceTicks, TimeInForce TimeInForce)
{
    public static NewOrder Limit(Side side, long lots, long priceTicks, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new(side, OrderType.Limit, lots, priceTicks, timeInForce);

    public static NewOrder Market(Side side, long lots) => new(side, OrderType.Market, lots, 0, TimeInForce.Ioc);
}

/// <summary>An own order as the venue holds it; exchange truth, for tests and diagnostics (a strategy sees only reports).</summary>
public readonly record struct OwnOrderState(
    long OrderId, Side Side, long PriceTicks, long Lots, long FilledLots, long LeavesLots, long AheadLots, bool IsLive);

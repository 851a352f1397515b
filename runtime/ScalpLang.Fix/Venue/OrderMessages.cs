using ScalpLang.Fix.Codec;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Venue;

/// <summary>
/// The client's application messages, body fields in the dictionary's order: NewOrderSingle (D),
/// OrderCancelRequest (F), OrderCancelReplaceRequest (G) and MarketDataRequest (V). The session
/// adds the header (MsgSeqNum, CompIDs, SendingTime).
/// </summary>
public static class OrderMessages
{
    /// <summary>A limit order (40=2, 44, 59=1 good till cancel) or, without a limit, a market order (40=1, 59=3 immediate or cancel).</summary>
    public static FixMessageWriter NewOrderSingle(FixMessageWriter w, string beginString, string clOrdId, WireUnits units,
        Side side, long lots, long? limitTicks, DateTime transactTime)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(units);
        w.Begin(beginString, "D")
            .Field(FixTag.ClOrdID, clOrdId);
        if (beginString == "FIX.4.2")
            w.Field(FixTag.HandlInst, '1'); // required in 4.2: automated, no broker intervention
        w.Field(FixTag.Symbol, units.Symbol)
            .Field(FixTag.Side, SideChar(side))
            .Timestamp(FixTag.TransactTime, transactTime)
            .Field(FixTag.OrderQty, units.Quantity(lots))
            .Field(FixTag.OrdType, limitTicks is null ? '1' : '2');
        if (limitTicks is { } limit)
            w.Field(FixTag.Price, units.Price(limit));
        return w.Field(FixTag.TimeInForce, limitTicks is null ? '3' : '1');
    }

    public static FixMessageWriter CancelRequest(FixMessageWriter w, string beginString, string clOrdId, string origClOrdId, string? orderId,
        WireUnits units, Side side, long lots, DateTime transactTime)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(units);
        w.Begin(beginString, "F").Field(FixTag.OrigClOrdID, origClOrdId);
        if (orderId is not null)
            w.Field(FixTag.OrderID, orderId);
        return w.Field(FixTag.ClOrdID, clOrdId)
            .Field(FixTag.Symbol, units.Symbol)
            .Field(FixTag.Side, SideChar(side))
            .Timestamp(FixTag.TransactTime, transactTime)
            .Field(FixTag.OrderQty, units.Quantity(lots));
    }

    public static FixMessageWriter CancelReplaceRequest(FixMessageWriter w, string beginString, string clOrdId, string origClOrdId, string? orderId,
        WireUnits units, Side side, long lots, long limitTicks, DateTime transactTime)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(units);
        w.Begin(beginString, "G");
        if (orderId is not null)
            w.Field(FixTag.OrderID, orderId);
        w.Field(FixTag.OrigClOrdID, origClOrdId).Field(FixTag.ClOrdID, clOrdId);
        if (beginString == "FIX.4.2")
            w.Field(FixTag.HandlInst, '1');
        return w.Field(FixTag.Symbol, units.Symbol)
            .Field(FixTag.Side, SideChar(side))
            .Timestamp(FixTag.TransactTime, transactTime)
            .Field(FixTag.OrderQty, units.Quantity(lots))
            .Field(FixTag.OrdType, '2')
            .Field(FixTag.Price, units.Price(limitTicks))
            .Field(FixTag.TimeInForce, '1');
    }

    /// <summary>Snapshot plus incremental updates (263=1, 265=1) of bids, offers and trades, full depth (264=0).</summary>
    public static FixMessageWriter MarketDataSubscribe(FixMessageWriter w, string beginString, string mdReqId, string symbol)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.Begin(beginString, "V")
            .Field(FixTag.MDReqID, mdReqId)
            .Field(FixTag.SubscriptionRequestType, '1')
            .Field(FixTag.MarketDepth, 0)
            .Field(FixTag.MDUpdateType, 1)
            .Field(FixTag.NoMDEntryTypes, 3)
            .Field(FixTag.MDEntryType, '0')
            .Field(FixTag.MDEntryType, '1')
            .Field(FixTag.MDEntryType, '2')
            .Field(FixTag.NoRelatedSym, 1)
            .Field(FixTag.Symbol, symbol);
    }

    public static char SideChar(Side side) => side == Side.Buy ? '1' : '2';
}

using System.Globalization;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Exchange;

/// <summary>The paper exchange's application messages, body fields in the dictionary's order.</summary>
internal static class ExchangeMessages
{
    /// <summary>An ExecutionReport about <paramref name="order"/> (after its counters are updated for this report).</summary>
    public static FixMessageWriter Execution(FixMessageWriter w, string beginString, ExchangeOrder order, WireUnits units, string execId,
        char execType, char ordStatus, string clOrdId, string? origClOrdId, long lastLots = 0, long lastTicks = 0, decimal fee = 0,
        char liquidity = '\0', string? text = null, long transactTime = 0, int? rejectReason = null)
    {
        w.Begin(beginString, "8")
            .Field(FixTag.OrderID, order.OrderId)
            .Field(FixTag.ClOrdID, clOrdId);
        if (origClOrdId is not null)
            w.Field(FixTag.OrigClOrdID, origClOrdId);
        w.Field(FixTag.ExecID, execId);
        if (beginString == "FIX.4.2")
            w.Field(FixTag.ExecTransType, '0');
        w.Field(FixTag.ExecType, execType).Field(FixTag.OrdStatus, ordStatus);
        if (rejectReason is { } reason)
            w.Field(FixTag.OrdRejReason, reason);
        w.Field(FixTag.Symbol, units.Symbol)
            .Field(FixTag.Side, OrderMessages.SideChar(order.Side))
            .Field(FixTag.OrderQty, units.Quantity(order.Lots))
            .Field(FixTag.OrdType, order.LimitTicks is null ? '1' : '2');
        if (order.LimitTicks is { } limit)
            w.Field(FixTag.Price, units.Price(limit));
        if (lastLots > 0)
            w.Field(FixTag.LastQty, units.Quantity(lastLots)).Field(FixTag.LastPx, units.Price(lastTicks));
        var leaves = order.Open ? order.Lots - order.CumLots : 0;
        var average = order.CumLots == 0 ? 0m : units.Price(order.CumTickLots) / order.CumLots;
        w.Field(FixTag.LeavesQty, units.Quantity(leaves))
            .Field(FixTag.CumQty, units.Quantity(order.CumLots))
            .Field(FixTag.AvgPx, average);
        if (transactTime > 0)
            w.TimestampUnixNanos(FixTag.TransactTime, transactTime, FixTimestampPrecision.Nanoseconds);
        if (lastLots > 0)
            w.Field(RoutingTags.Commission, fee).Field(RoutingTags.CommType, '3');
        if (text is not null)
            w.Field(FixTag.Text, text);
        if (liquidity != '\0' && beginString != "FIX.4.2") // LastLiquidityInd is FIX 4.3 and later
            w.Field(RoutingTags.LastLiquidityInd, liquidity);
        return w;
    }

    /// <summary>An ExecutionReport rejecting an order the exchange never accepted (no OrderID of its own).</summary>
    public static FixMessageWriter RejectNew(FixMessageWriter w, string beginString, string clOrdId, string symbol, char side, string execId,
        int reason, string text)
    {
        w.Begin(beginString, "8")
            .Field(FixTag.OrderID, "NONE")
            .Field(FixTag.ClOrdID, clOrdId)
            .Field(FixTag.ExecID, execId);
        if (beginString == "FIX.4.2")
            w.Field(FixTag.ExecTransType, '0');
        return w.Field(FixTag.ExecType, '8')
            .Field(FixTag.OrdStatus, '8')
            .Field(FixTag.OrdRejReason, reason)
            .Field(FixTag.Symbol, symbol.Length > 0 ? symbol : "?")
            .Field(FixTag.Side, side is '1' or '2' ? side : '1')
            .Field(FixTag.LeavesQty, 0)
            .Field(FixTag.CumQty, 0)
            .Field(FixTag.AvgPx, 0)
            .Field(FixTag.Text, text);
    }

    /// <param name="responseTo">1: to a cancel, 2: to a cancel/replace.</param>
    /// <param name="reason">0 too late, 1 unknown order, 99 other.</param>
    public static FixMessageWriter CancelReject(FixMessageWriter w, string beginString, string orderId, string clOrdId, string origClOrdId,
        char ordStatus, char responseTo, int reason, string text) =>
        w.Begin(beginString, "9")
            .Field(FixTag.OrderID, orderId)
            .Field(FixTag.ClOrdID, clOrdId)
            .Field(FixTag.OrigClOrdID, origClOrdId)
            .Field(FixTag.OrdStatus, ordStatus)
            .Field(FixTag.CxlRejResponseTo, responseTo)
            .Field(FixTag.CxlRejReason, reason)
            .Field(FixTag.Text, text);

    public static FixMessageWriter BusinessReject(FixMessageWriter w, string beginString, int refSeqNum, string refMsgType, int reason, string text) =>
        w.Begin(beginString, "j")
            .Field(FixTag.RefSeqNum, refSeqNum)
            .Field(FixTag.RefMsgType, refMsgType)
            .Field(FixTag.BusinessRejectReason, reason)
            .Field(FixTag.Text, text);

    /// <summary>The whole book, bids best first then offers best first.</summary>
    public static FixMessageWriter Snapshot(FixMessageWriter w, string beginString, string mdReqId, WireUnits units,
        IReadOnlyList<(Side Side, long Ticks, long Lots)> levels, long ts)
    {
        w.Begin(beginString, "W").Field(FixTag.MDReqID, mdReqId).Field(FixTag.Symbol, units.Symbol).Field(FixTag.NoMDEntries, levels.Count);
        var (date, time) = DateAndTime(ts);
        foreach (var (side, ticks, lots) in levels)
        {
            w.Field(FixTag.MDEntryType, side == Side.Buy ? '0' : '1')
                .Field(FixTag.MDEntryPx, units.Price(ticks))
                .Field(FixTag.MDEntrySize, units.Quantity(lots))
                .Field(RoutingTags.MDEntryDate, date)
                .Field(RoutingTags.MDEntryTime, time);
        }
        return w;
    }

    /// <summary>One incremental refresh: the event's trades, then the levels it changed (size 0: delete).</summary>
    public static FixMessageWriter Incremental(FixMessageWriter w, string beginString, string mdReqId, WireUnits units,
        IReadOnlyList<(long Ticks, long Lots)> trades, IReadOnlyList<LevelChange> changes, long ts)
    {
        w.Begin(beginString, "X").Field(FixTag.MDReqID, mdReqId).Field(FixTag.NoMDEntries, trades.Count + changes.Count);
        var (date, time) = DateAndTime(ts);
        foreach (var (ticks, lots) in trades)
            Entry('0', '2', ticks, lots);
        foreach (var change in changes)
            Entry(change.Action, change.Side == Side.Buy ? '0' : '1', change.Ticks, change.Lots);
        return w;

        void Entry(char action, char type, long ticks, long lots)
        {
            w.Field(FixTag.MDUpdateAction, action)
                .Field(FixTag.MDEntryType, type)
                .Field(FixTag.Symbol, units.Symbol)
                .Field(FixTag.MDEntryPx, units.Price(ticks));
            if (action != '2')
                w.Field(FixTag.MDEntrySize, units.Quantity(lots));
            w.Field(RoutingTags.MDEntryDate, date).Field(RoutingTags.MDEntryTime, time);
        }
    }

    /// <summary>MDEntryDate (UTCDateOnly) and MDEntryTime (UTCTimeOnly, to the nanosecond) of a Unix ns time.</summary>
    public static (string Date, string Time) DateAndTime(long unixNanos)
    {
        var day = Math.DivRem(unixNanos, 86_400_000_000_000L, out var inDay);
        var date = DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)day);
        var seconds = inDay / 1_000_000_000;
        var c = CultureInfo.InvariantCulture;
        return (date.ToString("yyyyMMdd", c),
            string.Create(c, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}.{inDay % 1_000_000_000:000000000}"));
    }
}

/// <summary>A published level's change: action 0 new, 1 change, 2 delete.</summary>
internal readonly record struct LevelChange(char Action, Side Side, long Ticks, long Lots);

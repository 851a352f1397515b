using System.Text;
using ScalpLang.Fix.Codec;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Venue;

/// <summary>
/// Reads ExecutionReports (8) and OrderCancelRejects (9) into the engine's units. A report that
/// cannot be booked exactly (a missing or garbled field, a price off the tick grid, a fractional
/// lot, another symbol) is refused with a sentence saying which field and why: the caller reports
/// it, and nothing half-read reaches the portfolio.
/// </summary>
public static class ExecutionReportReader
{
    public static bool TryRead(FixMessage message, WireUnits units, out ExecutionReport? report, out string? error)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(units);
        report = null;
        if (!TryString(message, FixTag.ClOrdID, out var clOrdId, out error)
            || !TryString(message, FixTag.OrderID, out var orderId, out error)
            || !TryString(message, FixTag.ExecID, out var execId, out error)
            || !TryChar(message, FixTag.ExecType, out var execType, out error)
            || !TryChar(message, FixTag.OrdStatus, out var ordStatus, out error)
            || !TrySide(message, out var side, out error)
            || !SymbolMatches(message, units, out error))
            return false;
        var kind = KindOf(execType);
        long lastLots = 0, lastTicks = 0;
        if (kind == ExecutionKind.Trade)
        {
            if (!TryLots(message, FixTag.LastQty, units, out lastLots, out error) || !TryTicks(message, FixTag.LastPx, units, out lastTicks, out error))
                return false;
            if (lastLots <= 0)
            {
                error = $"ExecutionReport {execId}: a trade with LastQty(32) {lastLots * units.Instrument.LotSize}";
                return false;
            }
        }
        if (!TryLots(message, FixTag.LeavesQty, units, out var leaves, out error) || !TryLots(message, FixTag.CumQty, units, out var cum, out error))
            return false;
        message.TryGetDecimal(FixTag.AvgPx, out var average);
        report = new ExecutionReport(clOrdId, message.GetString(FixTag.OrigClOrdID), orderId, execId, kind, execType, ordStatus, side,
            lastLots, lastTicks, leaves, cum, average, Fee(message, units, lastLots, lastTicks), Time(message), message.GetString(FixTag.Text));
        return true;
    }

    public static bool TryReadCancelReject(FixMessage message, out CancelReject? reject, out string? error)
    {
        ArgumentNullException.ThrowIfNull(message);
        reject = null;
        if (!TryString(message, FixTag.ClOrdID, out var clOrdId, out error)
            || !TryString(message, FixTag.OrigClOrdID, out var origClOrdId, out error)
            || !TryString(message, FixTag.OrderID, out var orderId, out error)
            || !TryChar(message, FixTag.OrdStatus, out var ordStatus, out error)
            || !TryChar(message, FixTag.CxlRejResponseTo, out var responseTo, out error))
            return false;
        int? reason = message.TryGetInt(FixTag.CxlRejReason, out var r) ? r : null;
        reject = new CancelReject(clOrdId, origClOrdId, orderId, ordStatus, responseTo == '2', reason, message.GetString(FixTag.Text));
        return true;
    }

    /// <summary>FIX 4.4 ExecType values, and 4.2's partial fill (1) and fill (2) as trades.</summary>
    public static ExecutionKind KindOf(char execType) => execType switch
    {
        '0' => ExecutionKind.New,
        'F' or '1' or '2' => ExecutionKind.Trade,
        '4' => ExecutionKind.Canceled,
        '5' => ExecutionKind.Replaced,
        '8' => ExecutionKind.Rejected,
        'C' => ExecutionKind.Expired,
        _ => ExecutionKind.Other,
    };

    /// <summary>Commission (12) by CommType (13): 3 absolute, 1 per unit (share or contract), 2 percent of the fill's notional.</summary>
    private static decimal Fee(FixMessage message, WireUnits units, long lots, long ticks)
    {
        if (!message.TryGetDecimal(RoutingTags.Commission, out var commission))
            return 0;
        message.TryGetChar(RoutingTags.CommType, out var type);
        return type switch
        {
            '1' => commission * units.Quantity(lots),
            '2' => commission / 100m * units.Price(ticks) * units.Quantity(lots),
            _ => commission,
        };
    }

    /// <summary>TransactTime (60), else SendingTime (52), as Unix ns; 0 when neither reads.</summary>
    private static long Time(FixMessage message) =>
        message.TryGetUtcTimestampUnixNanos(FixTag.TransactTime, out var t) || message.TryGetUtcTimestampUnixNanos(FixTag.SendingTime, out t) ? t : 0;

    private static bool SymbolMatches(FixMessage message, WireUnits units, out string? error)
    {
        error = null;
        if (!message.TryGetValue(FixTag.Symbol, out var symbol) || Encoding.Latin1.GetString(symbol) == units.Symbol)
            return true;
        error = $"report for symbol {Encoding.Latin1.GetString(symbol)}, but this venue trades {units.Symbol}";
        return false;
    }

    internal static bool TryString(FixMessage message, int tag, out string value, out string? error)
    {
        value = message.GetString(tag) ?? "";
        error = value.Length > 0 ? null : $"{MessageName(message)} without {Name(tag)}({tag})";
        return error is null;
    }

    private static bool TryChar(FixMessage message, int tag, out char value, out string? error)
    {
        error = message.TryGetChar(tag, out value) ? null : $"{MessageName(message)}: {Name(tag)}({tag}) {Shown(message, tag)}is not a single character";
        return error is null;
    }

    private static bool TrySide(FixMessage message, out Side side, out string? error)
    {
        message.TryGetChar(FixTag.Side, out var c);
        side = c == '1' ? Side.Buy : Side.Sell;
        error = c is '1' or '2' ? null : $"{MessageName(message)}: Side(54) {Shown(message, FixTag.Side)}is neither 1 (buy) nor 2 (sell)";
        return error is null;
    }

    private static bool TryLots(FixMessage message, int tag, WireUnits units, out long lots, out string? error)
    {
        lots = 0;
        if (!message.TryGetDecimal(tag, out var value))
        {
            error = $"{MessageName(message)}: {Name(tag)}({tag}) {Shown(message, tag)}is not a number";
            return false;
        }
        if (!units.TryLots(value, out lots, out var why))
        {
            error = $"{MessageName(message)}: {Name(tag)}({tag}): {why}";
            return false;
        }
        error = null;
        return true;
    }

    private static bool TryTicks(FixMessage message, int tag, WireUnits units, out long ticks, out string? error)
    {
        ticks = 0;
        if (!message.TryGetDecimal(tag, out var value))
        {
            error = $"{MessageName(message)}: {Name(tag)}({tag}) {Shown(message, tag)}is not a price";
            return false;
        }
        if (!units.TryTicks(value, out ticks, out var why))
        {
            error = $"{MessageName(message)}: {Name(tag)}({tag}): {why}";
            return false;
        }
        error = null;
        return true;
    }

    private static string Shown(FixMessage message, int tag) => message.GetString(tag) is { } v ? $"'{v}' " : "(missing) ";

    private static string MessageName(FixMessage message)
    {
        var type = message.MsgType;
        var name = type.Length == 1 && type[0] == (byte)'9' ? "OrderCancelReject" : "ExecutionReport";
        return message.GetString(FixTag.ExecID) is { } id ? $"{name} {id}" : name;
    }

    private static string Name(int tag) => tag switch
    {
        FixTag.ClOrdID => "ClOrdID",
        FixTag.OrigClOrdID => "OrigClOrdID",
        FixTag.OrderID => "OrderID",
        FixTag.ExecID => "ExecID",
        FixTag.ExecType => "ExecType",
        FixTag.OrdStatus => "OrdStatus",
        FixTag.LastQty => "LastQty",
        FixTag.LastPx => "LastPx",
        FixTag.LeavesQty => "LeavesQty",
        FixTag.CumQty => "CumQty",
        FixTag.CxlRejResponseTo => "CxlRejResponseTo",
        _ => "tag",
    };
}

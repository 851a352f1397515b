using ScalpLang.Fix.Session;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Exchange;

/// <summary>A client's order at the paper exchange: who sent it, its ids, and what has filled.</summary>
internal sealed class ExchangeOrder(FixSession session, long venueId, string clOrdId, Side side, long lots, long? limitTicks, string? orderId = null)
{
    public FixSession Session { get; } = session;
    public long VenueId { get; } = venueId;
    /// <summary>OrderID (37): kept across a replace, as venues do.</summary>
    public string OrderId { get; } = orderId ?? "O" + venueId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public string ClOrdId { get; } = clOrdId;
    public Side Side { get; } = side;
    public long Lots { get; } = lots;
    public long? LimitTicks { get; } = limitTicks;
    public long CumLots { get; set; }
    /// <summary>Sum of price x lots over the fills, in ticks x lots: the average price without rounding.</summary>
    public long CumTickLots { get; set; }
    public bool Open { get; set; } = true;
    /// <summary>Why it closed, as OrdStatus: 2 filled, 4 cancelled, 8 rejected.</summary>
    public char ClosedStatus { get; set; }
    /// <summary>The ClOrdID of the client's cancel being processed.</summary>
    public string? PendingCancel { get; set; }
    /// <summary>This order is being replaced: its cancel is not reported (the replacement's Replaced report says it all).</summary>
    public bool BeingReplaced { get; set; }
    /// <summary>The ClOrdID of the order this one replaces: its acceptance is reported as Replaced (150=5).</summary>
    public string? Replaces { get; set; }
}

/// <summary>A fill as the exchange reported it: its own record, which a client's run must match.</summary>
public readonly record struct ExchangeFill(string Session, string ClOrdId, string ExecId, Side Side, long PriceTicks, long Lots, decimal Fee);

using ScalpLang.Fix.Session;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Exchange;

/// <summary>A client's order at the paper exchange: who sent it, its ids, and what has filled.</summary>
internal sealed class ExchangeOrder(FixSession session, long venueId, string clOrdId, Side side, long lots, long? limitTicks)
{
    public FixSession Session { get; } = session;
    public long VenueId { get; } = venueId;
    public string OrderId { get; } = "O" + venueId.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
}

/// <summary>A fill as the exchange reported it: its own record, which a client's run must match.</summary>
public readonly record struct ExchangeFill(string Session, string ClOrdId, string ExecId, Side Side, long PriceTicks, long Lots, decimal Fee);

using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Venue;

/// <summary>One of our orders as the FIX venue tracks it between NewOrderSingle and its last report.</summary>
internal sealed class LiveOrder(string clOrdId, long engineOrderId, Side side, long lots, long? limitTicks)
{
    /// <summary>The ClOrdID in force (a replace gives the order a new one).</summary>
    public string ClOrdId { get; set; } = clOrdId;
    public long EngineOrderId { get; } = engineOrderId;
    public Side Side { get; } = side;
    public long Lots { get; set; } = lots;
    public long? LimitTicks { get; set; } = limitTicks;
    public long CumLots { get; set; }
    /// <summary>The venue's OrderID (37), once acknowledged.</summary>
    public string? OrderId { get; set; }
    /// <summary>The ClOrdID of a cancel sent and not yet answered.</summary>
    public string? PendingCancel { get; set; }
    public (string ClOrdId, long Lots, long LimitTicks)? PendingReplace { get; set; }
}

/// <summary>A fill as the venue reported it (the run's record, compared with the venue's own in tests).</summary>
public readonly record struct VenueFill(string ClOrdId, string ExecId, Side Side, long PriceTicks, long Lots, decimal Fee, long Ts);

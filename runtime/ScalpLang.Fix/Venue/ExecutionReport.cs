using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Venue;

/// <summary>What an ExecutionReport (35=8) says happened to an order.</summary>
public enum ExecutionKind : byte
{
    New = 1,
    Trade = 2,
    Canceled = 3,
    Replaced = 4,
    Rejected = 5,
    Expired = 6,
    /// <summary>Status, restatement, pending states, done for day: nothing for the engine to book.</summary>
    Other = 7,
}

/// <summary>
/// An ExecutionReport in the engine's units: quantities in lots, prices in ticks (converted
/// exactly, or the report is refused), times in Unix ns. Read on the session's I/O thread and
/// handed to the engine thread, so it owns its strings.
/// </summary>
public sealed record ExecutionReport(
    string ClOrdId,
    string? OrigClOrdId,
    string OrderId,
    string ExecId,
    ExecutionKind Kind,
    char ExecType,
    char OrdStatus,
    Side Side,
    long LastLots,
    long LastPriceTicks,
    long LeavesLots,
    long CumLots,
    decimal AveragePrice,
    decimal Fee,
    long TransactTime,
    string? Text)
{
    /// <summary>Nothing is left to fill or cancel (filled, cancelled, rejected, expired, or no leaves).</summary>
    public bool Closes => Kind is ExecutionKind.Canceled or ExecutionKind.Rejected or ExecutionKind.Expired
        || OrdStatus is '2' or '4' or '8' or 'C' || (Kind == ExecutionKind.Trade && LeavesLots == 0);
}

/// <summary>An OrderCancelReject (35=9): the cancel or replace of <see cref="OrigClOrdId"/> was refused.</summary>
public sealed record CancelReject(
    string ClOrdId,
    string OrigClOrdId,
    string OrderId,
    char OrdStatus,
    bool ForReplace,
    int? Reason,
    string? Text)
{
    /// <summary>The order is known to be done (filled, cancelled, rejected) or unknown to the venue: it is not open any more.</summary>
    public bool OrderGone => OrdStatus is '2' or '4' or '8' or 'C' || Reason == 1;
}

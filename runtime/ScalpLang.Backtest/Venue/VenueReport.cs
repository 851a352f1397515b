using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

public enum VenueReportKind : byte
{
    /// <summary>The order reached the venue and was accepted (the ack).</summary>
    Accepted = 1,

    /// <summary>The order was refused; <see cref="VenueReport.Reject"/> says why.</summary>
    Rejected = 2,

    /// <summary>Some or all of the order traded.</summary>
    Filled = 3,

    /// <summary>The order (or its remainder) left the book; <see cref="VenueReport.CancelReason"/> says why.</summary>
    Cancelled = 4,

    /// <summary>A cancel request was refused (the order is unknown or already done).</summary>
    CancelRejected = 5,
}

public enum RejectCode : byte
{
    None = 0,
    InvalidQuantity = 1,
    InvalidPrice = 2,
    PriceBand = 3,
    OrderRate = 4,
    UnknownOrder = 5,
    OrderClosed = 6,
    SelfTrade = 7,
    TradingHalted = 8,
}

public enum CancelReason : byte
{
    None = 0,
    Requested = 1,
    CancelAll = 2,

    /// <summary>The unfilled rest of an IOC limit order.</summary>
    ImmediateOrCancel = 3,

    /// <summary>The unfilled rest of a market order: the book (or the price band) ran out.</summary>
    NoLiquidity = 4,
}

/// <summary>
/// What the venue tells the strategy about its order, delivered at <see cref="TsArrive"/>. A
/// value with numeric context instead of a message string, so the hot path allocates nothing;
/// <see cref="Reason"/> formats the nautilus_trader-style <c>CODE: key=value</c> text on demand.
/// </summary>
public readonly record struct VenueReport(
    VenueReportKind Kind,
    long OrderId,
    Side Side,
    long TsVenue,
    long TsArrive,
    long PriceTicks = 0,
    long Lots = 0,
    long LeavesLots = 0,
    Liquidity Liquidity = Liquidity.None,
    decimal Fee = 0,
    RejectCode Reject = RejectCode.None,
    CancelReason CancelReason = CancelReason.None,
    long Context1 = 0,
    long Context2 = 0,
    long Context3 = 0)
{
    /// <summary>Why a reject or a cancel happened, as <c>CODE: key=value ...</c>; empty for acks and fills.</summary>
    public string Reason => Kind switch
    {
        VenueReportKind.Rejected or VenueReportKind.CancelRejected => Reject switch
        {
            RejectCode.InvalidQuantity => $"INVALID_QUANTITY: lots={Context1}",
            RejectCode.InvalidPrice => $"INVALID_PRICE: price={Context1}",
            RejectCode.PriceBand => $"PRICE_OUTSIDE_BAND: price={Context1} reference_x2={Context2} band_x2={Context3}",
            RejectCode.OrderRate => $"MAX_ORDER_RATE_EXCEEDED: orders={Context1} window_ns={Context2}",
            RejectCode.UnknownOrder => $"UNKNOWN_ORDER: order={OrderId}",
            RejectCode.OrderClosed => $"ORDER_CLOSED: order={OrderId}",
            RejectCode.SelfTrade => $"SELF_TRADE_PREVENTED: price={Context1} own_order={Context2}",
            RejectCode.TradingHalted => $"TRADING_HALTED: status={(TradingStatus)Context1}",
            _ => "REJECTED",
        },
        VenueReportKind.Cancelled => CancelReason switch
        {
            CancelReason.Requested => "CANCELLED",
            CancelReason.CancelAll => "CANCELLED: cancel_all",
            CancelReason.ImmediateOrCancel => $"IOC_REMAINDER: leaves={Lots}",
            CancelReason.NoLiquidity => $"NO_LIQUIDITY: leaves={Lots}",
            _ => "CANCELLED",
        },
        _ => "",
    };

    public override string ToString() => Kind switch
    {
        VenueReportKind.Filled => $"{TsArrive} Filled #{OrderId} {Side} {Lots}@{PriceTicks} {Liquidity} fee={Fee} leaves={LeavesLots}",
        VenueReportKind.Accepted => $"{TsArrive} Accepted #{OrderId}",
        _ => $"{TsArrive} {Kind} #{OrderId} {Reason}",
    };
}

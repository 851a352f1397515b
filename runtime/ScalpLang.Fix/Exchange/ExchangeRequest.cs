using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Exchange;

/// <summary>
/// A client's message, read on its session's I/O thread and queued for the exchange thread
/// (the one thread that touches the simulated venue). Raw wire values: the exchange checks them.
/// </summary>
internal abstract record ExchangeRequest(FixSession Session);

internal sealed record NewOrderRequest(FixSession Session, string ClOrdId, string Symbol, char Side, char OrdType, decimal? Quantity,
    decimal? Price, char TimeInForce) : ExchangeRequest(Session);

internal sealed record CancelOrderRequest(FixSession Session, string ClOrdId, string OrigClOrdId) : ExchangeRequest(Session);

internal sealed record ReplaceOrderRequest(FixSession Session, string ClOrdId, string OrigClOrdId, char OrdType, decimal? Quantity, decimal? Price)
    : ExchangeRequest(Session);

internal sealed record MarketDataSubscription(FixSession Session, string MdReqId, char RequestType, IReadOnlyList<string> Symbols, int MsgSeqNum)
    : ExchangeRequest(Session);

/// <summary>The session logged out or lost its connection: its orders are cancelled, its subscriptions dropped.</summary>
internal sealed record SessionGone(FixSession Session) : ExchangeRequest(Session);

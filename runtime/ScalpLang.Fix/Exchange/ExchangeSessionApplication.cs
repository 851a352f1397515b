using System.Collections.Concurrent;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Exchange;

/// <summary>
/// The paper exchange's side of its client sessions: reads NewOrderSingle, OrderCancelRequest,
/// OrderCancelReplaceRequest and MarketDataRequest into requests for the exchange thread (the
/// session's dictionary has already checked required fields and formats). Anything else gets
/// the session's BusinessMessageReject (Unsupported Message Type).
/// </summary>
internal sealed class ExchangeSessionApplication : ISessionApplication
{
    public BlockingCollection<ExchangeRequest> Requests { get; } = [];

    public void OnLogout(FixSession session) => Requests.Add(new SessionGone(session));

    public ApplicationResult FromApp(FixSession session, FixMessage message)
    {
        var type = message.MsgType;
        switch (type.Length == 1 ? (char)type[0] : '\0')
        {
            case 'D':
                Requests.Add(new NewOrderRequest(session, message.GetString(FixTag.ClOrdID) ?? "", message.GetString(FixTag.Symbol) ?? "",
                    Char(message, FixTag.Side), Char(message, FixTag.OrdType),
                    message.TryGetDecimal(FixTag.OrderQty, out var qty) ? qty : null,
                    message.TryGetDecimal(FixTag.Price, out var px) ? px : null,
                    message.TryGetChar(FixTag.TimeInForce, out var tif) ? tif : '0'));
                return ApplicationResult.Handled;
            case 'F':
                Requests.Add(new CancelOrderRequest(session, message.GetString(FixTag.ClOrdID) ?? "", message.GetString(FixTag.OrigClOrdID) ?? ""));
                return ApplicationResult.Handled;
            case 'G':
                Requests.Add(new ReplaceOrderRequest(session, message.GetString(FixTag.ClOrdID) ?? "", message.GetString(FixTag.OrigClOrdID) ?? "",
                    Char(message, FixTag.OrdType), message.TryGetDecimal(FixTag.OrderQty, out var newQty) ? newQty : null,
                    message.TryGetDecimal(FixTag.Price, out var newPx) ? newPx : null));
                return ApplicationResult.Handled;
            case 'V':
                var symbols = new List<string>();
                foreach (var entry in message.GetGroup(FixTag.NoRelatedSym))
                    symbols.Add(entry.GetString(FixTag.Symbol) ?? "");
                message.TryGetInt(FixTag.MsgSeqNum, out var seq);
                Requests.Add(new MarketDataSubscription(session, message.GetString(FixTag.MDReqID) ?? "",
                    Char(message, FixTag.SubscriptionRequestType), symbols, seq));
                return ApplicationResult.Handled;
            default:
                return ApplicationResult.UnsupportedMessageType;
        }
    }

    private static char Char(FixMessage message, int tag) => message.TryGetChar(tag, out var c) ? c : '\0';
}

using System.Collections.Concurrent;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Venue;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>
/// The paper exchange's answers on the wire, before any replay (an empty book): rejects with their
/// reasons, acknowledgements, cancels, cancel rejects, replaces and the refused subscription.
/// </summary>
public sealed class ExchangeResponseTests
{
    /// <summary>A client that records every application message it receives, as text with '|' for SOH.</summary>
    private sealed class RawClient : ISessionApplication
    {
        public BlockingCollection<string> Received { get; } = [];
        public BlockingCollection<bool> LoggedOn { get; } = [];
        public void OnLogon(FixSession session) => LoggedOn.Add(true);

        public ApplicationResult FromApp(FixSession session, FixMessage message)
        {
            Received.Add(message.ToString());
            return ApplicationResult.Handled;
        }

        public string Next()
        {
            Assert.True(Received.TryTake(out var message, TimeSpan.FromSeconds(10)), "the exchange did not answer within 10 s");
            return message;
        }
    }

    private static string F(string message, int tag) => VenueHarness.Field(message, tag) ?? "(none)";

    [Fact]
    public async Task Orders_cancels_replaces_and_subscriptions_get_the_documented_answers()
    {
        await using var harness = new PaperExchangeHarness();
        var client = new RawClient();
        var session = FixSessionFactory.Create(harness.Client(), client);
        var (running, error) = await FixLink.ConnectAsync(session, CancellationToken.None);
        Assert.Null(error);
        Assert.True(client.LoggedOn.TryTake(out _, TimeSpan.FromSeconds(10)), "no logon");
        var w = new FixMessageWriter();
        var units = new WireUnits(PaperExchangeHarness.Synthetic);
        var now = DateTime.UtcNow;

        void Order(string clOrdId, string symbol, char ordType, string qty, string? price)
        {
            w.Begin("FIX.4.4", "D").Field(FixTag.ClOrdID, clOrdId).Field(FixTag.Symbol, symbol).Field(FixTag.Side, '1')
                .Timestamp(FixTag.TransactTime, now).Field(FixTag.OrderQty, qty).Field(FixTag.OrdType, ordType);
            if (price is not null)
                w.Field(FixTag.Price, price);
            session.Send(w);
        }

        Order("P1", "SYN", '2', "1", "100.005");
        var reject = client.Next();
        Assert.Equal(("8", "8", "8", "99", "P1"), (F(reject, 35), F(reject, 150), F(reject, 39), F(reject, 103), F(reject, 11)));
        Assert.Equal("price 100.005 is not on the tick grid of SYN (tick size 0.01)", F(reject, 58));

        Order("P2", "OTHER", '2', "1", "100.00");
        reject = client.Next();
        Assert.Equal(("8", "1", "unknown symbol OTHER: this exchange trades SYN"), (F(reject, 150), F(reject, 103), F(reject, 58)));

        Order("A", "SYN", '2', "2", "99.00");
        var ack = client.Next();
        Assert.Equal(("0", "0", "A", "2", "0", "99.00", "2", "1"), (F(ack, 150), F(ack, 39), F(ack, 11), F(ack, 151), F(ack, 14), F(ack, 44), F(ack, 38), F(ack, 54)));
        var orderId = F(ack, 37);

        Order("A", "SYN", '2', "1", "99.00");
        Assert.Equal(("8", "6", "duplicate ClOrdID A"), (F(reject = client.Next(), 150), F(reject, 103), F(reject, 58)));

        session.Send(OrderMessages.CancelRequest(w, "FIX.4.4", "C1", "A", orderId, units, Runtime.Model.Side.Buy, 2, now));
        var canceled = client.Next();
        Assert.Equal(("4", "4", "C1", "A", orderId, "0"), (F(canceled, 150), F(canceled, 39), F(canceled, 11), F(canceled, 41), F(canceled, 37), F(canceled, 151)));

        session.Send(OrderMessages.CancelRequest(w, "FIX.4.4", "C2", "A", orderId, units, Runtime.Model.Side.Buy, 2, now));
        var late = client.Next();
        Assert.Equal(("9", "C2", "A", "4", "1", "0"), (F(late, 35), F(late, 11), F(late, 41), F(late, 39), F(late, 434), F(late, 102)));

        session.Send(OrderMessages.CancelRequest(w, "FIX.4.4", "C3", "NOPE", null, units, Runtime.Model.Side.Buy, 1, now));
        var unknown = client.Next();
        Assert.Equal(("9", "1", "unknown order NOPE"), (F(unknown, 35), F(unknown, 102), F(unknown, 58)));

        session.Send(OrderMessages.CancelReplaceRequest(w, "FIX.4.4", "R1", "A", orderId, units, Runtime.Model.Side.Buy, 1, 9900, now));
        var tooLate = client.Next();
        Assert.Equal(("9", "2", "R1", "0", "too late to replace: the order is closed"), (F(tooLate, 35), F(tooLate, 434), F(tooLate, 11), F(tooLate, 102), F(tooLate, 58)));

        // A replace: the order gets its new size, price and ClOrdID, and keeps its OrderID.
        Order("B", "SYN", '2', "2", "99.00");
        var bOrderId = F(client.Next(), 37);
        session.Send(OrderMessages.CancelReplaceRequest(w, "FIX.4.4", "R2", "B", bOrderId, units, Runtime.Model.Side.Buy, 3, 9901, now));
        var replaced = client.Next();
        Assert.Equal(("8", "5", "0", "R2", "B", bOrderId, "3", "99.01", "3", "0"), (F(replaced, 35), F(replaced, 150), F(replaced, 39), F(replaced, 11),
            F(replaced, 41), F(replaced, 37), F(replaced, 38), F(replaced, 44), F(replaced, 151), F(replaced, 14)));
        session.Send(OrderMessages.CancelRequest(w, "FIX.4.4", "C4", "R2", bOrderId, units, Runtime.Model.Side.Buy, 3, now));
        var canceledReplacement = client.Next();
        Assert.Equal(("4", "C4", "R2"), (F(canceledReplacement, 150), F(canceledReplacement, 11), F(canceledReplacement, 41)));

        Order("M", "SYN", '1', "1", null);
        Assert.Equal("0", F(client.Next(), 150));
        var noLiquidity = client.Next();
        Assert.Equal(("4", "M", "NO_LIQUIDITY: leaves=1"), (F(noLiquidity, 150), F(noLiquidity, 11), F(noLiquidity, 58)));

        session.Send(OrderMessages.MarketDataSubscribe(w, "FIX.4.4", "MD", "OTHER"));
        var refused = client.Next();
        Assert.Equal(("j", "V", "2"), (F(refused, 35), F(refused, 372), F(refused, 380)));
        Assert.Equal("unknown security OTHER: this exchange trades SYN", F(refused, 58));

        Assert.Equal(6, harness.Exchange.OrdersReceived);
        session.Logout("done");
        await running!.WaitAsync(TimeSpan.FromSeconds(10));
        session.Store.Dispose();
    }
}

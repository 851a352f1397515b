using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Tests.Infrastructure;
using ScalpLang.Fix.Transport;
using Xunit.Abstractions;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>
/// The QuickFIX executor stops (logging us out) and starts again on the same store while our
/// initiator keeps sending: numbers carry on on both sides, and the orders sent meanwhile reach
/// QuickFIX through its ResendRequest as PossDup resends, and are filled.
/// </summary>
public sealed class RecoveryTests(ITestOutputHelper output) : ExecutorFixture(output)
{
    [SharedFact(SharedDictionaries.Fix44Path)]
    public async Task Orders_sent_while_QuickFix_restarts_are_resent_on_its_request_and_numbers_carry_on()
    {
        var port = InteropConfig.FreePort();
        var cfg = InteropConfig.WriteQuickFix(Folder.Path, "acceptor", "SocketAcceptPort=" + InteropConfig.Port(port));
        var first = await StartExecutor(cfg);
        var app = new CollectingApplication();
        var session = InteropConfig.OurSession(Folder.Path, "initiator", $"SocketConnectHost=127.0.0.1\nSocketConnectPort={port}", app);
        var writer = new FixMessageWriter();
        var before = InteropOrders.Five[..2];
        var during = InteropOrders.Five[2..4];
        await using (var initiator = new FixInitiator(session))
        {
            initiator.Start();
            await Eventually(() => session.IsLoggedOn, "logon");
            foreach (var order in before)
                Assert.True(session.Send(order.Write(writer)));
            await Eventually(() => app.Received.Count >= 4, "4 ExecutionReports");

            // QuickFIX stops: it logs us out (we answer with Logout 4) and goes away.
            Assert.Equal(0, await first.Stop());
            await Eventually(() => !session.IsConnected, "our side disconnected");
            foreach (var order in during)
                Assert.False(session.Send(order.Write(writer)), "sent while disconnected?");  // stored as 5 and 6

            var second = await StartExecutor(cfg);
            await Eventually(() => app.Received.Count >= 8, "the ExecutionReports for the orders sent meanwhile", 20);
            await Task.Delay(200);
            InteropOrders.CheckFills([.. before, .. during], app.Received);

            // QuickFIX asks for everything after the last message it processed (our Logout); our
            // Logon carries on (no reset), and the resend covers every number below it: both
            // orders as PossDup resends, gap fills for the rest (e.g. the Logon of an attempt
            // that reached the dying executor's listen queue).
            var expected = first.Messages("IN")[^1].SeqNum + 1;
            var theirIn = second.Messages("IN");
            var logon = theirIn.First(m => m.MsgType == "A");
            Assert.False(logon.Has(141), "our Logon reset the numbers");
            var resendRequest = second.Messages("OUT").Single(m => m.MsgType == "2");
            Assert.Equal((expected.ToString(System.Globalization.CultureInfo.InvariantCulture), "0"), (resendRequest[7], resendRequest[16]));
            var resent = theirIn.Where(m => m.MsgType == "D").ToList();
            Assert.Equal(during.Select(o => o.ClOrdId), resent.Select(m => m[11]));
            Assert.All(resent, m => Assert.True(m[43] == "Y" && m.Has(122), $"not a PossDup resend with OrigSendingTime: {m}"));
            var covered = resent.Select(m => m.SeqNum).ToList();
            foreach (var gapFill in theirIn.Where(m => m.MsgType == "4"))
            {
                Assert.Equal("Y", gapFill[123]);
                covered.AddRange(Enumerable.Range(gapFill.SeqNum, int.Parse(gapFill[36]!, System.Globalization.CultureInfo.InvariantCulture) - gapFill.SeqNum));
            }
            Assert.Equal(Enumerable.Range(expected, logon.SeqNum - expected), covered.Order());

            // QuickFIX's numbers carry on too: its second Logon follows its first run's last message.
            var firstRunLast = first.Messages("OUT")[^1];
            Assert.Equal("5", firstRunLast.MsgType);
            Assert.Equal(firstRunLast.SeqNum + 1, second.Messages("OUT").First(m => m.MsgType == "A").SeqNum);
            Assert.DoesNotContain(second.Messages("OUT").Concat(theirIn), m => m.MsgType is "3" or "j");

            session.Logout();
            await Eventually(() => !session.IsConnected, "our side disconnected after Logout");
            await second.WaitForLine(l => l.StartsWith("LOGOUT ", StringComparison.Ordinal));
            Assert.Equal(0, await second.Stop());
        }
        Assert.Equal((2, 2), (app.Logons, app.Logouts));
        session.Store.Dispose();
    }
}

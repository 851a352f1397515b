using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Tests.Infrastructure;
using ScalpLang.Fix.Transport;
using Xunit.Abstractions;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>Our FixInitiator against QuickFIX C++'s executor (quickfix/executor.cpp) over loopback.</summary>
public sealed class OurInitiatorTests(ITestOutputHelper output) : ExecutorFixture(output)
{
    private static List<FixFields> Orders(QuickFixProcess executor) => executor.Messages("IN").Where(m => m.MsgType == "D").ToList();

    [SharedFact(SharedDictionaries.Fix44Path)]
    public async Task Orders_to_a_QuickFix_executor_come_back_filled_field_by_field()
    {
        var port = InteropConfig.FreePort();
        var executor = await StartExecutor(InteropConfig.WriteQuickFix(Folder.Path, "acceptor", "SocketAcceptPort=" + InteropConfig.Port(port)));
        var app = new CollectingApplication();
        var session = InteropConfig.OurSession(Folder.Path, "initiator", $"SocketConnectHost=127.0.0.1\nSocketConnectPort={port}", app);
        await using (var initiator = new FixInitiator(session))
        {
            initiator.Start();
            await Eventually(() => session.IsLoggedOn, "logon");
            var writer = new FixMessageWriter();
            foreach (var order in InteropOrders.Five)
                Assert.True(session.Send(order.Write(writer)));
            await Eventually(() => app.Received.Count >= 10, "10 ExecutionReports");
            await Task.Delay(200);  // nothing more may come

            InteropOrders.CheckFills(InteropOrders.Five, app.Received);
            // Numbers: our Logon 1, orders 2-6; their Logon 1, reports 2-11, each side in step.
            var orders = Orders(executor);
            Assert.Equal(InteropOrders.Five.Select(o => o.ClOrdId), orders.Select(o => o[11]));
            InteropOrders.CheckConsecutive(orders, 2, "orders as QuickFIX received them");
            InteropOrders.CheckConsecutive(app.Received, 2, "ExecutionReports as we received them");
            Assert.Equal(7, session.NextSenderMsgSeqNum);
            Assert.Equal(12, session.NextTargetMsgSeqNum);

            session.Logout();
            await Eventually(() => !session.IsConnected, "our side disconnected after Logout");
            await executor.WaitForLine(l => l.StartsWith("LOGOUT ", StringComparison.Ordinal));
        }
        Assert.Equal((1, 1), (app.Logons, app.Logouts));
        var theirs = executor.Messages("OUT");
        Assert.Equal("5", executor.Messages("IN")[^1].MsgType);  // our Logout, answered:
        Assert.Equal("5", theirs[^1].MsgType);
        Assert.DoesNotContain(theirs.Concat(executor.Messages("IN")), m => m.MsgType is "3" or "j");
        Assert.Equal(0, await executor.Stop());
        session.Store.Dispose();
    }
}

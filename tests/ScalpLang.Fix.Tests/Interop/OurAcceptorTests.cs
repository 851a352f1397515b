using ScalpLang.Fix.Tests.Infrastructure;
using ScalpLang.Fix.Tests.Store;
using ScalpLang.Fix.Transport;
using Xunit.Abstractions;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>QuickFIX C++'s initiator (quickfix/initiator.cpp) against our FixAcceptor and <see cref="ExecutorApplication"/>.</summary>
public sealed class OurAcceptorTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SharedFact(SharedDictionaries.Fix44Path)]
    public async Task A_QuickFix_initiator_gets_our_fills_field_by_field()
    {
        var app = new ExecutorApplication();
        var session = InteropConfig.OurSession(_folder.Path, "acceptor", "SocketAcceptHost=127.0.0.1\nSocketAcceptPort=0", app);
        await using var acceptor = new FixAcceptor([session]);
        acceptor.Start();
        var port = acceptor.LocalEndPoints[0].Port;
        var cfg = InteropConfig.WriteQuickFix(_folder.Path, "initiator", $"SocketConnectHost=127.0.0.1\nSocketConnectPort={port}");

        using var client = new QuickFixProcess(QuickFixBuild.Initiator, [cfg, "20", .. InteropOrders.Five.Select(o => o.Spec)], output);
        var exit = await client.WaitForExit(30);
        Assert.True(exit == 0, $"the QuickFIX initiator exited {exit}:\n{string.Join('\n', client.Lines)}");
        Assert.Equal("DONE", client.Lines[^1]);

        var received = client.Messages("IN");
        var sent = client.Messages("OUT");
        InteropOrders.CheckFills(InteropOrders.Five, received.Where(m => m.MsgType == "8").ToList());
        // Numbers: their Logon 1, orders 2-6, Logout 7; ours: Logon 1, reports 2-11, Logout 12.
        Assert.Equal(["A", "D", "D", "D", "D", "D", "5"], sent.Select(m => m.MsgType));
        Assert.Equal(InteropOrders.Five.Select(o => o.ClOrdId), sent.Where(m => m.MsgType == "D").Select(m => m[11]));
        InteropOrders.CheckConsecutive(sent, 1, "messages QuickFIX sent");
        Assert.Equal("A", received[0].MsgType);
        Assert.Equal("5", received[^1].MsgType);
        Assert.Equal(10, received.Count(m => m.MsgType == "8"));
        InteropOrders.CheckConsecutive(received, 1, "messages QuickFIX received");

        for (var i = 0; i < 100 && session.IsConnected; i++)
            await Task.Delay(50);
        Assert.False(session.IsConnected, "our acceptor still connected after the Logout");
        Assert.Equal((1, 1), (app.Logons, app.Logouts));
        Assert.Equal(5, app.Received.Count);
        Assert.Equal((13, 8), (session.NextSenderMsgSeqNum, session.NextTargetMsgSeqNum));
        session.Store.Dispose();
    }
}

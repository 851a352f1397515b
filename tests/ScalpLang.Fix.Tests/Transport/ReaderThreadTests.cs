using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Store;
using ScalpLang.Fix.Tests.Session;
using ScalpLang.Fix.Transport;

namespace ScalpLang.Fix.Tests.Transport;

/// <summary>
/// The receive path runs on a thread of the connection's own, blocked in a synchronous read, not on
/// the thread pool: that is what keeps a loopback round trip near the raw-socket floor
/// (tests/ScalpLang.Fix.Benchmarks, --roundtrip).
/// </summary>
public sealed class ReaderThreadTests
{
    // Notes the thread of each callback; the acceptor's answers each order with one of its own.
    private sealed class ThreadRecordingApplication(bool answer) : ISessionApplication
    {
        public List<(string? Name, bool PoolThread)> Threads { get; } = [];

        public ApplicationResult FromApp(FixSession session, FixMessage message)
        {
            lock (Threads)
                Threads.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
            if (answer)
                session.Send(Order("ANSWER"));
            return ApplicationResult.Handled;
        }
    }

    private static FixMessageWriter Order(string id) => new FixMessageWriter().Begin("FIX.4.4", "D").Field(11, id).Field(21, '1')
        .Field(38, 100).Field(40, '1').Field(54, '1').Field(55, "AAPL").Timestamp(60, DateTime.UtcNow);

    [Fact]
    public async Task Both_sides_handle_messages_on_their_connections_reader_thread()
    {
        var acceptorApp = new ThreadRecordingApplication(answer: true);
        await using var acceptor = new LoopbackAcceptor(application: acceptorApp);
        var app = new ThreadRecordingApplication(answer: false);
        var session = new FixSession(SessionHarness.Initiator() with { SocketConnectHost = "127.0.0.1", SocketConnectPort = acceptor.EndPoint.Port },
            new MemoryStore(DateTime.UtcNow), FixDictionary.Fix44, app);
        await using var initiator = new FixInitiator(session);
        initiator.Start();
        for (var i = 0; i < 200 && !(session.IsLoggedOn && acceptor.Session.IsLoggedOn); i++)
            await Task.Delay(50);
        Assert.True(session.IsLoggedOn, "no logon");
        Assert.True(session.Send(Order("ORD1")));
        for (var i = 0; i < 200 && app.Threads.Count == 0; i++)
            await Task.Delay(50);
        Assert.Equal([("FIX reader", false)], acceptorApp.Threads);
        Assert.Equal([("FIX reader", false)], app.Threads);
    }
}

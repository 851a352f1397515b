using System.Globalization;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Store;
using ScalpLang.Fix.Transport;

namespace ScalpLang.Fix.Tests.Infrastructure;

/// <summary>
/// The test assembly's entry point, used only when a test starts this assembly as a child
/// process (the test host never calls it): <c>fix-order-sender PORT STORE ORDERS</c> runs an
/// initiator on a file store that logs on to 127.0.0.1:PORT and sends ORDERS NewOrderSingles
/// (ORDERS 0: none), printing what it does, until it is killed.
/// </summary>
public static class ChildProgram
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 4 && args[0] == "fix-order-sender")
            return OrderSender(int.Parse(args[1], CultureInfo.InvariantCulture), args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
        Console.Error.WriteLine("usage: fix-order-sender PORT STORE ORDERS");
        return 2;
    }

    private sealed class Quiet : ISessionApplication
    {
        public ApplicationResult FromApp(FixSession session, FixMessage message) => ApplicationResult.Handled;
    }

    private static int OrderSender(int port, string storePath, int orders)
    {
        var settings = new SessionSettings
        {
            Id = new SessionId("FIX.4.4", "TW", "ISLD"),
            ConnectionType = ConnectionType.Initiator,
            SocketConnectHost = "127.0.0.1",
            SocketConnectPort = port,
            ReconnectInterval = TimeSpan.FromSeconds(1),
            HeartBtInt = 30,
        };
        var store = FileStore.Open(storePath, new FileStoreOptions { Fsync = FsyncPolicy.Never });
        var stored = 0;
        store.Get(1, int.MaxValue, (_, _) => stored++);
        Console.WriteLine(FormattableString.Invariant($"RECOVERED next={store.NextSenderMsgSeqNum} stored={stored}"));
        var session = new FixSession(settings, store, FixDictionary.Fix44, new Quiet());
        var initiator = new FixInitiator(session);
        initiator.Start();
        while (!session.IsLoggedOn)
            Thread.Sleep(10);
        Console.WriteLine("LOGGEDON");
        var writer = new FixMessageWriter();
        for (var i = stored + 1; i <= stored + orders; i++)
        {
            session.Send(writer.Begin("FIX.4.4", "D").Field(11, "ORD" + i.ToString(CultureInfo.InvariantCulture)).Field(21, '1')
                .Field(38, 100).Field(40, '1').Field(54, '1').Field(55, "AAPL").Timestamp(60, DateTime.UtcNow));
            Console.WriteLine(FormattableString.Invariant($"SENT {i}"));
            Thread.Sleep(2);
        }
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}

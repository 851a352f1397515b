using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Store;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests.Session;

/// <summary>The session's steady state (orders in, TestRequests answered, heartbeats out) allocates nothing per message.</summary>
public class SessionAllocationTests
{
    private sealed class NullTransport : ISessionTransport
    {
        public long Bytes;
        public void Send(ReadOnlySpan<byte> message) => Bytes += message.Length;
        public void Disconnect(string reason) => throw new InvalidOperationException(reason);
    }

    private sealed class NullApplication : ISessionApplication
    {
        public int Orders;
        public ApplicationResult FromApp(FixSession session, FixMessage message)
        {
            Orders++;
            return ApplicationResult.Handled;
        }
    }

    [Fact]
    public void Receiving_and_answering_allocates_nothing_per_message()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.Zero));
        var app = new NullApplication();
        var session = new FixSession(SessionHarness.Acceptor(), new MemoryStore(clock.Now.UtcDateTime), FixDictionary.Fix44, app, clock);
        var transport = new NullTransport();
        Assert.True(session.Connected(transport));
        var writer = new FixMessageWriter();
        var buffer = new byte[1024];
        var message = new FixMessage();
        var seq = 1;
        var now = clock.Now.UtcDateTime;

        void Feed(FixMessageWriter w)
        {
            w.Header(FixTag.MsgSeqNum, seq++).Header(FixTag.SenderCompID, "TW"u8).Header(FixTag.TargetCompID, "ISLD"u8)
                .HeaderTimestamp(FixTag.SendingTime, now);
            var length = w.WriteTo(buffer);
            Assert.True(session.Parser.TryParse(buffer.AsSpan(0, length), message, out _));
            session.Receive(message);
        }

        Feed(writer.Begin("FIX.4.4"u8, "A"u8).Field(FixTag.EncryptMethod, 0).Field(FixTag.HeartBtInt, 30));
        Assert.True(session.IsLoggedOn);

        void Run()
        {
            Feed(writer.Begin("FIX.4.4"u8, "D"u8).Field(FixTag.ClOrdID, "ORD"u8).Field(FixTag.HandlInst, '1')
                .Field(FixTag.OrderQty, 100).Field(FixTag.OrdType, '1').Field(FixTag.Side, '1').Field(FixTag.Symbol, "AAPL"u8)
                .Timestamp(FixTag.TransactTime, now));
            Feed(writer.Begin("FIX.4.4"u8, "1"u8).Field(FixTag.TestReqID, "PING"u8));
            session.Tick();
        }

        for (var i = 0; i < 200; i++)
            Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(1200, app.Orders);
        Assert.Equal(seq, session.NextTargetMsgSeqNum);
        Assert.Equal(1202, session.NextSenderMsgSeqNum); // the Logon reply and one Heartbeat per TestRequest
    }
}

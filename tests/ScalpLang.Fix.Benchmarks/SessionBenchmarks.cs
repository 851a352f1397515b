using BenchmarkDotNet.Attributes;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Store;

namespace ScalpLang.Fix.Benchmarks;

/// <summary>
/// The session layer without sockets, FIX 4.4 with the engine's dictionary: "receive order" is
/// parse + validate + sequence/CompID/SendingTime checks + the application callback for one
/// NewOrderSingle; "send order" numbers, stamps, stores (in memory, which copies the bytes) and
/// hands one NewOrderSingle to the transport.
/// </summary>
public class SessionBenchmarks
{
    private sealed class NullTransport : ISessionTransport
    {
        public void Send(ReadOnlySpan<byte> message) { }
        public void Disconnect(string reason) => throw new InvalidOperationException(reason);
    }

    private sealed class NullApplication : ISessionApplication
    {
        public ApplicationResult FromApp(FixSession session, FixMessage message) => ApplicationResult.Handled;
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTime Now = new(2026, 11, 25, 14, 30, 0, 123, DateTimeKind.Utc);
    private readonly FixMessageWriter _writer = new();
    private readonly FixMessage _message = new();
    private readonly byte[] _buffer = new byte[1024];
    private FixSession _session = null!;
    private int _seq;

    [GlobalSetup]
    public void Setup()
    {
        var settings = new SessionSettings { Id = new SessionId("FIX.4.4", "ISLD", "TW"), ConnectionType = ConnectionType.Acceptor };
        _session = new FixSession(settings, new MemoryStore(Now), FixDictionary.Fix44, new NullApplication(), new FrozenClock(new DateTimeOffset(Now)));
        _session.Connected(new NullTransport());
        _seq = 1;
        Feed(_writer.Begin("FIX.4.4"u8, "A"u8).Field(FixTag.EncryptMethod, 0).Field(FixTag.HeartBtInt, 30));
        if (!_session.IsLoggedOn)
            throw new InvalidOperationException("no logon");
    }

    private void Feed(FixMessageWriter w)
    {
        w.Header(FixTag.MsgSeqNum, _seq++).Header(FixTag.SenderCompID, "TW"u8).Header(FixTag.TargetCompID, "ISLD"u8)
            .HeaderTimestamp(FixTag.SendingTime, Now);
        var length = w.WriteTo(_buffer);
        if (!_session.Parser.TryParse(_buffer.AsSpan(0, length), _message, out var error))
            throw new InvalidOperationException(error.ToString());
        _session.Receive(_message);
    }

    private FixMessageWriter Order() => _writer.Begin("FIX.4.4"u8, "D"u8).Field(FixTag.ClOrdID, "ORD-1"u8).Field(FixTag.HandlInst, '1')
        .Field(FixTag.OrderQty, 100).Field(FixTag.OrdType, '2').Field(FixTag.Price, 187.25m).Field(FixTag.Side, '1')
        .Field(FixTag.Symbol, "AAPL"u8).Timestamp(FixTag.TransactTime, Now);

    [Benchmark(Description = "receive order")]
    public void ReceiveOrder() => Feed(Order());

    [Benchmark(Description = "send order")]
    public bool SendOrder() => _session.Send(Order());
}

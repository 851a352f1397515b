using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests;

/// <summary>
/// The hot path allocates nothing once warmed: framing, parsing, validating and reading a
/// NewOrderSingle and an ExecutionReport, and writing them. (Counts bytes, not time: timings
/// belong to tests/ScalpLang.Fix.Benchmarks.)
/// </summary>
public class AllocationTests
{
    [Theory]
    [InlineData("FIX.4.4 NewOrderSingle")]
    [InlineData("FIX.4.4 ExecutionReport")]
    [InlineData("FIX.4.2 NewOrderSingle")]
    [InlineData("FIX.4.2 ExecutionReport")]
    [InlineData("FIX.4.4 MarketDataIncrementalRefresh")]
    public void Parse_validate_and_read_allocate_nothing(string key)
    {
        var sample = Samples.Get(key);
        var bytes = sample.Encode(new FixMessageWriter());
        var dictionary = FixDictionary.ForBeginString(sample.BeginString)!;
        var parser = new FixParser(dictionary);
        var framer = new FixFramer();
        var message = new FixMessage();
        decimal total = 0;

        void Run()
        {
            var frame = framer.Find(bytes);
            Assert.True(parser.TryParse(bytes.AsSpan(frame.Start, frame.Length), message, out _));
            Assert.False(dictionary.Validate(message).IsRejected);
            message.TryGetInt(FixTag.MsgSeqNum, out var seq);
            message.TryGetDecimal(FixTag.Price, out var price);
            message.TryGetChar(FixTag.Side, out var side);
            message.TryGetUtcTimestamp(FixTag.SendingTime, out var time);
            message.TryGetUtcTimestampUnixNanos(FixTag.TransactTime, out var nanos);
            foreach (var entry in message.GetGroup(FixTag.NoMDEntries))
                total += entry.TryGetDecimal(FixTag.MDEntryPx, out var px) ? px : 0;
            total += seq + price + side + time.Ticks % 7 + nanos % 7;
        }

        AssertNoAllocation(Run);
        Assert.NotEqual(0, total);
    }

    [Theory]
    [InlineData("FIX.4.4 NewOrderSingle")]
    [InlineData("FIX.4.4 ExecutionReport")]
    public void Writing_allocates_nothing(string key)
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.Zero));
        var writer = new FixMessageWriter(clock);
        var destination = new byte[1024];
        var sample = Samples.Get(key);
        var transactTime = new DateTime(2026, 11, 25, 14, 30, 0, 120, DateTimeKind.Utc);
        var written = 0;

        void Run()
        {
            writer.Begin("FIX.4.4"u8, sample.MsgType == "D" ? "D"u8 : "8"u8)
                .Header(FixTag.SenderCompID, "SCALP")
                .Header(FixTag.TargetCompID, "VENUE")
                .Header(FixTag.MsgSeqNum, 7)
                .SendingTime();
            writer.Field(FixTag.ClOrdID, "ORD-1")
                .Field(FixTag.Symbol, "AAPL"u8)
                .Field(FixTag.Side, '1')
                .Timestamp(FixTag.TransactTime, transactTime)
                .Field(FixTag.OrderQty, 100)
                .Field(FixTag.OrdType, '2')
                .Field(FixTag.Price, 187.25m);
            written += writer.WriteTo(destination);
        }

        AssertNoAllocation(Run);
        Assert.True(written > 0);
    }

    private static void AssertNoAllocation(Action run)
    {
        for (var i = 0; i < 200; i++)
            run(); // warm: buffers grow, the JIT settles
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}

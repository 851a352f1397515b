using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;

namespace ScalpLang.Fix.Benchmarks;

/// <summary>
/// Parse and write of the two messages on a trading engine's hot path, FIX 4.4 with the engine's
/// own dictionary: a 200-byte NewOrderSingle (with a Parties group) and a 246-byte
/// ExecutionReport. The baseline of each pair is the least any parser must do with the same
/// bytes: find every SOH (an IndexOf loop). "parse" frames nothing (the bytes are one message) but
/// checks BodyLength and CheckSum, splits the fields and builds the groups; "write" builds the
/// message from typed values and writes it with BodyLength and CheckSum into a caller's buffer.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CodecBenchmarks
{
    private static readonly DateTime SendingTime = new(2026, 11, 25, 14, 30, 0, 123, DateTimeKind.Utc);
    private static readonly DateTime TransactTime = new(2026, 11, 25, 14, 30, 0, 120, DateTimeKind.Utc);

    private readonly FixParser _parser = new(FixDictionary.Fix44);
    private readonly FixMessage _message = new();
    private readonly FixMessageWriter _writer = new();
    private readonly byte[] _output = new byte[1024];
    private byte[] _newOrderSingle = [];
    private byte[] _executionReport = [];

    [GlobalSetup]
    public void Setup()
    {
        _newOrderSingle = _writer.ToArrayOf(WriteNewOrderSingle);
        _executionReport = _writer.ToArrayOf(WriteExecutionReport);
        foreach (var bytes in new[] { _newOrderSingle, _executionReport })
        {
            if (!_parser.TryParse(bytes, _message, out var error))
                throw new InvalidOperationException(error.ToString());
            var reject = FixDictionary.Fix44.Validate(_message);
            if (reject.IsRejected)
                throw new InvalidOperationException(reject.ToString());
        }
    }

    [Benchmark(Baseline = true, Description = "scan for SOH (baseline)")]
    [BenchmarkCategory("NewOrderSingle")]
    public int ScanNewOrderSingle() => ScanSoh(_newOrderSingle);

    [Benchmark(Description = "parse")]
    [BenchmarkCategory("NewOrderSingle")]
    public int ParseNewOrderSingle() => Parse(_newOrderSingle);

    [Benchmark(Description = "parse + validate")]
    [BenchmarkCategory("NewOrderSingle")]
    public bool ParseValidateNewOrderSingle() => ParseValidate(_newOrderSingle);

    [Benchmark(Description = "write")]
    [BenchmarkCategory("NewOrderSingle")]
    public int WriteNewOrderSingle()
    {
        WriteNewOrderSingle(_writer);
        return _writer.WriteTo(_output);
    }

    [Benchmark(Baseline = true, Description = "scan for SOH (baseline)")]
    [BenchmarkCategory("ExecutionReport")]
    public int ScanExecutionReport() => ScanSoh(_executionReport);

    [Benchmark(Description = "parse")]
    [BenchmarkCategory("ExecutionReport")]
    public int ParseExecutionReport() => Parse(_executionReport);

    [Benchmark(Description = "parse + validate")]
    [BenchmarkCategory("ExecutionReport")]
    public bool ParseValidateExecutionReport() => ParseValidate(_executionReport);

    [Benchmark(Description = "write")]
    [BenchmarkCategory("ExecutionReport")]
    public int WriteExecutionReport()
    {
        WriteExecutionReport(_writer);
        return _writer.WriteTo(_output);
    }

    private static int ScanSoh(ReadOnlySpan<byte> bytes)
    {
        var fields = 0;
        var pos = 0;
        while (true)
        {
            var i = bytes[pos..].IndexOf(FixValue.Soh);
            if (i < 0)
                return fields;
            fields++;
            pos += i + 1;
        }
    }

    private int Parse(byte[] bytes)
    {
        _parser.TryParse(bytes, _message, out _);
        return _message.FieldCount;
    }

    private bool ParseValidate(byte[] bytes) =>
        _parser.TryParse(bytes, _message, out _) && !FixDictionary.Fix44.Validate(_message).IsRejected;

    private static void WriteNewOrderSingle(FixMessageWriter w) =>
        w.Begin("FIX.4.4"u8, "D"u8)
            .Header(FixTag.SenderCompID, "SCALP"u8)
            .Header(FixTag.TargetCompID, "VENUE"u8)
            .Header(FixTag.MsgSeqNum, 1207)
            .HeaderTimestamp(FixTag.SendingTime, SendingTime)
            .Field(FixTag.ClOrdID, "ORD-000001207"u8)
            .Field(FixTag.NoPartyIDs, 1)
            .Field(FixTag.PartyID, "TRADER1"u8)
            .Field(FixTag.PartyIDSource, 'D')
            .Field(FixTag.PartyRole, 11)
            .Field(FixTag.Account, "ACC-9"u8)
            .Field(FixTag.Symbol, "AAPL"u8)
            .Field(FixTag.Side, '1')
            .Timestamp(FixTag.TransactTime, TransactTime)
            .Field(FixTag.OrderQty, 100)
            .Field(FixTag.OrdType, '2')
            .Field(FixTag.Price, 187.25m)
            .Field(FixTag.TimeInForce, '0');

    private static void WriteExecutionReport(FixMessageWriter w) =>
        w.Begin("FIX.4.4"u8, "8"u8)
            .Header(FixTag.SenderCompID, "VENUE"u8)
            .Header(FixTag.TargetCompID, "SCALP"u8)
            .Header(FixTag.MsgSeqNum, 3311)
            .HeaderTimestamp(FixTag.SendingTime, SendingTime)
            .Field(FixTag.OrderID, "OID-88213"u8)
            .Field(FixTag.ClOrdID, "ORD-000001207"u8)
            .Field(FixTag.ExecID, "EXEC-559120"u8)
            .Field(FixTag.ExecType, 'F')
            .Field(FixTag.OrdStatus, '1')
            .Field(FixTag.Account, "ACC-9"u8)
            .Field(FixTag.Symbol, "AAPL"u8)
            .Field(FixTag.Side, '1')
            .Field(FixTag.OrderQty, 100)
            .Field(FixTag.OrdType, '2')
            .Field(FixTag.Price, 187.25m)
            .Field(FixTag.TimeInForce, '0')
            .Field(FixTag.LastQty, 40)
            .Field(FixTag.LastPx, 187.25m)
            .Field(FixTag.LeavesQty, 60)
            .Field(FixTag.CumQty, 40)
            .Field(FixTag.AvgPx, 187.25m)
            .Timestamp(FixTag.TransactTime, TransactTime);
}

internal static class WriterExtensions
{
    public static byte[] ToArrayOf(this FixMessageWriter writer, Action<FixMessageWriter> build)
    {
        build(writer);
        return writer.ToArray();
    }
}

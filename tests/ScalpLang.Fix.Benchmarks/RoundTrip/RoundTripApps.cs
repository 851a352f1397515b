using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Benchmarks.RoundTrip;

/// <summary>The acceptor side: every NewOrderSingle is answered at once with one filled ExecutionReport.</summary>
internal sealed class FillingApplication : ISessionApplication
{
    private readonly FixMessageWriter _writer = new();
    private long _execs;

    public ApplicationResult FromApp(FixSession session, FixMessage message)
    {
        if (!message.MsgType.SequenceEqual("D"u8))
            return ApplicationResult.UnsupportedMessageType;
        _execs++;
        session.Send(_writer.Begin("FIX.4.4", "8")
            .Field(37, _execs).Field(17, _execs).Field(150, 'F').Field(39, '2')
            .Field(11, message.GetValue(11)).Field(55, message.GetValue(55)).Field(54, message.GetValue(54))
            .Field(38, message.GetValue(38)).Field(40, message.GetValue(40)).Field(44, message.GetValue(44))
            .Field(151, 0m).Field(14, message.GetDecimal(38)).Field(6, message.GetDecimal(44))
            .Field(32, message.GetDecimal(38)).Field(31, message.GetDecimal(44)));
        return ApplicationResult.Handled;
    }
}

/// <summary>The initiator side: signals each ExecutionReport's arrival to the measuring loop.</summary>
internal sealed class SignallingApplication : ISessionApplication
{
    public SemaphoreSlim Reports { get; } = new(0);

    public ApplicationResult FromApp(FixSession session, FixMessage message)
    {
        if (message.MsgType.SequenceEqual("8"u8))
            Reports.Release();
        return ApplicationResult.Handled;
    }
}

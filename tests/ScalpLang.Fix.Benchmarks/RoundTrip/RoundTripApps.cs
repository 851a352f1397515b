using System.Diagnostics;
using System.Globalization;
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

/// <summary>
/// The initiator side: sends a NewOrderSingle, times the ExecutionReport's arrival and sends the
/// next order from the callback, as a strategy reacting to a fill would (and as the QuickFIX and
/// raw-socket rows do), so no third thread sits in the measured path. Timing starts after the
/// warm-up (<see cref="RoundTripWarmUp"/>).
/// </summary>
internal sealed class TradingApplication(int count, RoundTripWarmUp warmUp) : ISessionApplication
{
    private readonly FixMessageWriter _writer = new();
    private readonly byte[] _clOrdId = new byte[16];
    private int _orders;
    private int _measured = -1; // round trips timed so far; -1 while warming up
    private long _sent;
    private long _started;
    private long _warmUpEnd;

    public double[] Micros { get; } = new double[count];
    public double Seconds { get; private set; }
    public ManualResetEventSlim Done { get; } = new();

    /// <summary>Sends the first warm-up order; the rest follow from <see cref="FromApp"/>.</summary>
    public void Start(FixSession session)
    {
        _warmUpEnd = Stopwatch.GetTimestamp() + (long)(warmUp.Seconds * Stopwatch.Frequency);
        SendOrder(session);
    }

    public ApplicationResult FromApp(FixSession session, FixMessage message)
    {
        if (!message.MsgType.SequenceEqual("8"u8))
            return ApplicationResult.UnsupportedMessageType;
        var now = Stopwatch.GetTimestamp();
        if (_measured >= 0)
        {
            Micros[_measured++] = Stopwatch.GetElapsedTime(_sent, now).TotalMicroseconds;
            if (_measured == count)
            {
                Seconds = Stopwatch.GetElapsedTime(_started, now).TotalSeconds;
                Done.Set();
                return ApplicationResult.Handled;
            }
        }
        else if (_orders >= warmUp.Trips && now >= _warmUpEnd)
            _measured = 0;
        SendOrder(session);
        return ApplicationResult.Handled;
    }

    private void SendOrder(FixSession session)
    {
        _sent = Stopwatch.GetTimestamp();
        if (_measured == 0)
            _started = _sent;
        "ORD"u8.CopyTo(_clOrdId);
        _orders++.TryFormat(_clOrdId.AsSpan(3), out var digits, default, CultureInfo.InvariantCulture);
        session.Send(_writer.Begin("FIX.4.4", "D")
            .Field(11, _clOrdId.AsSpan(0, 3 + digits)).Field(55, "AAPL").Field(54, '1')
            .Timestamp(60, DateTime.UtcNow).Field(38, 100m).Field(40, '2').Field(44, 101.25m));
    }
}

using System.Globalization;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>
/// Our side's executor, the twin of quickfix/executor.cpp: every NewOrderSingle gets an
/// ExecutionReport New, then one full fill at its Price (limit) or at <see cref="InteropOrders.MarketPrice"/>.
/// </summary>
public sealed class ExecutorApplication : ISessionApplication
{
    private readonly FixMessageWriter _writer = new();
    private int _orders;
    private int _execs;

    public List<string> Received { get; } = [];
    public List<string> Events { get; } = [];
    public int Logons { get; private set; }
    public int Logouts { get; private set; }

    public void OnLogon(FixSession session) => Logons++;
    public void OnLogout(FixSession session) => Logouts++;

    public void OnEvent(FixSession session, string text)
    {
        lock (Events)
            Events.Add(text);
    }

    public ApplicationResult FromApp(FixSession session, FixMessage message)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(message);
        lock (Received)
            Received.Add(message.ToString());
        if (!message.MsgType.SequenceEqual("D"u8))
            return ApplicationResult.UnsupportedMessageType;
        var qty = message.GetDecimal(38);
        var limit = message.GetChar(40) == '2';
        var price = limit ? message.GetDecimal(44) : InteropOrders.MarketPrice;
        var orderId = "SL-O" + (++_orders).ToString(CultureInfo.InvariantCulture);
        session.Send(Report(message, orderId, '0', '0', 0, qty, 0, limit));
        session.Send(Report(message, orderId, 'F', '2', qty, 0, price, limit).Field(32, qty).Field(31, price));
        return ApplicationResult.Handled;
    }

    private FixMessageWriter Report(FixMessage order, string orderId, char execType, char status, decimal cum, decimal leaves, decimal avg, bool limit)
    {
        var w = _writer.Begin("FIX.4.4", "8")
            .Field(37, orderId).Field(17, "SL-E" + (++_execs).ToString(CultureInfo.InvariantCulture))
            .Field(150, execType).Field(39, status)
            .Field(11, order.GetValue(11)).Field(55, order.GetValue(55)).Field(54, order.GetValue(54))
            .Field(38, order.GetValue(38)).Field(40, order.GetValue(40))
            .Field(151, leaves).Field(14, cum).Field(6, avg);
        if (limit)
            w.Field(44, order.GetValue(44));
        return w;
    }
}

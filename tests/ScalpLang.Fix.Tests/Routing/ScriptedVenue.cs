using System.Collections.Concurrent;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Store;
using ScalpLang.Fix.Transport;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>
/// A venue the test drives by hand over real loopback FIX (ISLD, for client TW): it records every
/// application message the client sends, acknowledges orders (New) and cancels (Canceled), and
/// sends whatever market data the test writes.
/// </summary>
internal sealed class ScriptedVenue : ISessionApplication, IAsyncDisposable
{
    private int _execId;

    public ScriptedVenue()
    {
        var settings = new SessionSettings
        {
            Id = new SessionId("FIX.4.4", "ISLD", "TW"),
            ConnectionType = ConnectionType.Acceptor,
            SocketAcceptHost = "127.0.0.1",
            SocketAcceptPort = 0,
            ResetOnLogon = true,
        };
        Session = new FixSession(settings, new MemoryStore(DateTime.UtcNow), FixDictionary.Fix44, this);
        Acceptor = new FixAcceptor([Session]);
        Acceptor.Start();
    }

    public FixSession Session { get; }
    public FixAcceptor Acceptor { get; }
    public int Port => Acceptor.LocalEndPoints[0].Port;

    /// <summary>What the client sent: (MsgType, ClOrdID, OrigClOrdID), in order.</summary>
    public ConcurrentQueue<(string Type, string? ClOrdId, string? OrigClOrdId)> Received { get; } = new();

    public SessionSettings ClientSettings() => new()
    {
        Id = new SessionId("FIX.4.4", "TW", "ISLD"),
        ConnectionType = ConnectionType.Initiator,
        SocketConnectHost = "127.0.0.1",
        SocketConnectPort = Port,
        ResetOnLogon = true,
        LogonTimeout = TimeSpan.FromSeconds(5),
    };

    public int Count(string type) => Received.Count(r => r.Type == type);

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task Until(Func<bool> condition, string what, double seconds = 10)
    {
        var limit = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < limit, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>An incremental refresh of (action, type, price, size) entries.</summary>
    public void Refresh(params (char Action, char Type, string Price, string Size)[] entries)
    {
        var w = new FixMessageWriter().Begin("FIX.4.4", "X").Field(FixTag.MDReqID, "R").Field(FixTag.NoMDEntries, entries.Length);
        foreach (var (action, type, price, size) in entries)
        {
            w.Field(FixTag.MDUpdateAction, action).Field(FixTag.MDEntryType, type).Field(FixTag.Symbol, "SYM").Field(FixTag.MDEntryPx, price);
            if (action != '2')
                w.Field(FixTag.MDEntrySize, size);
        }
        Session.Send(w);
    }

    public ApplicationResult FromApp(FixSession session, FixMessage message)
    {
        var type = message.GetString(FixTag.MsgType)!;
        Received.Enqueue((type, message.GetString(FixTag.ClOrdID), message.GetString(FixTag.OrigClOrdID)));
        switch (type)
        {
            case "V":
                var snapshot = new FixMessageWriter().Begin("FIX.4.4", "W").Field(FixTag.MDReqID, "R").Field(FixTag.Symbol, "SYM")
                    .Field(FixTag.NoMDEntries, 2)
                    .Field(FixTag.MDEntryType, '0').Field(FixTag.MDEntryPx, "100.00").Field(FixTag.MDEntrySize, "10")
                    .Field(FixTag.MDEntryType, '1').Field(FixTag.MDEntryPx, "100.01").Field(FixTag.MDEntrySize, "10");
                session.Send(snapshot);
                break;
            case "D":
                session.Send(Report(message.GetString(FixTag.ClOrdID)!, null, '0', message));
                break;
            case "F":
                session.Send(Report(message.GetString(FixTag.ClOrdID)!, message.GetString(FixTag.OrigClOrdID), '4', message));
                break;
        }
        return ApplicationResult.Handled;
    }

    private FixMessageWriter Report(string clOrdId, string? origClOrdId, char status, FixMessage request)
    {
        var w = new FixMessageWriter().Begin("FIX.4.4", "8").Field(FixTag.OrderID, "V-" + (origClOrdId ?? clOrdId)).Field(FixTag.ClOrdID, clOrdId);
        if (origClOrdId is not null)
            w.Field(FixTag.OrigClOrdID, origClOrdId);
        return w.Field(FixTag.ExecID, "E" + Interlocked.Increment(ref _execId)).Field(FixTag.ExecType, status).Field(FixTag.OrdStatus, status)
            .Field(FixTag.Symbol, "SYM").Field(FixTag.Side, request.GetString(FixTag.Side)!)
            .Field(FixTag.LeavesQty, status == '0' ? request.GetString(FixTag.OrderQty)! : "0").Field(FixTag.CumQty, 0).Field(FixTag.AvgPx, 0);
    }

    public ValueTask DisposeAsync() => Acceptor.DisposeAsync();
}

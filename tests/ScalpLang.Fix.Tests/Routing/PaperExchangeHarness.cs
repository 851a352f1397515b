using ScalpLang.Backtest;
using ScalpLang.Fix.Exchange;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Venue;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>A paper exchange on a free loopback port, and the initiator settings that reach it.</summary>
internal sealed class PaperExchangeHarness : IAsyncDisposable
{
    public PaperExchangeHarness(string data = "synthetic:events=20000", decimal? speed = null, string beginString = "FIX.4.4")
    {
        Assert.True(DataSpec.TryParse(data, out var spec, out _));
        BeginString = beginString;
        var session = PaperExchangeOptions.DefaultSession("127.0.0.1", 0);
        session = session with { Id = session.Id with { BeginString = beginString } };
        Exchange = new PaperExchange(new PaperExchangeOptions([session], spec) { Speed = speed });
        Exchange.Start();
        Port = Exchange.LocalEndPoints[0].Port;
    }

    public PaperExchange Exchange { get; }

    public string BeginString { get; }

    public int Port { get; }

    public static Instrument Synthetic => new("SYN", 0.01m, 1m, "USD");

    public SessionSettings Client(string sender = PaperExchangeOptions.DefaultTargetCompId) => ClientSettings(Port, sender, BeginString);

    public static SessionSettings ClientSettings(int port, string sender = PaperExchangeOptions.DefaultTargetCompId, string beginString = "FIX.4.4") => new()
    {
        Id = new SessionId(beginString, sender, PaperExchangeOptions.DefaultSenderCompId),
        ConnectionType = ConnectionType.Initiator,
        SocketConnectHost = "127.0.0.1",
        SocketConnectPort = port,
        ResetOnLogon = true,
        LogonTimeout = TimeSpan.FromSeconds(5),
    };

    public LiveRunResult RunStrategy(CompiledStrategy strategy, out LiveRun run, TimeSpan? duration = null)
    {
        run = new LiveRun(new LiveRunOptions(strategy, Client(), Synthetic) { Duration = duration, ClOrdIdPrefix = "T" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        return run.Run(timeout.Token);
    }

    public ValueTask DisposeAsync() => Exchange.DisposeAsync();
}

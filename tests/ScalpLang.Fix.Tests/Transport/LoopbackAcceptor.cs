using System.Net;
using ScalpLang.Fix.Acceptance;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Store;
using ScalpLang.Fix.Transport;

namespace ScalpLang.Fix.Tests.Transport;

/// <summary>An ISLD acceptor for TW on a free loopback port, with the engine's own FIX 4.4 dictionary and the AT application.</summary>
public sealed class LoopbackAcceptor : IAsyncDisposable
{
    public LoopbackAcceptor(Func<SessionSettings, SessionSettings>? configure = null, ISessionApplication? application = null)
    {
        var settings = new SessionSettings
        {
            Id = new SessionId("FIX.4.4", "ISLD", "TW"),
            ConnectionType = ConnectionType.Acceptor,
            SocketAcceptHost = "127.0.0.1",
            SocketAcceptPort = 0,
            ResetOnLogon = true,
        };
        settings = configure?.Invoke(settings) ?? settings;
        Application = application ?? new AcceptanceApplication();
        Session = new FixSession(settings, new MemoryStore(DateTime.UtcNow), FixDictionary.Fix44, Application);
        Acceptor = new FixAcceptor([Session]);
        Acceptor.Start();
        EndPoint = Acceptor.LocalEndPoints[0];
    }

    public ISessionApplication Application { get; }
    public FixSession Session { get; }
    public FixAcceptor Acceptor { get; }
    public IPEndPoint EndPoint { get; }

    public Task<AcceptanceResult> RunAsync(string script, double readTimeoutSeconds = 5) =>
        new AcceptanceRunner(EndPoint, TimeSpan.FromSeconds(readTimeoutSeconds)).RunAsync(AcceptanceScript.Parse(script.Replace('|', '\u0001'), "inline"));

    public Task<AcceptanceResult> RunAsync(IReadOnlyList<ScriptStep> steps, double readTimeoutSeconds = 5) =>
        new AcceptanceRunner(EndPoint, TimeSpan.FromSeconds(readTimeoutSeconds)).RunAsync(steps);

    public async Task WaitIdleAsync()
    {
        for (var i = 0; i < 100 && (Acceptor.ConnectionCount > 0 || Session.IsConnected); i++)
            await Task.Delay(50);
    }

    public ValueTask DisposeAsync() => Acceptor.DisposeAsync();
}

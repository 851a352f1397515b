using System.Net;
using ScalpLang.Fix.Acceptance;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Tests.Infrastructure;
using ScalpLang.Fix.Transport;

namespace ScalpLang.Fix.Tests.Acceptance;

/// <summary>
/// Our engine as the acceptor QuickFIX's scripts expect, started in-process from the shared
/// .cfg with three test-only overrides: loopback and a free port (not 5005, which others on the
/// machine may hold), QuickFIX's FIX44.xml from ../shared/fix/spec for the cfg's DataDictionary,
/// and the file store in a fresh temporary folder (FsyncPolicy=never: kill -9 safe, fast).
/// </summary>
public sealed class AcceptanceServer : IAsyncDisposable
{
    private readonly string _storeFolder;

    public AcceptanceServer(string cfgName)
    {
        var cfg = Path.Combine(RepoPaths.SharedFile("fix/acceptance/cfg"), cfgName);
        _storeFolder = Path.Combine(Path.GetTempPath(), "scalp-fix-at-" + Guid.NewGuid().ToString("N"));
        var settings = SessionSettingsFile.Load(cfg).Single() with
        {
            SocketAcceptHost = "127.0.0.1",
            SocketAcceptPort = 0,
            FileStorePath = _storeFolder,
            FsyncPolicy = Fix.Store.FsyncPolicy.Never,
        };
        Application = new AcceptanceApplication();
        Session = FixSessionFactory.Create(settings, Application, dictionary: _ => SharedDictionaries.Fix44);
        Acceptor = new FixAcceptor([Session]);
        Acceptor.Start();
        EndPoint = Acceptor.LocalEndPoints[0];
    }

    public AcceptanceApplication Application { get; }
    public FixSession Session { get; }
    public FixAcceptor Acceptor { get; }
    public IPEndPoint EndPoint { get; }

    /// <summary>Waits until the previous script's connections are gone, so the next Logon is not a duplicate.</summary>
    public async Task WaitIdleAsync()
    {
        for (var i = 0; i < 100 && (Acceptor.ConnectionCount > 0 || Session.IsConnected); i++)
            await Task.Delay(50);
    }

    public async ValueTask DisposeAsync()
    {
        await Acceptor.DisposeAsync();
        Session.Store.Dispose();
        try
        {
            Directory.Delete(_storeFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

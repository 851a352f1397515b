using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>
/// The QuickFIX-style .cfg files of both sides, written into the test's folder: stores and
/// logs there, QuickFIX's FIX44.xml from ../shared, loopback, sessions open all day.
/// </summary>
public static class InteropConfig
{
    public const string Ours = "SCALP";
    public const string Theirs = "QF";

    public static string Dictionary => RepoPaths.SharedFile(SharedDictionaries.Fix44Path);

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>The QuickFIX side's config file; <paramref name="socket"/> is its ConnectionType-specific lines.</summary>
    public static string WriteQuickFix(string folder, string connectionType, string socket)
    {
        var path = Path.Combine(folder, "quickfix-" + connectionType + ".cfg");
        File.WriteAllText(path, $"""
            [DEFAULT]
            ConnectionType={connectionType}
            BeginString=FIX.4.4
            SenderCompID={Theirs}
            TargetCompID={Ours}
            {socket}
            HeartBtInt=30
            ReconnectInterval=1
            StartTime=00:00:00
            EndTime=00:00:00
            FileStorePath={Path.Combine(folder, "qf-store")}
            FileLogPath={Path.Combine(folder, "qf-log")}
            UseDataDictionary=Y
            DataDictionary={Dictionary}

            [SESSION]

            """);
        return path;
    }

    /// <summary>Our side's session, read from a .cfg with our own parser and built by the factory (file store, shared dictionary).</summary>
    public static FixSession OurSession(string folder, string connectionType, string socket, ISessionApplication app)
    {
        var path = Path.Combine(folder, "scalp-" + connectionType + ".cfg");
        File.WriteAllText(path, $"""
            [DEFAULT]
            ConnectionType={connectionType}
            BeginString=FIX.4.4
            SenderCompID={Ours}
            TargetCompID={Theirs}
            {socket}
            HeartBtInt=30
            ReconnectInterval=1
            ReconnectMaxInterval=2
            FileStorePath={Path.Combine(folder, "scalp-store")}
            FsyncPolicy=never
            DataDictionary={Dictionary}

            [SESSION]

            """);
        return FixSessionFactory.Create(SessionSettingsFile.Load(path).Single(), app);
    }

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}

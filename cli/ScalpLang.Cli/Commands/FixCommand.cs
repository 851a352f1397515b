using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using ScalpLang.Fix.Acceptance;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Transport;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp fix acceptance-server --config CFG [--dictionary XML] [--host H] [--port N] [--store DIR]</c>:
/// our FIX engine as the acceptor QuickFIX's acceptance scripts expect (a QuickFIX-style session
/// settings file such as ../shared/fix/acceptance/cfg/at_44.cfg; the test application of
/// ../shared/fix/acceptance/FORMAT.md), on loopback unless told otherwise, until interrupted.
/// </summary>
internal static class FixCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string>("--config") { Description = "QuickFIX-style session settings (.cfg) with one acceptor session", Required = true };
        var dictionary = new Option<string?>("--dictionary") { Description = "QuickFIX XML data dictionary, overriding the cfg's DataDictionary" };
        var host = new Option<string>("--host") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int?>("--port") { Description = "port to listen on (0: any free port); default: the cfg's SocketAcceptPort" };
        var store = new Option<string?>("--store") { Description = "message store folder, overriding the cfg's FileStorePath" };
        var server = new Command("acceptance-server", "Run the FIX acceptor QuickFIX's acceptance scripts expect") { config, dictionary, host, port, store };
        server.SetAction((result, token) => RunAsync(result.GetValue(config)!, result.GetValue(dictionary), result.GetValue(host)!,
            result.GetValue(port), result.GetValue(store), stdout, stderr, token));
        return new Command("fix", "FIX engine tools") { server };
    }

    public static async Task<int> RunAsync(string configPath, string? dictionaryPath, string host, int? port, string? storePath,
        TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        if (!File.Exists(configPath))
        {
            stderr.WriteLine($"scalp fix acceptance-server: {configPath}: no such file");
            return ExitCodes.UsageOrIo;
        }
        FixSession session;
        try
        {
            var all = SessionSettingsFile.Load(configPath);
            if (all.Count != 1 || all[0].ConnectionType != ConnectionType.Acceptor)
            {
                stderr.WriteLine($"scalp fix acceptance-server: {configPath}: expected exactly one acceptor session, found {all.Count}");
                return ExitCodes.Errors;
            }
            var settings = all[0] with
            {
                SocketAcceptHost = host,
                SocketAcceptPort = port ?? all[0].SocketAcceptPort,
                FileStorePath = storePath ?? all[0].FileStorePath,
            };
            var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath));
            FixDictionary? dictionary = dictionaryPath is null ? null : FixDictionary.Load(dictionaryPath);
            session = FixSessionFactory.Create(settings, new AcceptanceApplication(), baseDirectory,
                dictionary: dictionary is null ? null : _ => dictionary);
        }
        catch (Exception e) when (e is SessionSettingsException or FixDictionaryException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scalp fix acceptance-server: {e.Message}");
            if (e is FixDictionaryException && dictionaryPath is null)
                stderr.WriteLine("  (the cfg's DataDictionary is resolved from the cfg's folder; give one with --dictionary PATH)");
            return ExitCodes.Errors;
        }
        var acceptor = new FixAcceptor([session]);
        try
        {
            acceptor.Start();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            stderr.WriteLine($"scalp fix acceptance-server: cannot listen on {host}:{port}: {e.Message}");
            await acceptor.DisposeAsync();
            session.Store.Dispose();
            return ExitCodes.UsageOrIo;
        }
        var endPoint = acceptor.LocalEndPoints[0];
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"listening on {endPoint.Address}:{endPoint.Port} as {session.Id} (Ctrl+C stops)"));
        stdout.Flush();
        // Ctrl+C or a termination request ends the server cleanly: sessions close, the store is flushed.
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            interrupted.Cancel();
        }
        try
        {
            await Task.Delay(Timeout.Infinite, interrupted.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await acceptor.DisposeAsync();
        session.Store.Dispose();
        stdout.WriteLine("stopped");
        return ExitCodes.Success;
    }
}

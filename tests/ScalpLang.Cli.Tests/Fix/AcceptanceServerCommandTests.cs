using System.Net;
using System.Text.RegularExpressions;
using ScalpLang.Cli.Commands;
using ScalpLang.Fix.Acceptance;

namespace ScalpLang.Cli.Tests.Fix;

/// <summary>
/// <c>scalp fix acceptance-server</c> serves QuickFIX's acceptance scripts: started in-process on
/// a free loopback port from the shared cfg, it passes a script run by our runner, and stops
/// cleanly when cancelled. Bad configurations are refused with the file named.
/// </summary>
public sealed partial class AcceptanceServerCommandTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "scalp-at-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_store))
            Directory.Delete(_store, recursive: true);
    }

    private static string? SharedFix(params string[] parts)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        var path = Path.Combine([Path.GetDirectoryName(dir)!, "shared", "fix", .. parts]);
        if (File.Exists(path))
            return path;
        Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing shared file {path}");
        return null;
    }

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(\d+) as FIX\.4\.4:ISLD->TW")]
    private static partial Regex Listening();

    [Fact]
    public async Task It_serves_an_acceptance_script_and_stops_when_cancelled()
    {
        if (SharedFix("acceptance", "cfg", "at_44.cfg") is not { } cfg || SharedFix("spec", "FIX44.xml") is not { } dictionary
            || SharedFix("acceptance", "fix44", "1a_ValidLogonWithCorrectMsgSeqNum.def") is not { } script)
            return;
        var stdout = new StringWriter();
        var output = TextWriter.Synchronized(stdout);
        using var stop = new CancellationTokenSource();
        var server = FixCommand.RunAsync(cfg, dictionary, "127.0.0.1", 0, _store, output, TextWriter.Null, stop.Token);
        Match listening = Match.Empty;
        for (var i = 0; i < 200 && !(listening = Listening().Match(stdout.ToString())).Success; i++)
            await Task.Delay(25);
        Assert.True(listening.Success, stdout.ToString());

        var port = int.Parse(listening.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var runner = new AcceptanceRunner(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(5));
        var result = await runner.RunAsync(AcceptanceScript.Load(script));
        Assert.True(result.Passed, result.ToString());

        await stop.CancelAsync();
        Assert.Equal(0, await server);
        Assert.EndsWith("stopped\n", stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_is_a_usage_error()
    {
        var error = new StringWriter();
        var exit = await FixCommand.RunAsync("/no/such.cfg", null, "127.0.0.1", 0, null, TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(2, exit);
        Assert.Equal("scalp fix acceptance-server: /no/such.cfg: no such file\n", error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dictionary_the_cfg_cannot_find_is_named_with_a_hint()
    {
        if (SharedFix("acceptance", "cfg", "at_44.cfg") is not { } cfg)
            return;
        var error = new StringWriter();
        var exit = await FixCommand.RunAsync(cfg, null, "127.0.0.1", 0, _store, TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(1, exit);
        Assert.Contains("FIX44.xml", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("give one with --dictionary PATH", error.ToString(), StringComparison.Ordinal);
    }
}

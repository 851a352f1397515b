using System.Text.RegularExpressions;
using ScalpLang.Cli.Commands;

namespace ScalpLang.Cli.Tests.Routing;

/// <summary><c>scalp exchange --config</c>: the sessions come from the file; initiators are refused.</summary>
public sealed partial class ExchangeConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scalp-exchange-cfg-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex(@"listening on 127\.0\.0\.1:\d+ as FIX\.4\.4:DESK->ALGO1, FIX\.4\.2:DESK->ALGO2")]
    private static partial Regex Listening();

    [Fact]
    public async Task The_sessions_of_a_config_are_served()
    {
        var path = Path.Combine(_folder, "exchange.cfg");
        File.WriteAllText(path, "[DEFAULT]\nConnectionType=acceptor\nSenderCompID=DESK\n[SESSION]\nBeginString=FIX.4.4\nTargetCompID=ALGO1\n[SESSION]\nBeginString=FIX.4.2\nTargetCompID=ALGO2\n");
        var stdout = new StringWriter();
        var output = TextWriter.Synchronized(stdout);
        using var stop = new CancellationTokenSource();
        var exchange = ExchangeCommand.RunAsync(0, "127.0.0.1", "synthetic", path, "1", null, output, TextWriter.Null, stop.Token);
        for (var i = 0; i < 400 && !Listening().IsMatch(stdout.ToString()); i++)
            await Task.Delay(25);
        Assert.Matches(Listening(), stdout.ToString());
        await stop.CancelAsync();
        Assert.Equal(0, await exchange.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_initiator_session_is_refused_with_its_line()
    {
        var path = Path.Combine(_folder, "exchange.cfg");
        File.WriteAllText(path, "[SESSION]\nConnectionType=initiator\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\nSocketConnectHost=127.0.0.1\nSocketConnectPort=9\n");
        var error = new StringWriter();
        var exit = await ExchangeCommand.RunAsync(0, "127.0.0.1", "synthetic", path, "1", null, TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Equal($"scalp exchange: {path}:1: session FIX.4.4:A->B is an initiator; the exchange takes acceptor sessions\n",
            error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}

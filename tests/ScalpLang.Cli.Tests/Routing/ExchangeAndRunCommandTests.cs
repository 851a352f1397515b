using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using ScalpLang.Cli.Commands;

namespace ScalpLang.Cli.Tests.Routing;

/// <summary>
/// <c>scalp exchange</c> and <c>scalp run --venue fix</c>: an example strategy trading on the paper
/// exchange end to end (both commands in-process, over loopback FIX), and the errors a user meets
/// first: a missing or bad config, a closed port, bad options.
/// </summary>
public sealed partial class ExchangeAndRunCommandTests : IDisposable
{
    private static readonly string Root = FindRoot();
    private readonly string _folder = Directory.CreateTempSubdirectory("scalp-run-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(\d+) as FIX\.4\.4:SCALPEX->SCALPCLIENT")]
    private static partial Regex Listening();

    [GeneratedRegex(@"end of data: [\d,]+ events, ([\d,]+) orders \([\d,]+ rejected\), ([\d,]+) fills")]
    private static partial Regex EndOfData();

    private string ClientConfig(int port, string extra = "")
    {
        var path = Path.Combine(_folder, "client.cfg");
        File.WriteAllText(path, $"""
            # the paper exchange's default session, seen from the client
            [DEFAULT]
            ConnectionType=initiator
            BeginString=FIX.4.4
            SenderCompID=SCALPCLIENT
            TargetCompID=SCALPEX
            SocketConnectHost=127.0.0.1
            SocketConnectPort={port}
            ResetOnLogon=Y
            LogonTimeout=5
            {extra}
            [SESSION]
            Symbol=SYN
            TickSize=0.01
            LotSize=1
            """);
        return path;
    }

    private static string Normal(StringWriter writer) => writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public async Task An_example_trades_on_scalp_exchange_and_the_run_reports_the_exchange_fills()
    {
        var exchangeOut = new StringWriter();
        var exchangeErr = new StringWriter();
        var output = TextWriter.Synchronized(exchangeOut);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var exchange = ExchangeCommand.RunAsync(0, "127.0.0.1", "synthetic:events=20000", null, "20", null, output, exchangeErr, stop.Token);
        Match listening = Match.Empty;
        for (var i = 0; i < 400 && !(listening = Listening().Match(exchangeOut.ToString())).Success; i++)
            await Task.Delay(25);
        Assert.True(listening.Success, exchangeOut + exchangeErr.ToString());
        var port = int.Parse(listening.Groups[1].Value, CultureInfo.InvariantCulture);

        var runOut = new StringWriter();
        var runErr = new StringWriter();
        var exit = await Task.Run(() => RunCommand.Run(Path.Combine(Root, "examples", "passive_market_maker.scalp"), "fix", ClientConfig(port), [], null,
            asJson: true, runOut, runErr, stop.Token));
        Assert.True(exit == 0, Normal(runErr));
        Assert.Equal(0, await exchange.WaitAsync(TimeSpan.FromSeconds(30)));

        using var json = JsonDocument.Parse(runOut.ToString());
        var summary = json.RootElement;
        Assert.Equal("PassiveMaker", summary.GetProperty("strategy").GetString());
        var orders = summary.GetProperty("orders").GetInt64();
        var fills = summary.GetProperty("fills").GetInt64();
        Assert.True(orders > 0 && fills > 0, runOut.ToString());
        var live = summary.GetProperty("live");
        Assert.StartsWith("the venue ended the session", live.GetProperty("ended").GetString(), StringComparison.Ordinal);
        var end = EndOfData().Match(exchangeOut.ToString());
        Assert.True(end.Success, exchangeOut.ToString());
        // What the exchange says it received and filled is what the run says it sent and got.
        Assert.Equal(live.GetProperty("orders_sent").GetInt64(), long.Parse(end.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Equal(fills, long.Parse(end.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Contains("warning: MSFT is declared with tick 0.01 and lot 100; the session trades SYN", Normal(runErr), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_a_missing_config_is_a_usage_error_through_the_cli()
    {
        var error = new StringWriter();
        var exit = ScalpCli.Run(["run", Path.Combine(Root, "examples", "passive_market_maker.scalp"), "--venue", "fix", "--config", "/no/such.cfg"], TextWriter.Null, error);
        Assert.Equal(ExitCodes.UsageOrIo, exit);
        Assert.Equal("scalp run: /no/such.cfg: no such file\n", Normal(error));
    }

    [Fact]
    public void Run_against_a_closed_port_exits_3_naming_the_refusal()
    {
        // A port just freed can be taken at once by another test's listener (then the logon times out
        // instead): up to three fresh ports, the refusal asserted on the last.
        for (var attempt = 1; ; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var error = new StringWriter();
            var exit = RunCommand.Run(Path.Combine(Root, "examples", "passive_market_maker.scalp"), "fix", ClientConfig(port), [], null, false,
                TextWriter.Null, error, CancellationToken.None);
            Assert.Equal(ExitCodes.VenueUnavailable, exit);
            var refused = $"scalp run: connection refused by 127.0.0.1:{port} (is the venue listening there?)\n";
            if (attempt < 3 && !Normal(error).EndsWith(refused, StringComparison.Ordinal) && Normal(error).Contains("LogonTimeout", StringComparison.Ordinal))
                continue;
            Assert.EndsWith(refused, Normal(error), StringComparison.Ordinal);
            return;
        }
    }

    [Fact]
    public void Run_with_a_bad_config_names_the_file_and_line()
    {
        var path = ClientConfig(1, "HeartBtInt=often");
        var error = new StringWriter();
        var exit = RunCommand.Run(Path.Combine(Root, "examples", "passive_market_maker.scalp"), "fix", path, [], null, false, TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Equal($"scalp run: {path}:11: HeartBtInt: 'often' is not an integer in [1, 3600]\n", Normal(error));
    }

    [Fact]
    public void Run_without_an_initiator_session_is_refused()
    {
        var path = Path.Combine(_folder, "acceptor.cfg");
        File.WriteAllText(path, "[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\n");
        var error = new StringWriter();
        var exit = RunCommand.Run(Path.Combine(Root, "examples", "passive_market_maker.scalp"), "fix", path, [], null, false, TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Equal($"scalp run: {path}: expected exactly one initiator session, found 0\n", Normal(error));
    }

    [Theory]
    [InlineData("simulated", null, "scalp run: --venue simulated: only fix is supported (use scalp backtest for the simulated venues)\n")]
    [InlineData("fix", "soon", "scalp run: --duration soon: 'soon' is not a number\n")]
    public void Run_refuses_bad_options(string venue, string? duration, string expected)
    {
        var error = new StringWriter();
        var exit = RunCommand.Run("x.scalp", venue, "c.cfg", [], duration, false, TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(ExitCodes.UsageOrIo, exit);
        Assert.Equal(expected, Normal(error));
    }

    [Theory]
    [InlineData("tape:x.tape", "1", "scalp exchange: --data tape:x.tape: a tape cannot feed the venue (it needs order-level or L2 data: synthetic, lobster or tardis)\n")]
    [InlineData("synthetic", "fast", "scalp exchange: --speed fast: use a positive number (1 is real time) or max\n")]
    [InlineData("lobster:/no/such_message.csv", "1", "scalp exchange: /no/such_message.csv: no such file\n")]
    public async Task Exchange_refuses_bad_options(string data, string speed, string expected)
    {
        var error = new StringWriter();
        var exit = await ExchangeCommand.RunAsync(0, "127.0.0.1", data, null, speed, null, TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(ExitCodes.UsageOrIo, exit);
        Assert.Equal(expected, Normal(error));
    }

    [Fact]
    public async Task Exchange_with_a_missing_config_is_a_usage_error()
    {
        var error = new StringWriter();
        var exit = await ExchangeCommand.RunAsync(0, "127.0.0.1", "synthetic", "/no/such.cfg", "1", null, TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(ExitCodes.UsageOrIo, exit);
        Assert.Equal("scalp exchange: /no/such.cfg: no such file\n", Normal(error));
    }

    [Fact]
    public async Task Exchange_stops_cleanly_when_cancelled_before_anyone_subscribes()
    {
        var stdout = new StringWriter();
        var output = TextWriter.Synchronized(stdout);
        using var stop = new CancellationTokenSource();
        var exchange = ExchangeCommand.RunAsync(0, "127.0.0.1", "synthetic", null, "1", null, output, TextWriter.Null, stop.Token);
        for (var i = 0; i < 400 && !Listening().IsMatch(stdout.ToString()); i++)
            await Task.Delay(25);
        Assert.Matches(Listening(), stdout.ToString());
        await stop.CancelAsync();
        Assert.Equal(0, await exchange.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("stopped: 0 events, 0 orders (0 rejected), 0 fills", stdout.ToString(), StringComparison.Ordinal);
    }
}

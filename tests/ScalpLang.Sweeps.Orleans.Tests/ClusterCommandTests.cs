using ScalpLang.Cli;

namespace ScalpLang.Sweeps.Orleans.Tests;

/// <summary>`scalp backtest --sweep` through the embedded silo (the default), and the commands' refusals.</summary>
public sealed class ClusterCommandTests
{
    private static (int Exit, string Out, string Err) Scalp(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ScalpCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_embedded_silo_prints_the_local_sweeps_rows_for_a_built_dll_on_the_goog_day_against_the_simulated_venue()
    {
        if (TestPaths.GoogMessages() is not { } goog)
            return; // ../shared is not beside this checkout
        var dll = Path.Combine(Directory.CreateTempSubdirectory("scalp-sweep-").FullName, "mm.dll");
        Assert.Equal(0, Scalp("build", TestPaths.Example("passive_market_maker.scalp"), "-o", dll).Exit);
        string[] sweep = ["backtest", dll, "--data", "lobster:" + goog, "--sweep", "min_spread=2..3:1", "--sweep", "toxic=0.6..0.8:0.2",
            "--venue", "simulated", "--latency", "const:50us", "--fees", "maker=-2bp,taker=3bp"];
        var embedded = Scalp([.. sweep, "--json"]);
        var local = Scalp([.. sweep, "--json", "--cluster", "none"]);
        Assert.Equal(0, embedded.Exit);
        Assert.Equal(local.Out, embedded.Out);
        Assert.Contains("\"events\":49481", embedded.Out);
        Assert.Equal(4, embedded.Out.Split("\"params\"").Length - 1);
        Assert.Equal(Scalp([.. sweep, "--cluster", "none"]).Out, Scalp(sweep).Out); // the table too
        File.Delete(dll);
    }

    [Fact]
    public void A_two_axis_sweep_on_the_embedded_silo_prints_a_header_and_one_row_per_point_in_grid_order()
    {
        var (exit, output, _) = Scalp("backtest", TestPaths.Example("imbalance_scalper.scalp"), "--data", "synthetic:events=5000",
            "--sweep", "threshold=0.50..0.60:0.05", "--sweep", "size=1..2:1");
        Assert.Equal(0, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(1 + 6, lines.Length);
        Assert.Equal(["0.50 1", "0.50 2", "0.55 1", "0.55 2", "0.60 1", "0.60 2"],
            lines[1..].Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2])));
    }

    [Fact]
    public async Task A_sweep_on_a_terminal_shows_points_done_of_total_and_failures_on_its_progress_bar()
    {
        // Under a pseudo terminal (util-linux `script`): several seconds of points even on a quiet machine, so the bar (which waits a second) shows.
        var command = $"dotnet {TestPaths.Cli} backtest {TestPaths.Example("spread_breakout.scalp")} --data synthetic:seed=2,events=10000000 "
            + "--sweep wide=2..5:1";
        var start = new System.Diagnostics.ProcessStartInfo("script", ["-qec", command, "/dev/null"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var screen = await process.StandardOutput.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        Assert.Matches(@"sweep SpreadBreakout \(4 points\): \d/4 done, 0 failed, 0 re-sent", screen);
        Assert.Contains("wide", screen); // then the table
    }

    [Theory]
    [InlineData("--cluster runs a sweep's points: it needs --sweep", "backtest", "examples/imbalance_scalper.scalp", "--cluster", "none")]
    [InlineData("--cluster ftp://x: unknown cluster scheme 'ftp'", "backtest", "examples/imbalance_scalper.scalp", "--sweep", "threshold=0.5..0.6:0.1", "--cluster", "ftp://x")]
    [InlineData("scalp silo: --cluster nowhere: expected redis://HOST:PORT", "silo", "--cluster", "nowhere")]
    [InlineData("scalp silo: --port 0: a TCP port is 1..65535", "silo", "--cluster", "redis://127.0.0.1:1", "--port", "0")]
    [InlineData("scalp silo: --port and --gateway-port must differ (both 7000)", "silo", "--cluster", "redis://127.0.0.1:1", "--port", "7000", "--gateway-port", "7000")]
    [InlineData("scalp silo: --advertise me: not an IP address", "silo", "--cluster", "redis://127.0.0.1:1", "--advertise", "me")]
    [InlineData("scalp silo: --workers 0: at least 1", "silo", "--cluster", "redis://127.0.0.1:1", "--workers", "0")]
    public void Bad_cluster_options_exit_2_naming_the_option(string message, params string[] args)
    {
        var resolved = args.Select(a => a.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(TestPaths.Root, a) : a).ToArray();
        var (exit, _, error) = Scalp(resolved);
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public void A_cluster_nobody_serves_is_a_clear_error_not_a_hang()
    {
        var port = ClusterHosting.FreePort(); // nothing listens there
        var (exit, output, error) = Scalp("backtest", TestPaths.Example("imbalance_scalper.scalp"), "--data", "synthetic:events=1000",
            "--sweep", "threshold=0.5..0.6:0.1", "--cluster", $"redis://127.0.0.1:{port}");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains($"cannot reach the cluster at redis://127.0.0.1:{port}", error);
    }
}

using System.Diagnostics;

namespace ScalpLang.Cli.Tests;

/// <summary>
/// The progress bar of runs over a second: drawn when stdout and stderr are a terminal (a pseudo
/// terminal from util-linux `script`), absent under --json and when output goes to a pipe.
/// </summary>
public sealed class ProgressTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "scalp.dll");

    private static string Example()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        return Path.Combine(dir, "examples", "spread_breakout.scalp");
    }

    /// <summary>Runs the CLI under a pseudo terminal and returns everything the terminal received.</summary>
    private static string InTerminal(string arguments)
    {
        var start = new ProcessStartInfo("script", ["-qec", $"dotnet {Cli} {arguments}", "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start script (util-linux)");
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the run did not finish");
        return output.Result;
    }

    // About 1.5 s of work: long enough for the bar, which waits a second before it shows.
    private static string Long => $"backtest {Example()} --data synthetic:seed=2,events=4000000";

    [Fact]
    public void A_long_run_on_a_terminal_shows_a_progress_bar_then_the_summary()
    {
        var screen = InTerminal(Long);
        Assert.Contains("backtest SpreadBreakout", screen, StringComparison.Ordinal);
        Assert.Contains("events/s", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_on_a_terminal_has_no_progress_bar()
    {
        var screen = InTerminal(Long + " --json");
        Assert.DoesNotContain("backtest SpreadBreakout", screen, StringComparison.Ordinal);
        Assert.Contains("\"strategy\":\"SpreadBreakout\"", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipe_gets_the_summary_only()
    {
        var stdout = new StringWriter();
        var exit = ScalpCli.Run(["backtest", Example(), "--data", "synthetic:seed=2,events=4000000"], stdout, TextWriter.Null);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("backtest SpreadBreakout", stdout.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("SpreadBreakout\n", stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

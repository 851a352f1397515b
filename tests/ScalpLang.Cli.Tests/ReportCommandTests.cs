using System.Text.Json;

namespace ScalpLang.Cli.Tests;

/// <summary>`scalp backtest --report OUT.html`: the file, the report fields in the table and JSON, and refusals.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (ScalpCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private string Strategy()
    {
        var path = Path.Combine(_dir, "s.scalp");
        File.WriteAllText(path, "strategy T\ninstrument \"X\" tick 0.01 lot 1 currency USD\n" +
                                "rule r priority 1 when spread <= 1 => buy 1 lot at market\nexit time_stop 2s\n");
        return path;
    }

    private const string Data = "synthetic:seed=2,events=10000";

    [Fact]
    public void Report_writes_a_self_contained_html_file_and_the_json_gains_the_report_fields()
    {
        var html = Path.Combine(_dir, "out.html");
        var (exit, output, error) = Run("backtest", Strategy(), "--data", Data, "--json", "--report", html);
        Assert.True(exit == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        foreach (var field in new[] { "strategy", "events", "orders", "fills", "round_trips", "gross_pnl", "fees", "net_pnl", "win_rate",
                                      "max_drawdown", "sharpe", "edge_ratio", "kill_switch", "elapsed_ms", "events_per_second",
                                      "avg_win_ticks", "avg_loss_ticks", "turnover", "turnover_lots", "time_in_market", "markouts", "kill_events" })
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal(3, root.GetProperty("markouts").GetArrayLength());
        Assert.True(root.GetProperty("fills").GetInt64() > 0);

        var text = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.Ordinal);
        foreach (var id in new[] { "equity", "drawdown", "fills", "markouts" })
            Assert.Contains($"<div id=\"{id}\" class=\"chart\">", text, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", text, StringComparison.Ordinal);
        Assert.Contains("round trips", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", text, StringComparison.OrdinalIgnoreCase);

        // The same run again: the same file, byte for byte.
        var again = Path.Combine(_dir, "again.html");
        Assert.Equal(0, Run("backtest", Strategy(), "--data", Data, "--report", again).Exit);
        Assert.Equal(File.ReadAllBytes(html), File.ReadAllBytes(again));
    }

    [Fact]
    public void The_table_shows_the_report_rows()
    {
        var (exit, output, error) = Run("backtest", Strategy(), "--data", Data);
        Assert.True(exit == 0, error);
        foreach (var row in new[] { "avg win / loss", "turnover", "time in market", "markout 100 ms", "markout 1 s", "markout 5 s", "elapsed" })
            Assert.Contains(row, output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_report_path_exits_2_before_running()
    {
        var (exit, output, error) = Run("backtest", Strategy(), "--data", Data, "--report", Path.Combine(_dir, "no", "such", "r.html"));
        Assert.Equal(2, exit);
        Assert.Contains("--report", error, StringComparison.Ordinal);
        Assert.Contains("no such directory", error, StringComparison.Ordinal);
        Assert.Equal("", output);

        (exit, _, error) = Run("backtest", Strategy(), "--data", Data, "--report", _dir);
        Assert.Equal(2, exit);
        Assert.Contains("is a directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_cannot_be_combined_with_a_sweep()
    {
        var (exit, _, error) = Run("backtest", Strategy(), "--data", Data, "--sweep", "x=1..2:1", "--report", Path.Combine(_dir, "r.html"));
        Assert.Equal(2, exit);
        Assert.Contains("--sweep", error, StringComparison.Ordinal);
    }
}

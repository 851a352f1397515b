using System.Text.Json;

namespace ScalpLang.Cli.Tests;

/// <summary>`scalp backtest --sweep`: the grid, its points as written, and each point's result equal to a single run with that --param.</summary>
public sealed class SweepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (ScalpCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private string Write()
    {
        var path = Path.Combine(_dir, "s.scalp");
        File.WriteAllText(path, """
            strategy Sweep
            instrument "X" tick 0.01 lot 1 currency USD
            param gap: ticks = 2 in 1..5
            param lean: ratio = 0.2 in 0.05..0.5
            param patience: duration = 30s
            rule r priority 1 when spread <= gap and imbalance(levels: 1) > lean => buy 1 lot at market
            exit time_stop patience
            exit take_profit 1 tick
            """);
        return path;
    }

    private const string Data = "synthetic:seed=3,events=20000";

    [Fact]
    public void Every_point_of_the_grid_equals_a_single_run_with_that_param()
    {
        var path = Write();
        var (exit, output, error) = Run("backtest", path, "--data", Data, "--sweep", "gap=1..3:1", "--sweep", "lean=0.10..0.30:0.10", "--json");
        Assert.True(exit == 0, error);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        // 3 x 3 points, the first axis varying slowest; the decimal step reaches 0.30 exactly.
        string[] expected = ["1/0.10", "1/0.20", "1/0.30", "2/0.10", "2/0.20", "2/0.30", "3/0.10", "3/0.20", "3/0.30"];
        Assert.Equal(expected, rows.Select(r => $"{r.GetProperty("params").GetProperty("gap").GetString()}/{r.GetProperty("params").GetProperty("lean").GetString()}"));
        Assert.True(rows.Select(r => r.GetProperty("orders").GetInt64()).Distinct().Count() > 1, "the points should not all behave the same");
        foreach (var row in rows.Where((_, i) => i is 0 or 4 or 8))
        {
            var gap = row.GetProperty("params").GetProperty("gap").GetString();
            var lean = row.GetProperty("params").GetProperty("lean").GetString();
            var (singleExit, single, _) = Run("backtest", path, "--data", Data, "--param", $"gap={gap}", "--param", $"lean={lean}", "--json");
            Assert.Equal(0, singleExit);
            var one = JsonDocument.Parse(single).RootElement;
            foreach (var field in new[] { "events", "orders", "fills", "round_trips" })
                Assert.Equal(one.GetProperty(field).GetInt64(), row.GetProperty(field).GetInt64());
            Assert.Equal(one.GetProperty("net_pnl").GetDecimal(), row.GetProperty("net_pnl").GetDecimal());
        }
    }

    [Fact]
    public void Durations_step_in_nanoseconds_and_the_table_has_a_row_per_point()
    {
        var (exit, output, error) = Run("backtest", Write(), "--data", Data, "--sweep", "patience=10s..30s:10s");
        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("      patience", lines[0], StringComparison.Ordinal);
        Assert.Equal(["10s", "20s", "30s"], lines.Skip(1).Select(l => l.Trim().Split(' ')[0]));
    }

    [Theory]
    [InlineData("gap=1..9:1", "6 is outside the declared range of 'gap' (1..5)")]
    [InlineData("gap=3..1:1", "the step must be positive and FROM at most TO")]
    [InlineData("nope=1..2:1", "Sweep has no parameter 'nope' (it has: gap, lean, patience)")]
    [InlineData("gap=1..2", "expected NAME=FROM..TO:STEP")]
    [InlineData("lean=10%..30%:0.1", "FROM, TO and STEP must use the same unit (none, % or bps)")]
    public void Bad_sweeps_are_usage_errors(string sweep, string message)
    {
        var (exit, output, error) = Run("backtest", Write(), "--data", Data, "--sweep", sweep);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_param_cannot_be_both_fixed_and_swept()
    {
        var (exit, _, error) = Run("backtest", Write(), "--data", Data, "--param", "gap=2", "--sweep", "gap=1..3:1");
        Assert.Equal(2, exit);
        Assert.Contains("'gap' is already given", error, StringComparison.Ordinal);
    }
}

using System.Text.Json;

namespace ScalpLang.Cli.Tests;

/// <summary>`scalp params` and `scalp backtest`: output shapes, overrides, and refusals of bad input.</summary>
public sealed class RunCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (ScalpCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "s.scalp");
        File.WriteAllText(path, text);
        return path;
    }

    private const string Strategy = "strategy T\ninstrument \"X\" tick 0.01 lot 1 currency USD\n" +
                                    "param gap: ticks = 2 in 1..5\nparam patience: duration = 30s\n" +
                                    "rule r priority 1 when spread <= gap => buy 1 lot at market\nexit time_stop patience\n";

    [Fact]
    public void Params_json_lists_name_type_unit_default_and_range()
    {
        var (exit, output, error) = Run("params", Write(Strategy), "--json");
        Assert.True(exit == 0, error);
        var items = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("gap", items[0].GetProperty("name").GetString());
        Assert.Equal("ticks", items[0].GetProperty("type").GetString());
        Assert.Equal("2", items[0].GetProperty("default").GetString());
        Assert.Equal("1", items[0].GetProperty("lower").GetString());
        Assert.Equal("30s", items[1].GetProperty("default").GetString());
    }

    [Fact]
    public void Backtest_json_has_the_summary_fields()
    {
        var (exit, output, error) = Run("backtest", Write(Strategy), "--data", "synthetic:seed=2,events=20000", "--param", "gap=1", "--json");
        Assert.True(exit == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        foreach (var field in new[] { "strategy", "events", "orders", "fills", "round_trips", "gross_pnl", "fees", "net_pnl", "win_rate",
                                      "max_drawdown", "sharpe", "edge_ratio", "kill_switch", "elapsed_ms", "events_per_second" })
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal(20_000, root.GetProperty("events").GetInt64());
        Assert.True(root.GetProperty("orders").GetInt64() > 0);
    }

    [Theory]
    [InlineData("--data", "nonsense")]
    [InlineData("--data", "synthetic:seed=-3")]
    [InlineData("--data", "lobster:/no/such/message.csv")]
    [InlineData("--param", "gap=9")]
    [InlineData("--param", "nope=1")]
    [InlineData("--param", "patience=30")]
    [InlineData("--param", "gap")]
    public void Bad_backtest_input_exits_2_with_a_message(string option, string value)
    {
        var (exit, _, error) = Run("backtest", Write(Strategy), option, value);
        Assert.Equal(2, exit);
        Assert.StartsWith("scalp", error);
    }
}

using System.Text.Json;

namespace ScalpLang.Cli.Tests;

/// <summary>`scalp backtest --venue simulated [--latency] [--fees]`: fees reach the summary; bad combinations are usage errors.</summary>
public sealed class VenueOptionTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (ScalpCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private static string Example()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        return Path.Combine(dir, "examples", "spread_breakout.scalp");
    }

    [Fact]
    public void Fees_of_the_simulated_venue_come_off_the_net()
    {
        var (exit, output, error) = Run("backtest", Example(), "--venue", "simulated", "--latency", "const:100us", "--fees", "maker=1bp,taker=3bp", "--json");
        Assert.True(exit == 0, error);
        var summary = JsonDocument.Parse(output).RootElement;
        Assert.True(summary.GetProperty("fills").GetInt64() > 0);
        var fees = summary.GetProperty("fees").GetDecimal();
        Assert.True(fees > 0, $"fees {fees}");
        Assert.Equal(summary.GetProperty("gross_pnl").GetDecimal() - fees, summary.GetProperty("net_pnl").GetDecimal());
    }

    [Theory]
    [InlineData(new[] { "--venue", "exotic" }, "--venue exotic: use simple or simulated")]
    [InlineData(new[] { "--latency", "const:1ms" }, "--latency, --md-latency and --fees apply to --venue simulated")]
    [InlineData(new[] { "--md-latency", "const:1ms" }, "--latency, --md-latency and --fees apply to --venue simulated")]
    [InlineData(new[] { "--venue", "simulated", "--md-latency", "later" }, "--md-latency later:")]
    [InlineData(new[] { "--venue", "simulated", "--latency", "soon" }, "--latency soon:")]
    [InlineData(new[] { "--venue", "simulated", "--fees", "maker=lots" }, "--fees maker=lots:")]
    [InlineData(new[] { "--venue", "simulated", "--md-latency", "const:5ms", "--data", "tape:x.tape" }, "--md-latency needs order-level or L2 data")]
    public void Bad_venue_options_are_usage_errors(string[] options, string message)
    {
        var (exit, output, error) = Run(["backtest", Example(), .. options]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}

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

    private static string Example(string name = "spread_breakout.scalp")
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        return Path.Combine(dir, "examples", name);
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
    public void Bad_venue_options_are_usage_errors(string[] options, string message)
    {
        var (exit, output, error) = Run(["backtest", Example(), .. options]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_simulated_venue_trades_on_a_tape()
    {
        var tape = Path.Combine(Path.GetTempPath(), $"venue-{Guid.NewGuid():N}.tape");
        try
        {
            var (recorded, _, recordError) = Run("tape", "--data", "synthetic:seed=3,events=60000", "-o", tape, "--depth", "10");
            Assert.True(recorded == 0, recordError);
            var (exit, output, error) = Run("backtest", Example("passive_market_maker.scalp"), "--data", $"tape:{tape}", "--venue", "simulated", "--fees", "maker=-2bp,taker=3bp", "--json");
            Assert.True(exit == 0, error);
            var summary = JsonDocument.Parse(output).RootElement;
            Assert.True(summary.GetProperty("fills").GetInt64() > 0);
            Assert.NotEqual(0m, summary.GetProperty("fees").GetDecimal());
            Assert.Equal(0, summary.GetProperty("at_end").GetProperty("in_flight_orders").GetInt32());

            // With market-data latency the strategy sees the tape later: it still trades, and the
            // events still travelling at the end are counted, not lost.
            var (late, lateOutput, lateError) = Run("backtest", Example("passive_market_maker.scalp"), "--data", $"tape:{tape}", "--venue", "simulated",
                "--md-latency", "const:20ms", "--json");
            Assert.True(late == 0, lateError);
            var delayed = JsonDocument.Parse(lateOutput).RootElement;
            Assert.True(delayed.GetProperty("fills").GetInt64() > 0);
            var unseen = delayed.GetProperty("at_end").GetProperty("unseen_events").GetInt64();
            Assert.True(unseen > 0);
            Assert.Equal(summary.GetProperty("events").GetInt64(), delayed.GetProperty("events").GetInt64() + unseen);
        }
        finally
        {
            File.Delete(tape);
        }
    }

    [Fact]
    public void Market_data_latency_runs_are_deterministic()
    {
        string[] args = ["backtest", Example(), "--data", "synthetic:seed=3,events=60000", "--venue", "simulated", "--latency", "uniform:20us..80us",
            "--md-latency", "lognormal:median=2ms,sigma=0.5", "--json"];
        string Strip(string json)
        {
            var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            root.Remove("elapsed_ms");
            root.Remove("events_per_second");
            return root.ToJsonString();
        }
        var (exit, first, error) = Run(args);
        Assert.True(exit == 0, error);
        var (_, second, _) = Run(args);
        Assert.Equal(Strip(first), Strip(second));
        var atEnd = JsonDocument.Parse(first).RootElement.GetProperty("at_end");
        Assert.True(atEnd.GetProperty("unseen_events").GetInt32() > 0); // the last ~2 ms of data never reach the strategy
    }
}

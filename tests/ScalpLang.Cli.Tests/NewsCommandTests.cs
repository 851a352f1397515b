using System.Text.Json;
using ScalpLang.Cli.Tests.Scenarios;

namespace ScalpLang.Cli.Tests;

/// <summary>
/// News sentiment end to end through the `scalp` command: train-text on a labelled file, a
/// strategy declaring the model, backtests with --news (and without it), bad rows, and the
/// exit codes of every refusal.
/// </summary>
public sealed class NewsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-news-cli-").FullName;

    private static string Examples => Path.Combine(ScenarioHarness.RepoRoot, "examples");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ScalpCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private const string Buyer = """
        strategy NewsBuyer
        instrument "SYN" tick 0.01 lot 1 currency USD
        sentiment mood = "mood.zip"
        rule enter priority 1 when mood > 0.65 and position < 1 => buy 1 lot at market
        rule leave priority 2 when mood < 0.35 and position > 0 => flatten
        """;

    [Fact]
    public void Train_text_then_check_build_and_backtest_with_news()
    {
        var model = Path.Combine(_dir, "mood.zip");
        var source = Write("buyer.scalp", Buyer);
        var (exit, _, error) = Run("check", source);
        Assert.Equal(1, exit);
        Assert.Contains("error SL2067: sentiment 'mood': no model file 'mood.zip'", error);

        (exit, var output, error) = Run("train-text", Path.Combine(Examples, "news", "labelled_headlines.csv"), "-o", model, "--json");
        Assert.True(exit == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            var root = json.RootElement;
            Assert.Equal("sdca", root.GetProperty("trainer").GetString());
            Assert.Equal(320, root.GetProperty("train_rows").GetInt32());
            Assert.Equal(80, root.GetProperty("holdout_rows").GetInt32());
            Assert.Equal(80, root.GetProperty("confusion").EnumerateObject().Sum(p => p.Value.GetInt32()));
            Assert.True(root.GetProperty("auc").GetDouble() > 0.75, output);
            Assert.InRange(root.GetProperty("positive_rate").GetDouble(), 0.0, 1.0);
        }

        (exit, _, error) = Run("check", source);
        Assert.True(exit == 0, error);

        // Without --news the run is refused, naming the option.
        (exit, _, error) = Run("backtest", source, "--data", "synthetic:seed=2,events=5000");
        Assert.Equal(2, exit);
        Assert.Contains("reads headlines (sentiment 'mood'): give them with --news PATH.csv", error);

        var news = Write("news.csv", "time,headline\n2024-01-02T14:30:00.5Z,\"Acme Corp beats estimates, analysts say\"\n2024-01-02T14:30:02Z,Globex plunges\n");
        (exit, output, error) = Run("backtest", source, "--data", "synthetic:seed=2,events=20000", "--news", news, "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("news: 2 headline(s) applied, 0 after the last event, 0 for another symbol", error);
        using (var json = JsonDocument.Parse(output))
        {
            // One entry after the good headline, one flatten after the bad one: a round trip.
            Assert.Equal(2, json.RootElement.GetProperty("fills").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("round_trips").GetInt32());
        }

        // Verilog refuses the sentiment at its declaration.
        (exit, _, error) = Run("build", source, "--target", "verilog", "-o", Path.Combine(_dir, "v"));
        Assert.Equal(1, exit);
        Assert.Contains("buyer.scalp:3:11: error SL5006: sentiment 'mood' is not synthesizable", error);
    }

    [Fact]
    public void The_example_backtests_with_its_committed_model_and_headlines()
    {
        var (exit, output, error) = Run("backtest", Path.Combine(Examples, "news", "news_scalper.scalp"),
            "--news", Path.Combine(Examples, "news", "headlines.csv"), "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("news: 7 headline(s) applied, 1 after the last event, 1 for another symbol", error);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("orders").GetInt32() > 0, output);
    }

    [Fact]
    public void Bad_headline_rows_stop_before_the_run_or_are_skipped_and_counted()
    {
        var source = Path.Combine(Examples, "news", "news_scalper.scalp");
        var news = Write("bad.csv", "time,headline\n1704205801000000000,Acme Corp beats estimates\nnot-a-time,Globex plunges\n");
        var (exit, output, error) = Run("backtest", source, "--news", news);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains($"scalp backtest: {news}:3: time 'not-a-time' is neither Unix nanoseconds nor ISO-8601 UTC", error);

        (exit, _, error) = Run("backtest", source, "--data", "synthetic:seed=2,events=5000", "--news", news, "--news-bad-rows", "skip");
        Assert.True(exit == 0, error);
        Assert.Contains($"1 bad row(s) skipped (first: {news}:3:", error);
    }

    [Fact]
    public void Option_misuse_is_a_usage_error()
    {
        var plain = Path.Combine(Examples, "imbalance_scalper.scalp");
        var news = Path.Combine(Examples, "news", "headlines.csv");
        var (exit, _, error) = Run("backtest", plain, "--news", news);
        Assert.Equal(2, exit);
        Assert.Contains("declares no sentiment, so it reads no headlines", error);

        var scalper = Path.Combine(Examples, "news", "news_scalper.scalp");
        (exit, _, error) = Run("backtest", scalper, "--news", Path.Combine(_dir, "none.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("none.csv: no such file", error);

        (exit, _, error) = Run("backtest", scalper, "--news", news, "--news-bad-rows", "maybe");
        Assert.Equal(2, exit);
        Assert.Contains("--news-bad-rows maybe: use stop or skip", error);

        (exit, _, error) = Run("backtest", scalper, "--news", news, "--sweep", "bullish=0.6..0.7:0.1");
        Assert.Equal(2, exit);
        Assert.Contains("cannot be combined with --sweep", error);

        (exit, _, error) = Run("train-text", Path.Combine(_dir, "none.csv"), "-o", Path.Combine(_dir, "m.zip"));
        Assert.Equal(2, exit);
        Assert.Contains("none.csv: no such file", error);

        var unlabelled = Write("bad-labels.csv", "text,label\nAcme beats,maybe\n");
        (exit, _, error) = Run("train-text", unlabelled, "-o", Path.Combine(_dir, "m.zip"));
        Assert.Equal(1, exit);
        Assert.Contains($"{unlabelled}:2: label 'maybe' is not 1/0", error);
    }
}

using System.Text.Json;

namespace ScalpLang.Cli.Tests;

/// <summary>`scalp train` end to end on synthetic data, its usage errors, and the model file as the compiler reads it.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-train-").FullName;

    private const string Strategy = """
        strategy Learner
        instrument "X" tick 0.01 lot 1 currency USD
        signal imb = imbalance(levels: 1)
        model p_up = "p_up.zip" features [imb, spread, aggressor_ratio(window: 1s)]
        rule enter priority 1 when p_up > 0.6 => buy 1 lot at market

        """;

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

    [Fact]
    public void Train_writes_a_model_the_strategy_then_builds_and_backtests_with()
    {
        var source = Write("learner.scalp", Strategy);
        var model = Path.Combine(_dir, "p_up.zip");
        // Before training the model file is missing: a coded diagnostic at the path, exit 1.
        var (exit, _, error) = Run("build", source, "-o", Path.Combine(_dir, "x.dll"));
        Assert.Equal(1, exit);
        Assert.Contains("error SL2046: model 'p_up': no model file 'p_up.zip'", error);

        (exit, var output, error) = Run("train", source, "--data", "synthetic:seed=3,events=20000", "--label", "mid_up(200ms)",
            "-o", model, "--trainer", "lightgbm", "--trees", "10", "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("lightgbm", root.GetProperty("trainer").GetString());
        Assert.Equal("mid_up(200ms)", root.GetProperty("label").GetString());
        Assert.Equal(["imb", "spread", "aggressor_ratio(window: 1s)"], root.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        var holdout = root.GetProperty("holdout_rows").GetInt32();
        var confusion = root.GetProperty("confusion");
        Assert.Equal(holdout, confusion.EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.True(root.GetProperty("train_rows").GetInt32() > 3 * holdout);
        Assert.InRange(root.GetProperty("label_rate").GetDouble(), 0.0, 1.0);
        Assert.True(File.Exists(model));

        (exit, _, error) = Run("build", source, "-o", Path.Combine(_dir, "x.dll"));
        Assert.True(exit == 0, error);
        (exit, output, error) = Run("build", source, "--emit", "ir", "-o", Path.Combine(_dir, "x.ir"));
        Assert.True(exit == 0, error);
        Assert.Contains("model_score p_up lightgbm(10 trees", File.ReadAllText(Path.Combine(_dir, "x.ir")));
        (exit, output, error) = Run("backtest", source, "--data", "synthetic:seed=4,events=20000", "--json");
        Assert.True(exit == 0, error);
        Assert.Equal(20000, JsonDocument.Parse(output).RootElement.GetProperty("events").GetInt64());
    }

    [Fact]
    public void The_table_reports_auc_accuracy_and_the_confusion_matrix()
    {
        var source = Write("learner.scalp", Strategy);
        var (exit, output, error) = Run("train", source, "--data", "synthetic:seed=5,events=20000", "--label", "mid_down(100ms)",
            "-o", Path.Combine(_dir, "p_up.zip"), "--trainer", "sdca");
        Assert.True(exit == 0, error);
        Assert.Contains("trainer sdca, label mid_down(100ms)", output);
        Assert.Contains("holdout: AUC ", output);
        Assert.Contains("actual true", output);
        Assert.Contains("actual false", output);
    }

    [Theory]
    [InlineData("--label", "up(1s)")]
    [InlineData("--trainer", "xgboost")]
    [InlineData("--holdout", "1.5")]
    [InlineData("--data", "nosuch:x")]
    public void Bad_options_exit_2_with_a_message(string option, string value)
    {
        var source = Write("learner.scalp", Strategy);
        string[] label = option == "--label" ? [] : ["--label", "mid_up(500ms)"];
        string[] args = ["train", source, .. label, "-o", Path.Combine(_dir, "m.zip"), option, value];
        var (exit, _, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.StartsWith("scalp train: ", error);
    }

    [Fact]
    public void A_strategy_without_a_model_block_cannot_be_trained()
    {
        var source = Write("plain.scalp", """
            strategy Plain
            instrument "X" tick 0.01 lot 1 currency USD
            rule enter priority 1 when spread <= 1 tick => buy 1 lot at market

            """);
        var (exit, _, error) = Run("train", source, "--label", "mid_up(500ms)", "-o", Path.Combine(_dir, "m.zip"), "--data", "synthetic:events=5000");
        Assert.Equal(1, exit);
        Assert.Contains("declares no model block", error);
    }

    [Fact]
    public void A_damaged_model_file_is_a_coded_diagnostic_not_a_crash()
    {
        var source = Write("learner.scalp", Strategy);
        File.WriteAllBytes(Path.Combine(_dir, "p_up.zip"), [0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
        var (exit, _, error) = Run("check", source);
        Assert.Equal(1, exit);
        Assert.Contains("error SL2047: model 'p_up': 'p_up.zip' is not a readable ML.NET model", error);
    }
}

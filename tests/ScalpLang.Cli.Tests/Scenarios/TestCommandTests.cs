namespace ScalpLang.Cli.Tests.Scenarios;

/// <summary><c>scalp test</c>: scenario discovery and the exit codes 0 (all pass), 1 (a failure), 2 (a bad or missing file).</summary>
public sealed class TestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-test-").FullName;

    private const string Strategy = """
        strategy Tiny
        instrument "X" tick 0.01 lot 1 currency USD
        rule go priority 1 when spread <= 1 tick => wait
        rule never priority 2 when spread > 100 ticks => buy 1 lot at market
        """;

    private const string Passing = "at 0ms book bid 1.00x1 ask 1.01x1\nexpect at 0ms wait\n";
    private const string Failing = "at 0ms book bid 1.00x1 ask 1.01x1\nexpect at 0ms kill\n";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        return (ScalpCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Without_scenario_arguments_it_runs_the_scenarios_folder_in_name_order()
    {
        var strategy = Write("tiny.scalp", Strategy);
        var b = Write("scenarios/tiny/b.scn", Passing);
        var a = Write("scenarios/tiny/a.scn", Passing);
        Write("scenarios/tiny/notes.txt", "not a scenario");
        var (exit, output, error) = Run("test", strategy);
        Assert.True(exit == 0, error);
        Assert.Equal($"PASS {a} (1 expected action)\nPASS {b} (1 expected action)\n2 scenarios: 2 passed, 0 failed\n", output);
    }

    [Fact]
    public void A_failing_scenario_exits_1()
    {
        var strategy = Write("tiny.scalp", Strategy);
        var (exit, output, _) = Run("test", strategy, Write("ok.scn", Passing), Write("bad.scn", Failing));
        Assert.Equal(1, exit);
        Assert.Contains("FAIL ", output, StringComparison.Ordinal);
        Assert.EndsWith("2 scenarios: 1 passed, 1 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_scenario_file_exits_2_with_its_position_and_the_others_still_run()
    {
        var strategy = Write("tiny.scalp", Strategy);
        var bad = Write("bad.scn", "at 0ms book bid 1.00x1 ask 1.01x1\nexpect at 0ms wiat\n");
        var (exit, output, error) = Run("test", strategy, bad, Write("fails.scn", Failing));
        Assert.Equal(2, exit);
        Assert.Equal($"{bad}:2:15: error: expected 'buy', 'sell', 'flatten', 'cancel_all', 'wait', 'hold', 'kill' or 'nothing', found 'wiat'\n", error);
        Assert.Contains($"ERROR {bad}: 1 error, not run", output, StringComparison.Ordinal);
        Assert.Contains("FAIL ", output, StringComparison.Ordinal);
        Assert.EndsWith("2 scenarios: 0 passed, 1 failed, 1 not run (errors above)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_scenario_file_or_folder_exits_2()
    {
        var strategy = Write("tiny.scalp", Strategy);
        var (exit, _, error) = Run("test", strategy, Path.Combine(_dir, "nope.scn"));
        Assert.Equal(2, exit);
        Assert.Contains("nope.scn: cannot read: no such file", error, StringComparison.Ordinal);
        (exit, _, error) = Run("test", strategy);
        Assert.Equal(2, exit);
        Assert.Contains($"no scenarios for {strategy}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strategy_that_does_not_compile_exits_1_and_a_missing_one_2()
    {
        var scenario = Write("ok.scn", Passing);
        var (exit, _, error) = Run("test", Write("broken.scalp", "strategy B\nsignal x = nope\n"), scenario);
        Assert.Equal(1, exit);
        Assert.Contains("SL2", error, StringComparison.Ordinal);
        (exit, _, _) = Run("test", Path.Combine(_dir, "missing.scalp"), scenario);
        Assert.Equal(2, exit);
    }
}

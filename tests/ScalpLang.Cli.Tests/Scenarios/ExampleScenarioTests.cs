namespace ScalpLang.Cli.Tests.Scenarios;

/// <summary>
/// Every example ships scenarios for its entry, its stops and its circuit breaker, and they pass;
/// and they are not vacuous: without any one of their expected actions, each one fails.
/// </summary>
public sealed class ExampleScenarioTests
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(ScenarioHarness.RepoRoot, "examples"), "*.scalp").Select(p => Path.GetFileNameWithoutExtension(p)!).Order()];

    private static string Folder(string example) => Path.Combine(ScenarioHarness.RepoRoot, "examples", "scenarios", example);

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_has_entry_stop_loss_and_circuit_breaker_scenarios_and_they_pass(string example)
    {
        var scenarios = Directory.GetFiles(Folder(example), "*.scn").Select(Path.GetFileName).ToList();
        Assert.Contains("entry.scn", scenarios);
        Assert.Contains("stop_loss.scn", scenarios);
        Assert.Contains("circuit_breaker.scn", scenarios);
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        var exit = ScalpCli.Run(["test", Path.Combine(ScenarioHarness.RepoRoot, "examples", example + ".scalp")], stdout, stderr);
        Assert.True(exit == 0, stdout + "\n" + stderr);
        Assert.Equal(scenarios.Count, stdout.ToString().Split('\n').Count(l => l.StartsWith("PASS ", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_expected_action_of_the_examples_scenarios_is_needed(string example)
    {
        using var harness = ScenarioHarness.ForExample(example);
        foreach (var path in Directory.GetFiles(Folder(example), "*.scn"))
        {
            var lines = File.ReadAllLines(path);
            var actions = lines.Select((text, i) => (text, i))
                .Where(l => l.text.TrimStart().StartsWith("expect ", StringComparison.Ordinal) && !l.text.Contains(" nothing", StringComparison.Ordinal))
                .ToList();
            Assert.NotEmpty(actions);
            foreach (var (text, index) in actions)
            {
                var without = string.Join("\n", lines.Where((_, i) => i != index));
                var outcome = harness.Run(without);
                Assert.True(outcome.Errors.IsEmpty, string.Join("\n", outcome.Errors));
                Assert.False(outcome.Passed, $"{Path.GetFileName(path)} still passes without line {index + 1}: {text.Trim()}");
            }
        }
    }
}

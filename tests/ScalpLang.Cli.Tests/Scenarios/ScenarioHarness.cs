using ScalpLang.Backtest.Scenarios;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Cli.Tests.Scenarios;

/// <summary>Compiles a strategy source once and runs scenario texts against it, as <c>scalp test</c> does.</summary>
internal sealed class ScenarioHarness : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-scn-").FullName;
    private readonly CompiledStrategy _strategy;

    public ScenarioHarness(string source)
    {
        var path = Path.Combine(_dir, "s.scalp");
        File.WriteAllText(path, source);
        _strategy = Compile(path);
    }

    /// <summary>A strategy file compiled where it is (its model files are relative to it).</summary>
    private ScenarioHarness(FileInfo file) => _strategy = Compile(file.FullName);

    private static CompiledStrategy Compile(string path)
    {
        var errors = new StringWriter();
        var (strategy, _, _) = StrategyCompiler.Load(path, [], errors);
        return strategy ?? throw new InvalidOperationException(errors.ToString());
    }

    public static ScenarioHarness ForExample(string name) =>
        new(new FileInfo(Path.Combine(RepoRoot, "examples", name + ".scalp")));

    public static string RepoRoot { get; } = FindRoot();

    public ScenarioOutcome Run(string text) =>
        ScenarioCase.Run("t.scn", text, _strategy, (s, name, value) => StrategyCompiler.TryOverride(s, $"{name}={value}", out var e) ? null : e);

    /// <summary>What <c>scalp test</c> prints for the scenario (errors are not expected here).</summary>
    public string Report(string text)
    {
        var outcome = Run(text);
        Assert.True(outcome.Errors.IsEmpty, string.Join("\n", outcome.Errors));
        var output = new StringWriter { NewLine = "\n" };
        ScenarioFormat.Write(output, outcome.Scenario!, outcome.Comparison!);
        return output.ToString();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string FindRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ScalpLang.sln")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("cannot find ScalpLang.sln");
        return root;
    }
}

using System.CommandLine;
using ScalpLang.Backtest.Scenarios;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp test FILE [SCENARIO.scn...]</c> (docs/scenarios.md): runs hand-written market scenarios
/// through the strategy and compares its actions with the expected ones. Without scenario
/// arguments it runs <c>scenarios/NAME/*.scn</c> beside <c>NAME.scalp</c>. Exit 0 when every
/// scenario passes, 1 when one fails (or the strategy does not compile), 2 when a scenario file
/// is bad or missing.
/// </summary>
internal static class TestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "the strategy (.scalp)" };
        var scenarios = new Argument<string[]>("SCENARIO") { Description = "scenario files (.scn); default: scenarios/<FILE name>/*.scn beside FILE", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("test", "Run hand-written market scenarios and check the strategy's actions") { file, scenarios };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(scenarios) ?? [], stdout, stderr));
        return command;
    }

    /// <summary>Where the scenarios of <paramref name="strategyPath"/> live when none are named.</summary>
    public static string DefaultFolder(string strategyPath) =>
        Path.Combine(Path.GetDirectoryName(strategyPath) ?? "", "scenarios", Path.GetFileNameWithoutExtension(strategyPath));

    public static int Run(string path, IReadOnlyList<string> scenarioPaths, TextWriter stdout, TextWriter stderr)
    {
        var paths = scenarioPaths.Count > 0 ? scenarioPaths : Discover(path);
        if (paths.Count == 0)
        {
            stderr.WriteLine($"scalp test: no scenarios for {path}: name .scn files, or put them in {DefaultFolder(path)}{Path.DirectorySeparatorChar}*.scn");
            return ExitCodes.UsageOrIo;
        }
        var (strategy, context, exit) = StrategyCompiler.Load(path, [], stderr);
        if (strategy is null)
            return exit;
        try
        {
            int passed = 0, failed = 0, bad = 0;
            foreach (var scenarioPath in paths)
            {
                var outcome = RunOne(scenarioPath, strategy, stdout, stderr);
                if (outcome is null)
                    bad++;
                else if (outcome.Value)
                    passed++;
                else
                    failed++;
            }
            stdout.WriteLine($"{paths.Count} scenario{(paths.Count == 1 ? "" : "s")}: {passed} passed, {failed} failed" + (bad > 0 ? $", {bad} not run (errors above)" : ""));
            return bad > 0 ? ExitCodes.UsageOrIo : failed > 0 ? ExitCodes.Errors : ExitCodes.Success;
        }
        finally
        {
            if (context!.IsCollectible)
                context.Unload();
        }
    }

    /// <returns>Whether the scenario passed; null when the file could not be read or is not a valid scenario.</returns>
    private static bool? RunOne(string scenarioPath, Runtime.Abi.CompiledStrategy strategy, TextWriter stdout, TextWriter stderr)
    {
        string text;
        try
        {
            text = File.ReadAllText(scenarioPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"scalp test: {scenarioPath}: cannot read: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}");
            return null;
        }
        var outcome = ScenarioCase.Run(scenarioPath, text, strategy,
            (s, name, value) => StrategyCompiler.TryOverride(s, $"{name}={value}", out var error) ? null : error);
        if (!outcome.Errors.IsEmpty)
        {
            foreach (var error in outcome.Errors)
                stderr.WriteLine(error.ToString());
            stdout.WriteLine($"ERROR {scenarioPath}: {outcome.Errors.Length} error{(outcome.Errors.Length == 1 ? "" : "s")}, not run");
            return null;
        }
        ScenarioFormat.Write(stdout, outcome.Scenario!, outcome.Comparison!);
        return outcome.Passed;
    }

    private static List<string> Discover(string strategyPath)
    {
        var folder = DefaultFolder(strategyPath);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.scn").Order(StringComparer.Ordinal)]
            : [];
    }
}

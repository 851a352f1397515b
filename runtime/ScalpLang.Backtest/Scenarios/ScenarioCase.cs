using System.Collections.Immutable;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>Sets a parameter from its text (as <c>--param NAME=VALUE</c> would); returns why not, or null.</summary>
public delegate string? ParameterSetter(CompiledStrategy strategy, string name, string value);

/// <summary>A scenario's result: errors in the file (it could not run), or the comparison.</summary>
public sealed record ScenarioOutcome(BoundScenario? Scenario, ImmutableArray<ScenarioError> Errors, ScenarioComparison? Comparison)
{
    public bool Passed => Errors.IsEmpty && Comparison is { Passed: true };
}

/// <summary>One .scn file end to end: parse, bind, a fresh strategy with the file's params, run, compare.</summary>
public static class ScenarioCase
{
    /// <param name="template">
    /// The compiled strategy; each scenario runs on a new, unstarted instance of its type, so
    /// windows and positions never leak from one scenario into the next.
    /// </param>
    public static ScenarioOutcome Run(string path, string text, CompiledStrategy template, ParameterSetter setParameter)
    {
        var (file, parseErrors) = ScenarioParser.Parse(text, path);
        if (file is null)
            return new ScenarioOutcome(null, parseErrors, null);
        var (scenario, bindErrors) = ScenarioBinder.Bind(file, template.Metadata);
        if (scenario is null)
            return new ScenarioOutcome(null, bindErrors, null);
        var strategy = (CompiledStrategy)Activator.CreateInstance(template.GetType())!;
        foreach (var param in scenario.Params)
        {
            if (setParameter(strategy, param.Name, param.Value) is { } error)
                return new ScenarioOutcome(scenario, [new ScenarioError(path, param.At, $"param {param.Name} = {param.Value}: {error}")], null);
        }
        try
        {
            strategy.Start();
        }
        catch (ArgumentException e)
        {
            return new ScenarioOutcome(scenario, [new ScenarioError(path, scenario.Params.FirstOrDefault()?.At ?? new SourcePosition(1, 1),
                $"{template.Metadata.Name} cannot start with these params: {e.Message}")], null);
        }
        var (actions, runError) = ScenarioRunner.Run(scenario, strategy);
        return runError is not null
            ? new ScenarioOutcome(scenario, [runError], null)
            : new ScenarioOutcome(scenario, [], ScenarioComparer.Compare(scenario, actions));
    }
}

namespace ScalpLang.Backtest.Scenarios;

/// <summary>Something wrong with a scenario file itself (not a failing expectation): <c>path:line:col: error: message</c>.</summary>
public sealed record ScenarioError(string Path, SourcePosition At, string Message)
{
    public override string ToString() => $"{Path}:{At.Line}:{At.Column}: error: {Message}";
}

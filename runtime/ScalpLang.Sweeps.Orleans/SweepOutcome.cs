using ScalpLang.Backtest;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>What one work item gave: its summary, or the reason it has none; and the silo that ran it.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepOutcome(
    [property: Id(0)] int Index,
    [property: Id(1)] BacktestSummary? Summary,
    [property: Id(2)] string? Error,
    [property: Id(3)] string Silo);

namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// One point of a sweep as it travels to a silo: the strategy image itself (a silo needs nothing
/// installed but the runtime), every parameter value to set (the fixed overrides, then the point's
/// axes, in that order, as a local sweep sets them), and the data and venue as the submitter wrote
/// them, to be read by the silo from a path it can reach.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepWorkItem(
    [property: Id(0)] int Index,
    [property: Id(1)] StrategyImage Strategy,
    [property: Id(2)] ParameterValue[] Parameters,
    [property: Id(3)] string Data,
    [property: Id(4)] VenueSettings? Venue);

/// <summary>A parameter's raw value (Q47.16, ticks, lots or ns), as <c>SetParameter</c> takes it.</summary>
[GenerateSerializer, Immutable]
public sealed record ParameterValue([property: Id(0)] string Name, [property: Id(1)] long Raw);

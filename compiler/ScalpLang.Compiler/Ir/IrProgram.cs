using System.Collections.Immutable;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Compiler.Ir;

/// <summary>
/// The one contract between the front end and the backends (DESIGN.md §2): a strategy as a typed
/// dataflow graph. Nodes are in topological order; Signals names the nodes that hold the
/// strategy's declared signals (for listings and debugging); Decisions are the per-event
/// decision list in evaluation order.
/// </summary>
public sealed record IrProgram(
    string Name,
    Text.SourceLocation Location,
    BoundInstrument? Instrument,
    int BookDepth,
    ImmutableArray<IrParamInfo> Params,
    ImmutableArray<IrNode> Nodes,
    ImmutableDictionary<string, IrValue> Signals,
    ImmutableArray<IrDecision> Decisions,
    ImmutableArray<IrRiskLimit> RiskLimits)
{
    public IrNode this[IrValue value] => Nodes[value.Id];

    /// <summary>The sentiment slots, in slot order (the host scores each headline with each model).</summary>
    public ImmutableArray<IrSentimentInfo> Sentiments { get; init; } = [];

    /// <summary>
    /// Where each node comes from: the innermost source expression (or declaration) that created
    /// it; a node shared by several uses keeps its first. Backends cite it in diagnostics and
    /// listings; it does not change what the program computes.
    /// </summary>
    public ImmutableDictionary<int, Text.SourceLocation> Origins { get; init; } = ImmutableDictionary<int, Text.SourceLocation>.Empty;

    /// <summary>
    /// Every standard-library call (<c>position</c>, <c>cancel_rate(...)</c>) by the node it
    /// evaluates to: a shared node has one origin but many call sites, and a backend that refuses
    /// the node reports each of them.
    /// </summary>
    public ImmutableDictionary<int, ImmutableArray<Text.SourceLocation>> CallSites { get; init; } =
        ImmutableDictionary<int, ImmutableArray<Text.SourceLocation>>.Empty;
}

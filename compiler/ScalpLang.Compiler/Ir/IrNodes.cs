using System.Collections.Immutable;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Ir;

/// <summary>A value of the dataflow graph: the id of the node that computes it.</summary>
public readonly record struct IrValue(int Id)
{
    public override string ToString() => $"%{Id}";
}

/// <summary>
/// A node of the strategy's dataflow graph. Nodes are in topological order (operands have
/// smaller ids) and carry their type: Q47.16 for numbers, whole nanoseconds for durations, 0/1
/// for bools (grammar/README.md, "Numeric semantics"). Nodes are data; backends are visitors.
/// </summary>
public abstract record IrNode(int Id, ScalpType Type)
{
    public IrValue Value => new(Id);

    /// <summary>The values this node reads, in order.</summary>
    public abstract ImmutableArray<IrValue> Operands { get; }
}

public sealed record IrConst(int Id, ScalpType Type, long Raw) : IrNode(Id, Type)
{
    public override ImmutableArray<IrValue> Operands => [];
}

/// <summary>A strategy parameter, fixed when the strategy is loaded (index into <see cref="IrProgram.Params"/>).</summary>
public sealed record IrParam(int Id, ScalpType Type, int Index) : IrNode(Id, Type)
{
    public override ImmutableArray<IrValue> Operands => [];
}

/// <summary>What the runtime hands the strategy on every event, before any computation.</summary>
public enum IrInputKind
{
    BestBid,
    BestAsk,
    /// <summary>Resting bid size summed over the top <c>Levels</c> levels.</summary>
    BidDepth,
    AskDepth,
    LastPrice,
    Position,
    EntryPrice,
    TimeInPosition,
    LossesInARow,
}

/// <summary>
/// A primitive input; <see cref="Levels"/> is used by the depth inputs only (else 0). When
/// <see cref="LevelsParam"/> is set the count is that parameter, read at load time, and
/// <see cref="Levels"/> is its default.
/// </summary>
public sealed record IrInput(int Id, ScalpType Type, IrInputKind Kind, int Levels, int? LevelsParam = null) : IrNode(Id, Type)
{
    public override ImmutableArray<IrValue> Operands => [];
}

public enum IrOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
    Not,
    /// <summary>Operands: condition, then, else.</summary>
    Select,
}

/// <summary>A pure operation with exactly the reference's semantics (ConstantFolder implements them).</summary>
public sealed record IrOperation(int Id, ScalpType Type, IrOp Op, ImmutableArray<IrValue> Args) : IrNode(Id, Type)
{
    public override ImmutableArray<IrValue> Operands => Args;
}

/// <summary>The stateful windowed features of the standard library (grammar/README.md, "Windows").</summary>
public enum IrWindowKind
{
    AvgDepth,
    CancelRate,
    AggressorRatio,
    TradeVolume,
    Vwap,
    Drawdown,
    Atr,
    Ema,
    Sma,
    Zscore,
}

/// <summary>
/// A window over time: state the strategy keeps (32 buckets of Window / 32, or bars for atr).
/// Window (and Bar) are load-time constants: a const or param node. Operand is the sampled value
/// for ema/sma/zscore; Levels is used by avg_depth (LevelsParam as for <see cref="IrInput"/>).
/// </summary>
public sealed record IrWindow(int Id, ScalpType Type, IrWindowKind Kind, IrValue Window, IrValue? Bar, IrValue? Operand, int Levels, int? LevelsParam = null)
    : IrNode(Id, Type)
{
    public override ImmutableArray<IrValue> Operands =>
        [Window, .. Bar is { } b ? [b] : ImmutableArray<IrValue>.Empty, .. Operand is { } o ? [o] : ImmutableArray<IrValue>.Empty];
}

/// <summary>The highest value of Operand since the position last left zero (trailing stops); 0 when flat.</summary>
public sealed record IrPeakSinceEntry(int Id, ScalpType Type, IrValue Operand) : IrNode(Id, Type)
{
    public override ImmutableArray<IrValue> Operands => [Operand];
}

/// <summary>The probability of an ML signal block over its feature values (scored by a later release).</summary>
public sealed record IrModel(int Id, string Name, string Path, ImmutableArray<IrValue> Features, Text.SourceLocation Location) : IrNode(Id, ScalpType.Ratio)
{
    public override ImmutableArray<IrValue> Operands => Features;
}

/// <summary>
/// An ONNX model scored by the host on the CPU target (grammar/README.md §3.4): its features are
/// recorded on every evaluation into a history of <see cref="History"/> rows, and its value is
/// the host's probability for that history. <see cref="Path"/> is the checked file's full path.
/// </summary>
public sealed record IrNeuralModel(int Id, string Name, string Path, ImmutableArray<IrValue> Features, int History, Text.SourceLocation Location)
    : IrNode(Id, ScalpType.Ratio)
{
    public override ImmutableArray<IrValue> Operands => Features;
}

/// <summary>twap/vwap: Over and Slices; iceberg: Show (lots). Load-time constants (const or param nodes).</summary>
/// <summary>
/// A sentiment's current value (a ratio, raw 0..65536): the host sets slot <see cref="Slot"/> once
/// per headline; reading it is a field load (grammar/README.md §3.13).
/// </summary>
public sealed record IrSentiment(int Id, string Name, int Slot, Text.SourceLocation Location) : IrNode(Id, ScalpType.Ratio)
{
    public override ImmutableArray<IrValue> Operands => [];
}

/// <summary>A sentiment declaration as the host needs it: its name and model file (null when the file was not checked).</summary>
public sealed record IrSentimentInfo(string Name, string? ModelPath);

public sealed record IrSlicer(SliceAlgorithm Algorithm, IrValue? Over, IrValue? Slices, IrValue? Show = null);

public abstract record IrAction;
/// <summary>LimitPrice null: a market order. Slicer null: one order.</summary>
public sealed record IrTrade(OrderSide Side, IrValue Quantity, IrValue? LimitPrice, IrSlicer? Slicer) : IrAction;
public sealed record IrWait : IrAction;
public sealed record IrCancelAll : IrAction;
public sealed record IrFlatten(IrValue? StandAside) : IrAction;
public sealed record IrKill : IrAction;

public enum IrDecisionKind
{
    CircuitBreaker,
    Exit,
    Rule,
}

/// <summary>
/// One entry of the per-event decision list: when Condition holds, Action happens. The list is
/// in evaluation order (circuit breakers, exits, rules by descending priority); filters are
/// already folded into the conditions of trading rules.
/// </summary>
/// <remarks>Location is the declaration the decision comes from (null for hand-built IR).</remarks>
public sealed record IrDecision(IrDecisionKind Kind, string Name, int Priority, IrValue Condition, IrAction Action)
{
    public Text.SourceLocation? Location { get; init; }
}

public sealed record IrParamInfo(string Name, ScalpType Type, long Default, long? Lower, long? Upper);

public sealed record IrRiskLimit(RiskLimitKind Kind, IrValue Value, IrValue? Per);

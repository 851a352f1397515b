using System.Collections.Immutable;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Semantics;

/// <summary>The traded instrument. Tick and lot sizes are exact decimals (display and order sizing only).</summary>
public sealed record BoundInstrument(string Symbol, decimal TickSize, decimal LotSize, string Currency);

public sealed record BoundRange(BoundLiteral Lower, BoundLiteral Upper);

public sealed record BoundParam(ParamSymbol Symbol, BoundLiteral Default, BoundRange? Range);

public sealed record BoundSignal(SignalSymbol Symbol, BoundExpression Value);

public sealed record BoundModel(ModelSymbol Symbol, string Path, ImmutableArray<BoundExpression> Features)
{
    /// <summary>The path string's span, where a model-file diagnostic points.</summary>
    public TextSpan PathSpan { get; init; }

    /// <summary>The trained model read from <see cref="Path"/> (Models/ModelBinder), or null when it was not read.</summary>
    public Models.ImportedModel? Imported { get; init; }

    /// <summary>How many evaluations an ONNX model's input holds (<c>history N</c>; 1 when absent).</summary>
    public int History { get; init; } = 1;

    /// <summary>The ONNX file's full path once Models/ModelBinder checked it against the declaration, else null.</summary>
    public string? OnnxPath { get; init; }

    public bool IsOnnx => Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// <c>sentiment NAME = "PATH.zip"</c>. <see cref="FullPath"/> is the model file resolved against the
/// declaring file's folder, set once the file has been read and found to be a sentiment model
/// (Models/SentimentBinder); the host loads it from there to score headlines.
/// </summary>
public sealed record BoundSentiment(SentimentSymbol Symbol, string Path, TextSpan PathSpan)
{
    public string? FullPath { get; init; }
}

/// <summary>Split a parent order into <c>Slices</c> children over <c>Over</c>.</summary>
/// <summary>twap/vwap: Over and Slices; iceberg: Show (lots). Each a load-time constant.</summary>
public sealed record BoundSlicer(SliceAlgorithm Algorithm, BoundExpression? Over, BoundExpression? Slices, BoundExpression? Show = null);

public sealed record BoundExecution(ExecutionSymbol Symbol, BoundSlicer Slicer);

public sealed record BoundFilter(string Name, SourceLocation Location, BoundExpression Condition);

public abstract record BoundAction(TextSpan Span);

/// <summary>LimitPrice null means a market order; Slicer null means one order.</summary>
public sealed record BoundTradeAction(OrderSide Side, BoundExpression Quantity, BoundExpression? LimitPrice, BoundSlicer? Slicer, TextSpan Span)
    : BoundAction(Span);

public sealed record BoundWaitAction(TextSpan Span) : BoundAction(Span);

public sealed record BoundCancelAllAction(TextSpan Span) : BoundAction(Span);

public sealed record BoundFlattenAction(BoundExpression? StandAside, TextSpan Span) : BoundAction(Span);

public sealed record BoundKillAction(TextSpan Span) : BoundAction(Span);

public sealed record BoundErrorAction(TextSpan Span) : BoundAction(Span);

public sealed record BoundRule(string Name, SourceLocation Location, int Priority, BoundExpression Condition, BoundAction Action);

public enum ExitKind
{
    TakeProfit,
    StopLoss,
    TrailingStop,
    TimeStop,
}

/// <summary>A price- or time-based exit of the open position (take profit, stops).</summary>
public sealed record BoundExit(ExitKind Kind, SourceLocation Location, BoundExpression Value);

/// <summary>A named conditional exit, such as a liquidity exit: flatten (and stand aside) when the condition holds.</summary>
public sealed record BoundConditionalExit(string Name, SourceLocation Location, BoundExpression Condition, BoundAction Action);

public enum RiskLimitKind
{
    MaxPosition,
    MaxOrders,
    PriceBand,
}

/// <summary>A pre-trade limit; Per is the window of max_orders.</summary>
public sealed record BoundRiskLimit(RiskLimitKind Kind, SourceLocation Location, BoundExpression Value, BoundExpression? Per);

/// <summary>Engages the latched kill switch when the condition holds.</summary>
public sealed record BoundCircuitBreaker(string Name, SourceLocation Location, BoundExpression Condition);

/// <summary>
/// A checked strategy: everything later phases need, with imports merged. Rules are ordered by
/// descending priority (the order they are evaluated in); signals in dependency order.
/// </summary>
public sealed record BoundStrategy(
    string Name,
    SourceLocation Location,
    BoundInstrument? Instrument,
    int BookDepth,
    ImmutableArray<BoundParam> Params,
    ImmutableArray<BoundSignal> Signals,
    ImmutableArray<BoundModel> Models,
    ImmutableArray<BoundExecution> Executions,
    ImmutableArray<BoundFilter> Filters,
    ImmutableArray<BoundRule> Rules,
    ImmutableArray<BoundExit> Exits,
    ImmutableArray<BoundConditionalExit> ConditionalExits,
    ImmutableArray<BoundRiskLimit> RiskLimits,
    ImmutableArray<BoundCircuitBreaker> CircuitBreakers,
    ImmutableArray<string> Imports)
{
    /// <summary>The <c>sentiment</c> declarations, imports first; a reference reads slot = index here.</summary>
    public ImmutableArray<BoundSentiment> Sentiments { get; init; } = [];
}

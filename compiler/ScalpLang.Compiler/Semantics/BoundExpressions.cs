using System.Collections.Immutable;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Semantics;

/// <summary>When a value is known: at compile time, at load time (params), or only from market data.</summary>
public enum Constness
{
    Literal,
    Parameter,
    Market,
}

/// <summary>Base of the bound tree: every node has a type and the span it came from.</summary>
public abstract record BoundExpression(ScalpType Type, TextSpan Span)
{
    public abstract Constness Constness { get; }
}

/// <summary>
/// A constant. <see cref="Raw"/> is Q47.16 for numbers, nanoseconds for durations, 0/1 for bools.
/// </summary>
public sealed record BoundLiteral(ScalpType Type, long Raw, TextSpan Span) : BoundExpression(Type, Span)
{
    public override Constness Constness => Constness.Literal;
}

public sealed record BoundParamRef(ParamSymbol Param, TextSpan Span) : BoundExpression(Param.Type, Span)
{
    public override Constness Constness => Constness.Parameter;
}

public sealed record BoundSignalRef(SignalSymbol Signal, ScalpType SignalType, TextSpan Span) : BoundExpression(SignalType, Span)
{
    public override Constness Constness => Constness.Market;
}

public sealed record BoundModelRef(ModelSymbol Model, TextSpan Span) : BoundExpression(ScalpType.Ratio, Span)
{
    public override Constness Constness => Constness.Market;
}

/// <summary>A sentiment's current value: a ratio the host sets once per headline (grammar/README.md §3.13).</summary>
public sealed record BoundSentimentRef(SentimentSymbol Sentiment, TextSpan Span) : BoundExpression(ScalpType.Ratio, Span)
{
    public override Constness Constness => Constness.Market;
}

/// <summary>A reference to an earlier parameter inside a standard-library default (p_loss = 1 - p_win).</summary>
public sealed record BoundIntrinsicParamRef(int Index, ScalpType ParamType, TextSpan Span) : BoundExpression(ParamType, Span)
{
    public override Constness Constness => Constness.Market;
}

/// <summary>A standard-library value (no arguments) or call; Arguments are in parameter order, defaults filled in.</summary>
public sealed record BoundIntrinsicCall(IntrinsicSymbol Intrinsic, ImmutableArray<BoundExpression> Arguments, ScalpType ResultType, TextSpan Span)
    : BoundExpression(ResultType, Span)
{
    public override Constness Constness => Constness.Market;
}

public sealed record BoundUnary(UnaryOperator Operator, BoundExpression Operand, ScalpType ResultType, TextSpan Span)
    : BoundExpression(ResultType, Span)
{
    public override Constness Constness => Operand.Constness;
}

public sealed record BoundBinary(BoundExpression Left, BinaryOperator Operator, BoundExpression Right, ScalpType ResultType, TextSpan Span)
    : BoundExpression(ResultType, Span)
{
    public override Constness Constness => (Constness)Math.Max((int)Left.Constness, (int)Right.Constness);
}

/// <summary>Stands for an expression already reported as wrong; absorbs further checks.</summary>
public sealed record BoundError(TextSpan Span) : BoundExpression(ScalpType.Error, Span)
{
    public override Constness Constness => Constness.Literal;
}

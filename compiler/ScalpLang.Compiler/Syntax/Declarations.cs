using System.Collections.Immutable;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Syntax;

public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span);

public sealed record ImportSyntax(StringLiteralSyntax Path, TextSpan Span) : DeclarationSyntax(Span);

public sealed record StrategySyntax(NameSyntax Name, TextSpan Span) : DeclarationSyntax(Span);

public enum InstrumentFieldKind
{
    TickSize,
    LotSize,
    Currency,
}

/// <summary><c>tick 0.01</c>, <c>lot 100</c> or <c>currency USD</c>; the value as written.</summary>
public sealed record InstrumentFieldSyntax(InstrumentFieldKind Kind, string Value, TextSpan ValueSpan, TextSpan Span) : SyntaxNode(Span);

public sealed record InstrumentSyntax(StringLiteralSyntax Symbol, ImmutableArray<InstrumentFieldSyntax> Fields, TextSpan Span)
    : DeclarationSyntax(Span);

public sealed record BookSyntax(string Depth, TextSpan DepthSpan, TextSpan Span) : DeclarationSyntax(Span);

public sealed record RangeSyntax(ExpressionSyntax Lower, ExpressionSyntax Upper, TextSpan Span) : SyntaxNode(Span);

public sealed record ParamSyntax(NameSyntax Name, TypeRefSyntax Type, ExpressionSyntax Default, RangeSyntax? Range, TextSpan Span)
    : DeclarationSyntax(Span);

public sealed record SignalSyntax(NameSyntax Name, TypeRefSyntax? Type, ExpressionSyntax Value, TextSpan Span)
    : DeclarationSyntax(Span);

/// <summary><c>model NAME = "PATH" features [...] [history N]</c>: History is the digits of N (null when absent), at HistorySpan.</summary>
public sealed record ModelSyntax(NameSyntax Name, StringLiteralSyntax Path, ImmutableArray<ExpressionSyntax> Features, TextSpan Span,
    string? History = null, TextSpan HistorySpan = default)
    : DeclarationSyntax(Span);

/// <summary><c>sentiment NAME = "PATH.zip"</c>: a headline classifier the host scores once per headline.</summary>
public sealed record SentimentSyntax(NameSyntax Name, StringLiteralSyntax Path, TextSpan Span) : DeclarationSyntax(Span);

public enum SliceAlgorithm
{
    Twap,
    Vwap,
    Iceberg,
}

/// <summary>
/// <c>twap over 30s slices 6</c> splits a parent order into children over a duration (Over and
/// Slices); <c>iceberg show 2 lots</c> works a limit order showing at most Show at a time.
/// </summary>
public sealed record SliceAlgoSyntax(SliceAlgorithm Algorithm, ExpressionSyntax? Over, ExpressionSyntax? Slices, TextSpan Span, ExpressionSyntax? Show = null)
    : SyntaxNode(Span);

public sealed record ExecutionSyntax(NameSyntax Name, SliceAlgoSyntax Algo, TextSpan Span) : DeclarationSyntax(Span);

public sealed record FilterSyntax(NameSyntax Name, ExpressionSyntax Condition, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>rule NAME priority N when COND => ACTION</c>; Priority holds the number as written.</summary>
public sealed record RuleSyntax(NameSyntax Name, string? Priority, TextSpan PrioritySpan, ExpressionSyntax Condition, ActionSyntax Action, TextSpan Span)
    : DeclarationSyntax(Span);

/// <summary>
/// <c>exit KIND VALUE</c> (take_profit, stop_loss, trailing_stop, time_stop) or
/// <c>exit NAME when COND => ACTION</c>. Exactly one of Value / (Condition, Action) is set.
/// </summary>
public sealed record ExitSyntax(NameSyntax Kind, ExpressionSyntax? Value, ExpressionSyntax? Condition, ActionSyntax? Action, TextSpan Span)
    : DeclarationSyntax(Span);

/// <summary>
/// <c>risk KIND VALUE [per DURATION]</c> (max_position, max_orders, price_band) or
/// <c>risk NAME when COND => kill</c> (a circuit breaker).
/// </summary>
public sealed record RiskSyntax(NameSyntax Kind, ExpressionSyntax? Value, ExpressionSyntax? Per, ExpressionSyntax? Condition, ActionSyntax? Action, TextSpan Span)
    : DeclarationSyntax(Span);

public sealed record IntrinsicParamSyntax(NameSyntax Name, TypeRefSyntax Type, ExpressionSyntax? Default, TextSpan Span) : SyntaxNode(Span);

/// <summary>A runtime-implemented value or function; Parameters is default when it takes no call syntax.</summary>
public sealed record IntrinsicSyntax(NameSyntax Name, ImmutableArray<IntrinsicParamSyntax>? Parameters, TypeRefSyntax ReturnType, TextSpan Span)
    : DeclarationSyntax(Span);

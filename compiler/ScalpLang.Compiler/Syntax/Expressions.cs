using System.Collections.Immutable;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Syntax;

public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>The unit written on a literal: <c>2 ticks</c>, <c>5 lots</c>, <c>500ms</c>, <c>0.5%</c>, <c>3bps</c>.</summary>
public enum LiteralSuffix
{
    None,
    Ticks,
    Lots,
    Percent,
    BasisPoints,
    Nanoseconds,
    Microseconds,
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
}

/// <summary>A decimal literal; <see cref="Digits"/> is the number without suffix or digit separators.</summary>
public sealed record NumberLiteralSyntax(string Digits, LiteralSuffix Suffix, TextSpan Span) : ExpressionSyntax(Span);

public sealed record BoolLiteralSyntax(bool Value, TextSpan Span) : ExpressionSyntax(Span);

public sealed record NameExpressionSyntax(NameSyntax Name) : ExpressionSyntax(Name.Span);

public sealed record ArgumentSyntax(NameSyntax? Name, ExpressionSyntax Value, TextSpan Span) : SyntaxNode(Span);

public sealed record CallExpressionSyntax(NameSyntax Callee, ImmutableArray<ArgumentSyntax> Arguments, TextSpan Span) : ExpressionSyntax(Span);

public enum UnaryOperator
{
    Negate,
    Not,
}

public sealed record UnaryExpressionSyntax(UnaryOperator Operator, ExpressionSyntax Operand, TextSpan Span) : ExpressionSyntax(Span);

public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
}

public sealed record BinaryExpressionSyntax(ExpressionSyntax Left, BinaryOperator Operator, TextSpan OperatorSpan, ExpressionSyntax Right, TextSpan Span)
    : ExpressionSyntax(Span);

/// <summary>Stands where the parser found no expression; already reported, so it binds silently.</summary>
public sealed record ErrorExpressionSyntax(TextSpan Span) : ExpressionSyntax(Span);

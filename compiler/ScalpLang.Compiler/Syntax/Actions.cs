using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Syntax;

public abstract record ActionSyntax(TextSpan Span) : SyntaxNode(Span);

public enum OrderSide
{
    Buy,
    Sell,
}

public abstract record ExecutionRefSyntax(TextSpan Span) : SyntaxNode(Span);
public sealed record InlineExecutionSyntax(SliceAlgoSyntax Algo) : ExecutionRefSyntax(Algo.Span);
public sealed record NamedExecutionSyntax(NameSyntax Name) : ExecutionRefSyntax(Name.Span);

/// <summary><c>buy QTY at market</c> or <c>buy QTY at PRICE</c> (a limit), optionally <c>via</c> a slicer.</summary>
public sealed record TradeActionSyntax(OrderSide Side, ExpressionSyntax Quantity, ExpressionSyntax? LimitPrice, ExecutionRefSyntax? Via, TextSpan Span)
    : ActionSyntax(Span);

/// <summary><c>wait</c> / <c>hold</c>: stand aside; lower-priority rules do not act.</summary>
public sealed record WaitActionSyntax(TextSpan Span) : ActionSyntax(Span);

public sealed record CancelAllActionSyntax(TextSpan Span) : ActionSyntax(Span);

/// <summary><c>flatten [then wait DURATION]</c>: close the position, optionally stand aside after.</summary>
public sealed record FlattenActionSyntax(ExpressionSyntax? StandAside, TextSpan Span) : ActionSyntax(Span);

public sealed record KillActionSyntax(TextSpan Span) : ActionSyntax(Span);

/// <summary>An action the parser could not make sense of; binds silently.</summary>
public sealed record ErrorActionSyntax(TextSpan Span) : ActionSyntax(Span);

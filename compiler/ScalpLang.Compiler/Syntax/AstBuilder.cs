using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Text;
using static ScalpLang.Compiler.Syntax.Generated.ScalpLangParser;

namespace ScalpLang.Compiler.Syntax;

/// <summary>
/// ANTLR parse tree -> immutable AST. The parse tree may be partial after error recovery:
/// every missing piece becomes a missing name or an error node, which later phases bind
/// silently, so one syntax error does not cascade into name or type errors.
/// </summary>
internal sealed class AstBuilder
{
    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private bool _tooDeepReported;

    private AstBuilder(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
    }

    public static CompilationUnitSyntax Build(SourceText source, FileContext file, DiagnosticBag diagnostics)
    {
        var builder = new AstBuilder(source, diagnostics);
        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
        foreach (var declaration in file.declaration())
        {
            if (builder.Declaration(declaration) is { } built)
                declarations.Add(built);
        }
        return new CompilationUnitSyntax(source, declarations.ToImmutable());
    }

    private DeclarationSyntax? Declaration(DeclarationContext context)
    {
        var span = Span(context);
        return context.GetChild(0) switch
        {
            ImportDeclContext c => new ImportSyntax(String(c.STRING()), span),
            StrategyDeclContext c => new StrategySyntax(Name(c.identifier()), span),
            InstrumentDeclContext c => new InstrumentSyntax(String(c.STRING()), [.. c.instrumentField().Select(InstrumentField).OfType<InstrumentFieldSyntax>()], span),
            BookDeclContext c => new BookSyntax(Digits(c.NUMBER()), Span(c.NUMBER()), span),
            ParamDeclContext c => new ParamSyntax(Name(c.identifier()), Type(c.typeRef()), Expr(c.expr()),
                c.range() is { } r ? new RangeSyntax(Additive(r.lower), Additive(r.upper), Span(r)) : null, span),
            SignalDeclContext c => new SignalSyntax(Name(c.identifier()), c.typeRef() is { } t ? Type(t) : null, Expr(c.expr()), span),
            ModelDeclContext c => new ModelSyntax(Name(c.identifier()), String(c.STRING()), [.. c.expr().Select(Expr)], span),
            ExecutionDeclContext c => new ExecutionSyntax(Name(c.identifier()), SliceAlgo(c.sliceAlgo(), span), span),
            FilterDeclContext c => new FilterSyntax(Name(c.identifier()), Expr(c.expr()), span),
            RuleDeclContext c => new RuleSyntax(Name(c.identifier()), c.NUMBER() is { } n ? Digits(n) : null,
                c.NUMBER() is { } p ? Span(p) : Span(c.identifier()), Expr(c.expr()), Action(c.action(), span), span),
            ExitDeclContext c => c.WHEN() is not null
                ? new ExitSyntax(Name(c.identifier()), null, Expr(c.expr()), Action(c.action(), span), span)
                : new ExitSyntax(Name(c.identifier()), Expr(c.expr()), null, null, span),
            RiskDeclContext c => c.WHEN() is not null
                ? new RiskSyntax(Name(c.identifier()), null, null, Expr(c.expr(0)), Action(c.action(), span), span)
                : new RiskSyntax(Name(c.identifier()), Expr(c.expr(0)), c.PER() is not null ? Expr(c.expr(1)) : null, null, null, span),
            IntrinsicDeclContext c => new IntrinsicSyntax(Name(c.identifier()),
                c.LPAREN() is not null ? [.. c.intrinsicParam().Select(IntrinsicParam)] : null, Type(c.typeRef()), span),
            _ => null,
        };
    }

    private InstrumentFieldSyntax? InstrumentField(InstrumentFieldContext context) => context switch
    {
        TickSizeFieldContext c when c.NUMBER() is { } n => new InstrumentFieldSyntax(InstrumentFieldKind.TickSize, Digits(n), Span(n), Span(c)),
        LotSizeFieldContext c when c.NUMBER() is { } n => new InstrumentFieldSyntax(InstrumentFieldKind.LotSize, Digits(n), Span(n), Span(c)),
        CurrencyFieldContext c when Name(c.identifier()) is { IsMissing: false } name =>
            new InstrumentFieldSyntax(InstrumentFieldKind.Currency, name.Text, name.Span, Span(c)),
        _ => null,
    };

    private IntrinsicParamSyntax IntrinsicParam(IntrinsicParamContext context) =>
        new(Name(context.identifier()), Type(context.typeRef()), context.expr() is { } e ? Expr(e) : null, Span(context));

    private SliceAlgoSyntax SliceAlgo(SliceAlgoContext? context, TextSpan fallback)
    {
        if (context is null)
            return new SliceAlgoSyntax(SliceAlgorithm.Twap, new ErrorExpressionSyntax(fallback), new ErrorExpressionSyntax(fallback), fallback);
        var algorithm = context.algo?.Type == VWAP ? SliceAlgorithm.Vwap : SliceAlgorithm.Twap;
        return new SliceAlgoSyntax(algorithm, Expr(context.expr(0)), Expr(context.expr(1)), Span(context));
    }

    private ActionSyntax Action(ActionContext? context, TextSpan fallback)
    {
        if (context is null || context.exception is not null && context.ChildCount == 0)
            return new ErrorActionSyntax(context is null ? fallback : Span(context));
        var span = Span(context);
        return context switch
        {
            TradeActionContext c => new TradeActionSyntax(
                c.side?.Type == SELL ? OrderSide.Sell : OrderSide.Buy,
                Expr(c.quantity),
                c.orderPrice() is LimitPriceContext limit ? Expr(limit.expr()) : null,
                c.executionRef() switch
                {
                    InlineExecutionContext inline => new InlineExecutionSyntax(SliceAlgo(inline.sliceAlgo(), span)),
                    NamedExecutionContext named => new NamedExecutionSyntax(Name(named.identifier())),
                    _ => null,
                },
                span),
            WaitActionContext => new WaitActionSyntax(span),
            CancelAllActionContext => new CancelAllActionSyntax(span),
            FlattenActionContext c => new FlattenActionSyntax(c.WAIT() is not null ? Expr(c.expr()) : null, span),
            KillActionContext => new KillActionSyntax(span),
            _ => new ErrorActionSyntax(span),
        };
    }

    // ---- expressions ----

    private ExpressionSyntax Expr(ExprContext? context) =>
        context?.orExpr() is { } or ? Guarded(() => Or(or), Span(context)) : Missing(context);

    private ExpressionSyntax Guarded(Func<ExpressionSyntax> build, TextSpan span)
    {
        // The parser bounds nesting; long operator chains still make deep left spines here.
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return build();
        }
        catch (InsufficientExecutionStackException)
        {
            if (!_tooDeepReported)
                _diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, new SourceLocation(_source, span));
            _tooDeepReported = true;
            return new ErrorExpressionSyntax(span);
        }
    }

    private ExpressionSyntax Or(OrExprContext context) =>
        Chain(context.andExpr().Select(And).ToList(), context.andExpr().Length - 1, _ => BinaryOperator.Or, i => context.OR(i));

    private ExpressionSyntax And(AndExprContext context) =>
        Chain(context.notExpr().Select(Not).ToList(), context.notExpr().Length - 1, _ => BinaryOperator.And, i => context.AND(i));

    private ExpressionSyntax Not(NotExprContext context)
    {
        if (context.NOT() is not null)
            return context.notExpr() is { } operand
                ? new UnaryExpressionSyntax(UnaryOperator.Not, Guarded(() => Not(operand), Span(context)), Span(context))
                : new ErrorExpressionSyntax(Span(context));
        return context.comparison() is { } comparison ? Comparison(comparison) : Missing(context);
    }

    private ExpressionSyntax Comparison(ComparisonContext context)
    {
        var operands = context.additive();
        if (operands.Length == 0)
            return Missing(context);
        var left = Additive(operands[0]);
        if (context.op is null || operands.Length < 2)
            return left;
        var op = context.op.Type switch
        {
            LT => BinaryOperator.Less,
            LE => BinaryOperator.LessOrEqual,
            GT => BinaryOperator.Greater,
            GE => BinaryOperator.GreaterOrEqual,
            EQ => BinaryOperator.Equal,
            _ => BinaryOperator.NotEqual,
        };
        var right = Additive(operands[1]);
        return new BinaryExpressionSyntax(left, op, Span(context.op), right, TextSpan.Cover(left.Span, right.Span));
    }

    private ExpressionSyntax Additive(AdditiveContext? context)
    {
        if (context is null)
            return Missing(null);
        var operands = context.multiplicative().Select(Multiplicative).ToList();
        return Chain(operands, context._op.Count, i => context._op[i].Type == PLUS ? BinaryOperator.Add : BinaryOperator.Subtract,
            i => context._op[i]);
    }

    private ExpressionSyntax Multiplicative(MultiplicativeContext context)
    {
        var operands = context.unary().Select(Unary).ToList();
        return Chain(operands, context._op.Count, i => context._op[i].Type == STAR ? BinaryOperator.Multiply : BinaryOperator.Divide,
            i => context._op[i]);
    }

    private ExpressionSyntax Chain(List<ExpressionSyntax> operands, int operatorCount, Func<int, BinaryOperator> op, Func<int, object?> opToken)
    {
        if (operands.Count == 0)
            return new ErrorExpressionSyntax(new TextSpan(0, 0));
        var result = operands[0];
        for (var i = 1; i < operands.Count && i - 1 < operatorCount; i++)
        {
            var opSpan = opToken(i - 1) switch
            {
                IToken t => Span(t),
                ITerminalNode n => Span(n),
                _ => result.Span,
            };
            result = new BinaryExpressionSyntax(result, op(i - 1), opSpan, operands[i], TextSpan.Cover(result.Span, operands[i].Span));
        }
        return result;
    }

    private ExpressionSyntax Unary(UnaryContext context)
    {
        if (context.MINUS() is not null)
            return context.unary() is { } operand
                ? new UnaryExpressionSyntax(UnaryOperator.Negate, Guarded(() => Unary(operand), Span(context)), Span(context))
                : new ErrorExpressionSyntax(Span(context));
        return context.primary() is { } primary ? Primary(primary) : Missing(context);
    }

    private ExpressionSyntax Primary(PrimaryContext context)
    {
        var span = Span(context);
        switch (context)
        {
            case NumberLiteralContext c when c.NUMBER() is { } n:
                var suffix = c.unit?.Type switch
                {
                    TICKS => LiteralSuffix.Ticks,
                    LOTS => LiteralSuffix.Lots,
                    _ => LiteralSuffix.None,
                };
                return new NumberLiteralSyntax(Digits(n), suffix, span);
            case DurationLiteralContext c:
                return UnitLiteral(c.DURATION().GetText(), span);
            case PercentLiteralContext c:
                return new NumberLiteralSyntax(Clean(c.PERCENT().GetText()[..^1]), LiteralSuffix.Percent, span);
            case BpsLiteralContext c:
                return new NumberLiteralSyntax(Clean(c.BPS().GetText()[..^3]), LiteralSuffix.BasisPoints, span);
            case BoolLiteralContext c:
                return new BoolLiteralSyntax(c.TRUE() is not null, span);
            case CallExprContext c:
                var arguments = c.argument().Select(a => new ArgumentSyntax(
                    a.identifier() is { } n ? Name(n) : null, Expr(a.expr()), Span(a)));
                return new CallExpressionSyntax(Name(c.identifier()), [.. arguments], span);
            case NameExprContext c:
                var name = Name(c.identifier());
                return name.IsMissing ? new ErrorExpressionSyntax(span) : new NameExpressionSyntax(name);
            case ParenExprContext c:
                var inner = Expr(c.expr());
                return inner is BinaryExpressionSyntax b ? b with { Span = span } : inner;
            default:
                return new ErrorExpressionSyntax(span);
        }
    }

    private static NumberLiteralSyntax UnitLiteral(string text, TextSpan span)
    {
        var digitsEnd = 0;
        while (digitsEnd < text.Length && (char.IsAsciiDigit(text[digitsEnd]) || text[digitsEnd] is '.' or '_'))
            digitsEnd++;
        var suffix = text[digitsEnd..] switch
        {
            "ns" => LiteralSuffix.Nanoseconds,
            "us" => LiteralSuffix.Microseconds,
            "ms" => LiteralSuffix.Milliseconds,
            "s" => LiteralSuffix.Seconds,
            "min" => LiteralSuffix.Minutes,
            _ => LiteralSuffix.Hours,
        };
        return new NumberLiteralSyntax(Clean(text[..digitsEnd]), suffix, span);
    }

    // ---- leaves ----

    private ErrorExpressionSyntax Missing(ParserRuleContext? context) =>
        new ErrorExpressionSyntax(context is null ? new TextSpan(_source.Text.Length, 0) : Span(context));

    private NameSyntax Name(IdentifierContext? context) =>
        MatchedToken(context) is { } token
            ? new NameSyntax(token.Text, Span(token))
            : new NameSyntax("", context is null ? new TextSpan(_source.Text.Length, 0) : Span(context));

    private TypeRefSyntax Type(TypeRefContext? context) =>
        MatchedToken(context) is { } token
            ? new TypeRefSyntax(token.Text, Span(token))
            : new TypeRefSyntax("", context is null ? new TextSpan(_source.Text.Length, 0) : Span(context));

    /// <summary>
    /// The real token a one-token rule matched. After error recovery the context may start at a
    /// deleted token, or hold only a conjured one (index -1); neither names anything.
    /// </summary>
    private static IToken? MatchedToken(ParserRuleContext? context)
    {
        if (context is null)
            return null;
        if (context.ChildCount == 1 && context.GetChild(0) is ParserRuleContext inner)
            return MatchedToken(inner);
        return context.children?.OfType<ITerminalNode>().Where(t => t is not IErrorNode && t.Symbol.TokenIndex >= 0)
            .Select(t => t.Symbol).LastOrDefault();
    }

    private StringLiteralSyntax String(ITerminalNode? node)
    {
        if (node is null || node.Symbol.TokenIndex < 0)
            return new StringLiteralSyntax("", new TextSpan(_source.Text.Length, 0));
        var text = node.GetText();
        var body = text.Length >= 2 && text[^1] == '"' ? text[1..^1] : text[1..];
        return new StringLiteralSyntax(body.Replace("\\\"", "\"").Replace("\\\\", "\\"), Span(node));
    }

    private static string Digits(ITerminalNode? node) => node is null || node.Symbol.TokenIndex < 0 ? "" : Clean(node.GetText());

    private static string Clean(string digits) => digits.Replace("_", "");

    private TextSpan Span(ITerminalNode? node) => node is null ? new TextSpan(_source.Text.Length, 0) : Span(node.Symbol);

    private TextSpan Span(IToken token) =>
        token.StartIndex < 0 || token.TokenIndex < 0
            ? new TextSpan(Math.Min(Math.Max(token.StartIndex, 0), _source.Text.Length), 0)
            : TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);

    private TextSpan Span(ParserRuleContext context)
    {
        var start = context.Start;
        var stop = context.Stop;
        if (start is null || start.StartIndex < 0)
            return new TextSpan(_source.Text.Length, 0);
        if (stop is null || stop.StopIndex < start.StartIndex || stop.Type == TokenConstants.EOF)
            return Span(start);
        return TextSpan.FromBounds(start.StartIndex, stop.StopIndex + 1);
    }
}

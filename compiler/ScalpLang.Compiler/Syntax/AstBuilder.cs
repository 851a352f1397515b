using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Text;
using static ScalpLang.Compiler.Syntax.Generated.ScalpLangParser;

namespace ScalpLang.Compiler.Syntax;

/// <summary>
/// ANTLR rule contexts -> immutable AST, read through the grammar's labels only: the parser
/// runs without building a parse tree and hands each declaration over as soon as it is parsed.
/// After error recovery a context may be partial: every missing piece becomes a missing name or
/// an error node, which later phases accept silently, so one syntax error does not cascade.
/// </summary>
internal sealed class AstBuilder(SourceText source, DiagnosticBag diagnostics)
{
    private bool _tooDeepReported;

    /// <summary>The AST of one complete declaration context, or null for anything else.</summary>
    public DeclarationSyntax? Declaration(ParserRuleContext context)
    {
        var span = Span(context);
        return context switch
        {
            ImportDeclContext c => new ImportSyntax(String(c.path), span),
            StrategyDeclContext c => new StrategySyntax(Name(c.name), span),
            InstrumentDeclContext c => new InstrumentSyntax(String(c.symbol), InstrumentFields(c._fields), span),
            BookDeclContext c => new BookSyntax(Digits(c.depth), Span(c.depth), span),
            ParamDeclContext c => new ParamSyntax(Name(c.name), Type(c.type), Expr(c.value),
                c.bounds is { } r ? new RangeSyntax(Expr(r.lower), Expr(r.upper), Span(r)) : null, span),
            SignalDeclContext c => new SignalSyntax(Name(c.name), c.type is { } t ? Type(t) : null, Expr(c.value), span),
            ModelDeclContext c => new ModelSyntax(Name(c.name), String(c.path), Expressions(c._features), span,
                c.history is { } h ? Digits(h) : null, c.history is { } hs ? Span(hs) : default),
            SentimentDeclContext c => new SentimentSyntax(Name(c.name), String(c.path), span),
            ExecutionDeclContext c => new ExecutionSyntax(Name(c.name), SliceAlgo(c.algo, span), span),
            FilterDeclContext c => new FilterSyntax(Name(c.name), Expr(c.condition), span),
            RuleDeclContext c => new RuleSyntax(Name(c.name), c.priority is { } p ? Digits(p) : null,
                c.priority is { } at ? Span(at) : Span(c.name), Expr(c.condition), Action(c.act, span), span),
            ExitDeclContext c => c.condition is not null || c.act is not null
                ? new ExitSyntax(Name(c.kind), null, Expr(c.condition), Action(c.act, span), span)
                : new ExitSyntax(Name(c.kind), Expr(c.value), null, null, span),
            RiskDeclContext c => c.condition is not null || c.act is not null
                ? new RiskSyntax(Name(c.kind), null, null, Expr(c.condition), Action(c.act, span), span)
                : new RiskSyntax(Name(c.kind), Expr(c.value), c.per is not null ? Expr(c.per) : null, null, null, span),
            IntrinsicDeclContext c => new IntrinsicSyntax(Name(c.name), c.open is not null ? IntrinsicParams(c._params) : null, Type(c.type), span),
            _ => null,
        };
    }

    private ImmutableArray<InstrumentFieldSyntax> InstrumentFields(IList<InstrumentFieldContext> fields)
    {
        var result = ImmutableArray.CreateBuilder<InstrumentFieldSyntax>(fields.Count);
        foreach (var field in fields)
        {
            InstrumentFieldSyntax? built = field switch
            {
                TickSizeFieldContext { value: { } n } c when Real(n) => new(InstrumentFieldKind.TickSize, Digits(n), Span(n), Span(c)),
                LotSizeFieldContext { value: { } n } c when Real(n) => new(InstrumentFieldKind.LotSize, Digits(n), Span(n), Span(c)),
                CurrencyFieldContext c when Name(c.code) is { IsMissing: false } name => new(InstrumentFieldKind.Currency, name.Text, name.Span, Span(c)),
                _ => null,
            };
            if (built is not null)
                result.Add(built);
        }
        return result.ToImmutable();
    }

    private ImmutableArray<IntrinsicParamSyntax> IntrinsicParams(IList<IntrinsicParamContext> parameters)
    {
        var result = ImmutableArray.CreateBuilder<IntrinsicParamSyntax>(parameters.Count);
        foreach (var p in parameters)
            result.Add(new IntrinsicParamSyntax(Name(p.name), Type(p.type), p.value is { } d ? Expr(d) : null, Span(p)));
        return result.ToImmutable();
    }

    private ImmutableArray<ExpressionSyntax> Expressions(IList<ExprContext> expressions)
    {
        var result = ImmutableArray.CreateBuilder<ExpressionSyntax>(expressions.Count);
        foreach (var e in expressions)
            result.Add(Expr(e));
        return result.ToImmutable();
    }

    private SliceAlgoSyntax SliceAlgo(SliceAlgoContext? context, TextSpan fallback)
    {
        if (context is null)
            return new SliceAlgoSyntax(SliceAlgorithm.Twap, new ErrorExpressionSyntax(fallback), new ErrorExpressionSyntax(fallback), fallback);
        if (context.algo?.Type == ICEBERG)
            return new SliceAlgoSyntax(SliceAlgorithm.Iceberg, null, null, Span(context), Expr(context.show));
        var algorithm = context.algo?.Type == VWAP ? SliceAlgorithm.Vwap : SliceAlgorithm.Twap;
        return new SliceAlgoSyntax(algorithm, Expr(context.over), Expr(context.slices), Span(context));
    }

    private ActionSyntax Action(ActionContext? context, TextSpan fallback)
    {
        if (context is null)
            return new ErrorActionSyntax(fallback);
        var span = Span(context);
        return context switch
        {
            TradeActionContext c => new TradeActionSyntax(
                c.side?.Type == SELL ? OrderSide.Sell : OrderSide.Buy,
                Expr(c.quantity),
                c.price is LimitPriceContext limit ? Expr(limit.limit) : null,
                c.via switch
                {
                    InlineExecutionContext inline => new InlineExecutionSyntax(SliceAlgo(inline.algo, span)),
                    NamedExecutionContext named => new NamedExecutionSyntax(Name(named.name)),
                    _ => null,
                },
                span),
            WaitActionContext => new WaitActionSyntax(span),
            CancelAllActionContext => new CancelAllActionSyntax(span),
            FlattenActionContext c => new FlattenActionSyntax(c.standAside is not null ? Expr(c.standAside) : null, span),
            KillActionContext => new KillActionSyntax(span),
            _ => new ErrorActionSyntax(span),
        };
    }

    // ---- expressions ----

    private ExpressionSyntax Expr(ExprContext? context)
    {
        if (context is null)
            return Missing(null);
        // The parser bounds nesting; long operator chains still make deep left spines here.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            if (!_tooDeepReported)
                diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, new SourceLocation(source, Span(context)));
            _tooDeepReported = true;
            return new ErrorExpressionSyntax(Span(context));
        }
        return context switch
        {
            NegateExprContext c => new UnaryExpressionSyntax(UnaryOperator.Negate, Expr(c.operand), Span(c)),
            NotExprContext c => new UnaryExpressionSyntax(UnaryOperator.Not, Expr(c.operand), Span(c)),
            MultiplicativeExprContext c => Binary(c.left, c.op, c.op?.Type == STAR ? BinaryOperator.Multiply : BinaryOperator.Divide, c.right),
            AdditiveExprContext c => Binary(c.left, c.op, c.op?.Type == PLUS ? BinaryOperator.Add : BinaryOperator.Subtract, c.right),
            ComparisonExprContext c => Binary(c.left, c.op, c.op?.Type switch
            {
                LT => BinaryOperator.Less,
                LE => BinaryOperator.LessOrEqual,
                GT => BinaryOperator.Greater,
                GE => BinaryOperator.GreaterOrEqual,
                EQ => BinaryOperator.Equal,
                _ => BinaryOperator.NotEqual,
            }, c.right),
            AndExprContext c => Binary(c.left, c.op, BinaryOperator.And, c.right),
            OrExprContext c => Binary(c.left, c.op, BinaryOperator.Or, c.right),
            _ => Operand(context),
        };
    }

    private BinaryExpressionSyntax Binary(ExprContext? leftContext, IToken? opToken, BinaryOperator op, ExprContext? rightContext)
    {
        var left = Expr(leftContext);
        var right = Expr(rightContext);
        var opSpan = opToken is null ? left.Span : Span(opToken);
        return new BinaryExpressionSyntax(left, op, opSpan, right, TextSpan.Cover(left.Span, right.Span));
    }

    /// <summary>Literals, names, calls and parentheses.</summary>
    private ExpressionSyntax Operand(ExprContext context)
    {
        var span = Span(context);
        switch (context)
        {
            case NumberLiteralContext { value: { } n } c when Real(n):
                var suffix = c.unit?.Type switch
                {
                    TICKS => LiteralSuffix.Ticks,
                    LOTS => LiteralSuffix.Lots,
                    _ => LiteralSuffix.None,
                };
                return new NumberLiteralSyntax(Digits(n), suffix, span);
            case DurationLiteralContext { value: { } d } when Real(d):
                return UnitLiteral(d.Text, span);
            case PercentLiteralContext { value: { } p } when Real(p):
                return new NumberLiteralSyntax(Clean(p.Text[..^1]), LiteralSuffix.Percent, span);
            case BpsLiteralContext { value: { } b } when Real(b):
                return new NumberLiteralSyntax(Clean(b.Text[..^3]), LiteralSuffix.BasisPoints, span);
            case BoolLiteralContext { value: { } v } when Real(v):
                return new BoolLiteralSyntax(v.Type == TRUE, span);
            case CallExprContext c:
                var arguments = ImmutableArray.CreateBuilder<ArgumentSyntax>(c._args.Count);
                foreach (var a in c._args)
                    arguments.Add(new ArgumentSyntax(a.label is { } n ? Name(n) : null, Expr(a.value), Span(a)));
                return new CallExpressionSyntax(Name(c.callee), arguments.ToImmutable(), span);
            case NameExprContext c:
                var name = Name(c.id);
                return name.IsMissing ? new ErrorExpressionSyntax(span) : new NameExpressionSyntax(name);
            case ParenExprContext c:
                var inner = Expr(c.inner);
                return inner is BinaryExpressionSyntax binary ? binary with { Span = span } : inner;
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

    /// <summary>A token the input really holds (error recovery conjures tokens with index -1).</summary>
    private static bool Real(IToken token) => token.TokenIndex >= 0;

    private ErrorExpressionSyntax Missing(ParserRuleContext? context) => new(Span(context));

    private NameSyntax Name(IdentifierContext? context) =>
        context?.token is { } token && Real(token)
            ? new NameSyntax(token.Text, Span(token))
            : new NameSyntax("", Span(context));

    private NameSyntax Name(IToken? token) =>
        token is not null && Real(token) ? new NameSyntax(token.Text, Span(token)) : new NameSyntax("", Span(token));

    private TypeRefSyntax Type(TypeRefContext? context)
    {
        var token = context?.unit ?? context?.name?.token;
        return token is not null && Real(token)
            ? new TypeRefSyntax(token.Text, Span(token))
            : new TypeRefSyntax("", context is null ? new TextSpan(source.Text.Length, 0) : Span(context));
    }

    private StringLiteralSyntax String(IToken? token)
    {
        if (token is null || !Real(token))
            return new StringLiteralSyntax("", new TextSpan(source.Text.Length, 0));
        var text = token.Text;
        var body = text.Length >= 2 && text[^1] == '"' ? text[1..^1] : text[1..];
        return new StringLiteralSyntax(body.Replace("\\\"", "\"").Replace("\\\\", "\\"), Span(token));
    }

    private static string Digits(IToken? token) => token is null || !Real(token) ? "" : Clean(token.Text);

    private static string Clean(string digits) => digits.Contains('_') ? digits.Replace("_", "") : digits;

    // Labels are null where error recovery gave up on an element: every helper accepts that.
    private TextSpan Span(IToken? token) =>
        token is null ? new TextSpan(source.Text.Length, 0)
        : token.StartIndex < 0 || !Real(token)
            ? new TextSpan(Math.Min(Math.Max(token.StartIndex, 0), source.Text.Length), 0)
            : TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);

    private TextSpan Span(ParserRuleContext? context)
    {
        if (context is null)
            return new TextSpan(source.Text.Length, 0);
        var start = context.Start;
        var stop = context.Stop;
        if (start is null || start.StartIndex < 0)
            return new TextSpan(source.Text.Length, 0);
        if (stop is null || stop.StopIndex < start.StartIndex || stop.Type == TokenConstants.EOF)
            return Span(start);
        return TextSpan.FromBounds(start.StartIndex, stop.StopIndex + 1);
    }
}

using System.Runtime.CompilerServices;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Semantics;

public sealed partial class Binder
{
    /// <summary>
    /// Literal rounding worse than this (relative) earns a warning (SL2027): 1% catches basis-point
    /// sized ratios (1bps is 6.55 steps of 1/65536) without flagging ordinary thresholds like 0.3%.
    /// </summary>
    public const double QuantisationWarningThreshold = 1e-2;

    private bool _nestingReported;

    private BoundExpression BindExpression(ExpressionSyntax syntax)
    {
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }
        catch (InsufficientExecutionStackException)
        {
            if (!_nestingReported)
                Report(DiagnosticDescriptors.NestingTooDeep, syntax.Span);
            _nestingReported = true;
            return new BoundError(syntax.Span);
        }
        return syntax switch
        {
            NumberLiteralSyntax n => BindNumber(n),
            BoolLiteralSyntax b => new BoundLiteral(ScalpType.Bool, b.Value ? 1 : 0, b.Span),
            NameExpressionSyntax n => BindName(n.Name),
            CallExpressionSyntax c => BindCall(c),
            UnaryExpressionSyntax u => BindUnary(u),
            BinaryExpressionSyntax b => BindBinary(b),
            _ => new BoundError(syntax.Span),
        };
    }

    /// <summary>Binds and converts to <paramref name="target"/>; <paramref name="what"/> names the place in messages.</summary>
    private BoundExpression BindExpression(ExpressionSyntax syntax, ScalpType target, What what) =>
        Convert(BindExpression(syntax), target, what);

    private BoundExpression BindCondition(ExpressionSyntax syntax, What what) => BindExpression(syntax, ScalpType.Bool, what);

    private BoundExpression BindNumber(NumberLiteralSyntax literal)
    {
        var value = DecimalLiteral.Parse(literal.Digits);
        long? nanosecondsPerUnit = literal.Suffix switch
        {
            LiteralSuffix.Nanoseconds => 1,
            LiteralSuffix.Microseconds => 1_000,
            LiteralSuffix.Milliseconds => 1_000_000,
            LiteralSuffix.Seconds => 1_000_000_000,
            LiteralSuffix.Minutes => 60_000_000_000,
            LiteralSuffix.Hours => 3_600_000_000_000,
            _ => null,
        };
        if (nanosecondsPerUnit is { } perUnit)
        {
            var nanoseconds = value.Scale(perUnit, 1);
            if (!nanoseconds.TryToWholeNumber(out var ns, out var whole))
            {
                Report(DiagnosticDescriptors.LiteralOverflow, literal.Span, $"duration {Text(literal)}", "64-bit nanosecond");
                return new BoundError(literal.Span);
            }
            if (!whole)
            {
                Report(DiagnosticDescriptors.InvalidDuration, literal.Span, $"{Text(literal)} is not a whole number of nanoseconds");
                return new BoundError(literal.Span);
            }
            return new BoundLiteral(ScalpType.Duration, ns, literal.Span);
        }

        var (scaled, type) = literal.Suffix switch
        {
            LiteralSuffix.Percent => (value.Scale(1, 100), ScalpType.Ratio),
            LiteralSuffix.BasisPoints => (value.Scale(1, 10_000), ScalpType.Ratio),
            LiteralSuffix.Ticks => (value, ScalpType.Ticks),
            LiteralSuffix.Lots => (value, ScalpType.Lots),
            _ => (value, ScalpType.Untyped),
        };
        if (!scaled.TryToFixed(out var quantised))
        {
            Report(DiagnosticDescriptors.LiteralOverflow, literal.Span, Text(literal), "Q47.16 fixed-point (about ±1.4e14)");
            return new BoundError(literal.Span);
        }
        var error = scaled.RelativeError(quantised);
        if (error > QuantisationWarningThreshold)
        {
            ReportWithHelp(DiagnosticDescriptors.LiteralQuantised, literal.Span,
                "the smallest step is 1/65536 (about 0.0000153); scale the value (e.g. use ticks instead of a tiny ratio)",
                Text(literal), quantised, error >= 1 ? "100%" : (error * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%");
        }
        return new BoundLiteral(type, quantised.Raw, literal.Span);
    }

    private string Text(SyntaxNode node) => _currentSource.ToString(node.Span);

    private BoundExpression BindName(NameSyntax name)
    {
        if (_intrinsicScope is { } scope)
        {
            for (var i = 0; i < scope.Length; i++)
            {
                if (scope[i].Name == name.Text)
                    return new BoundIntrinsicParamRef(i, scope[i].Type, name.Span);
            }
        }
        if (_globals.TryGetValue(name.Text, out var symbol))
        {
            _used.Add(symbol);
            switch (symbol)
            {
                case ParamSymbol p:
                    return new BoundParamRef(p, name.Span);
                case SignalSymbol s:
                    return new BoundSignalRef(s, BindSignal(s).Type, name.Span);
                case ModelSymbol m:
                    return new BoundModelRef(m, name.Span);
                case SentimentSymbol n:
                    return new BoundSentimentRef(n, name.Span);
                case ScriptFunctionSymbol f:
                    Report(DiagnosticDescriptors.ScriptCallForm, name.Span, name.Text, $"call it with its arguments, {name.Text}(...)");
                    return new BoundError(name.Span);
                default:
                    Report(DiagnosticDescriptors.TypeMismatch, name.Span, $"'{name.Text}'", "a value", $"an {symbol.Kind}");
                    return new BoundError(name.Span);
            }
        }
        if (_intrinsics.TryGetValue(name.Text, out var intrinsic))
        {
            if (!intrinsic.IsFunction)
                return new BoundIntrinsicCall(intrinsic, [], intrinsic.ReturnType, name.Span);
            Report(DiagnosticDescriptors.NotAValue, name.Span, name.Text);
            return new BoundError(name.Span);
        }
        ReportWithHelp(DiagnosticDescriptors.UndefinedName, name.Span, Spelling.DidYouMean(name.Text, VisibleNames()), name.Text);
        return new BoundError(name.Span);
    }

    private BoundExpression BindUnary(UnaryExpressionSyntax unary)
    {
        var operand = BindExpression(unary.Operand);
        if (operand.Type.IsError)
            return new BoundError(unary.Span);
        var symbol = unary.Operator == UnaryOperator.Not ? "not" : "-";
        if (operand.Type.Kind == TypeKind.Untyped && unary.Operator == UnaryOperator.Negate && operand is BoundLiteral literal)
            return new BoundLiteral(ScalpType.Untyped, ConstantFolder.Unary(UnaryOperator.Negate, literal.Raw), unary.Span);
        if (UnitRules.Unary(unary.Operator, operand.Type) is not { } type)
        {
            var expected = unary.Operator == UnaryOperator.Not ? "bool" : "a number other than a price";
            Report(DiagnosticDescriptors.TypeMismatch, unary.Operand.Span, $"the operand of '{symbol}'", expected, operand.Type);
            return new BoundError(unary.Span);
        }
        if (operand is BoundLiteral constant)
            return new BoundLiteral(type, ConstantFolder.Unary(unary.Operator, constant.Raw), unary.Span);
        return new BoundUnary(unary.Operator, operand, type, unary.Span);
    }

    private BoundExpression BindBinary(BinaryExpressionSyntax binary)
    {
        var left = BindExpression(binary.Left);
        var right = BindExpression(binary.Right);
        if (left.Type.IsError || right.Type.IsError)
            return new BoundError(binary.Span);
        var op = binary.Operator;
        var symbol = UnitRules.Symbol(op);

        var leftBare = left.Type.Kind == TypeKind.Untyped;
        var rightBare = right.Type.Kind == TypeKind.Untyped;
        if (leftBare && rightBare && op is not (BinaryOperator.And or BinaryOperator.Or))
            return Fold(binary, (BoundLiteral)left, op, (BoundLiteral)right, IsComparison(op) ? ScalpType.Bool : ScalpType.Untyped);
        if (leftBare && right.Type.IsNumeric)
            left = Convert(left, UnitRules.AdoptedType(op, right.Type, IsWhole(left)), $"the left operand of '{symbol}'");
        else if (rightBare && left.Type.IsNumeric)
            right = Convert(right, UnitRules.AdoptedType(op, left.Type, IsWhole(right)), $"the right operand of '{symbol}'");
        if (left.Type.IsError || right.Type.IsError)
            return new BoundError(binary.Span);

        if (UnitRules.Binary(op, left.Type, right.Type) is not { } type)
        {
            var chained = IsComparison(op) && binary.Left is BinaryExpressionSyntax { Operator: var inner } && IsComparison(inner);
            var help = chained ? "comparisons do not chain: write 'a < x and x < b'" : OperatorHelp(op, left.Type, right.Type);
            ReportWithHelp(DiagnosticDescriptors.OperatorUnits, binary.OperatorSpan, help, symbol, left.Type, right.Type);
            return new BoundError(binary.Span);
        }
        if (op == BinaryOperator.Divide && right is BoundLiteral { Raw: 0 } && left is not BoundLiteral)
            Report(DiagnosticDescriptors.DivisionByZero, binary.Right.Span);
        if (left is BoundLiteral l && right is BoundLiteral r)
            return Fold(binary, l, op, r, type);
        return new BoundBinary(left, op, right, type, binary.Span);
    }

    private BoundLiteral Fold(BinaryExpressionSyntax binary, BoundLiteral left, BinaryOperator op, BoundLiteral right, ScalpType type)
    {
        if (op == BinaryOperator.Divide && right.Raw == 0)
            Report(DiagnosticDescriptors.DivisionByZero, binary.Right.Span);
        var raw = ConstantFolder.Binary(op, left.Raw, right.Raw);
        if (ConstantFolder.Overflows(op, left.Raw, right.Raw))
            Report(DiagnosticDescriptors.ConstantOverflow, binary.Span, type.Unit == Unit.Duration ? "64-bit nanosecond" : "Q47.16", FormatValue(type, raw));
        return new BoundLiteral(type, raw, binary.Span);
    }

    private static bool IsWhole(BoundExpression bare) => bare is BoundLiteral literal && new Fixed(literal.Raw).IsInteger;

    private static bool IsComparison(BinaryOperator op) => op is >= BinaryOperator.Less and <= BinaryOperator.NotEqual;

    private static string? OperatorHelp(BinaryOperator op, ScalpType left, ScalpType right) => (op, left.Unit, right.Unit) switch
    {
        (BinaryOperator.Add, Unit.Price, Unit.Price) => "subtract two prices to get ticks, or add ticks to a price",
        (BinaryOperator.Multiply, _, _) when !left.IsDimensionless && !right.IsDimensionless =>
            "one side of '*' must be a ratio or a count (a scale factor)",
        (_, Unit.Price, Unit.Ticks) or (_, Unit.Ticks, Unit.Price) when IsComparison(op) =>
            "compare a price with a price (bid + 2 ticks) or ticks with ticks (spread)",
        _ when left.Kind == TypeKind.Bool || right.Kind == TypeKind.Bool => "conditions combine with 'and', 'or' and 'not'",
        _ => null,
    };

    /// <summary>
    /// Implicit conversions: a bare number takes the unit it is used as (not a duration: write
    /// 500ms); a count may be used as a ratio. Everything else must match exactly.
    /// </summary>
    private BoundExpression Convert(BoundExpression expression, ScalpType target, What what)
    {
        if (expression.Type.IsError || target.IsError || expression.Type == target || target.Kind == TypeKind.Generic)
            return expression;
        if (expression is BoundLiteral { Type.Kind: TypeKind.Untyped } literal && target.Kind == TypeKind.Number)
        {
            if (target.Unit == Unit.Duration)
            {
                ReportWithHelp(DiagnosticDescriptors.TypeMismatch, expression.Span, "write the unit: 500ms, 2s, 1min",
                    what, target, expression.Type);
                return new BoundError(expression.Span);
            }
            if (target.Unit == Unit.Count && !new Fixed(literal.Raw).IsInteger)
            {
                Report(DiagnosticDescriptors.WholeNumberRequired, expression.Span, what, new Fixed(literal.Raw));
                return new BoundError(expression.Span);
            }
            return literal with { Type = target };
        }
        if (expression.Type == ScalpType.Count && target == ScalpType.Ratio)
            return expression;
        Report(DiagnosticDescriptors.TypeMismatch, expression.Span, what, target, expression.Type);
        return new BoundError(expression.Span);
    }

    /// <summary>Requires a value known before the strategy runs: a literal, or a param when <paramref name="allowParams"/>.</summary>
    private BoundExpression RequireConstant(BoundExpression expression, What what, bool allowParams)
    {
        var limit = allowParams ? Constness.Parameter : Constness.Literal;
        if (expression.Type.IsError || expression.Constness <= limit)
            return expression;
        var dependsOn = expression.Constness == Constness.Parameter ? "a param" : "market data";
        var expected = allowParams ? "known before the strategy runs (a literal or a param)" : "a literal constant";
        Report(DiagnosticDescriptors.NotConstant, expression.Span, what, expected, dependsOn);
        return new BoundError(expression.Span);
    }
}

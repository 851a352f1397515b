using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Numerics;

namespace ScalpLang.Compiler.Semantics;

public sealed partial class Binder
{
    /// <summary>
    /// The values an expression is known to take before the strategy runs: a literal's value, or
    /// a param's default and the bounds of its range (a run may override it within the range).
    /// Market-dependent expressions have none; the runtime checks those.
    /// </summary>
    private IEnumerable<(long Raw, string Origin)> KnownValues(BoundExpression expression)
    {
        switch (expression)
        {
            case BoundLiteral literal when !literal.Type.IsError:
                yield return (literal.Raw, "");
                break;
            case BoundParamRef reference when _boundParams.TryGetValue(reference.Param, out var param) && !param.Default.Type.IsError:
                yield return (param.Default.Raw, $" (the default of param '{reference.Param.Name}')");
                if (param.Range is { } range)
                {
                    yield return (range.Lower.Raw, $" (the lower bound of param '{reference.Param.Name}')");
                    yield return (range.Upper.Raw, $" (the upper bound of param '{reference.Param.Name}')");
                }
                break;
        }
    }

    private static string FormatValue(ScalpType type, long raw) =>
        type.Unit == Unit.Duration && type.Kind == TypeKind.Number ? $"{raw} ns" : new Fixed(raw).ToString();

    /// <summary>Sizes, stops and limits must be above zero whenever their value is known.</summary>
    private BoundExpression RequirePositive(BoundExpression expression, What what)
    {
        foreach (var (raw, origin) in KnownValues(expression))
        {
            if (raw <= 0)
            {
                Report(DiagnosticDescriptors.OutOfRange, expression.Span, what, FormatValue(expression.Type, raw) + origin, "above zero");
                return new BoundError(expression.Span);
            }
        }
        return expression;
    }

    /// <summary>A count (levels, slices) must be a whole number in 1..<paramref name="upper"/>.</summary>
    private BoundExpression RequireWholeInRange(BoundExpression expression, What what, int upper, string rangeNote)
    {
        foreach (var (raw, origin) in KnownValues(expression))
        {
            var value = new Fixed(raw);
            if (!value.IsInteger)
            {
                Report(DiagnosticDescriptors.WholeNumberRequired, expression.Span, what, value + origin);
                return new BoundError(expression.Span);
            }
            if (value.Floor < 1 || value.Floor > upper)
            {
                Report(DiagnosticDescriptors.OutOfRange, expression.Span, what, value + origin, $"within 1..{upper}{rangeNote}");
                return new BoundError(expression.Span);
            }
        }
        return expression;
    }
}

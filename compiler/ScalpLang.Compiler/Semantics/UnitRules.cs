using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Semantics;

/// <summary>
/// Which units combine under which operators (grammar/README.md, "Units"). Pure functions over
/// types, so the table is tested on its own. A null result means "illegal combination".
/// </summary>
public static class UnitRules
{
    /// <summary>The unit a bare number takes when it meets a value of <paramref name="other"/> under <paramref name="op"/>.</summary>
    public static ScalpType AdoptedType(BinaryOperator op, ScalpType other, bool bareIsWhole = false) => op switch
    {
        // A whole factor of a count keeps it a count (slices * 2); otherwise a bare factor or
        // divisor is a scalar: 1.5 * atr, depth / 2.
        BinaryOperator.Multiply when other.Unit == Unit.Count && other.Kind == TypeKind.Number && bareIsWhole => ScalpType.Count,
        BinaryOperator.Multiply or BinaryOperator.Divide => ScalpType.Ratio,
        // price + 2 means two ticks above the price; a bare number is a distance, not a price.
        BinaryOperator.Add or BinaryOperator.Subtract when other.Unit == Unit.Price => ScalpType.Ticks,
        _ => other,
    };

    public static ScalpType? Binary(BinaryOperator op, ScalpType left, ScalpType right)
    {
        if (op is BinaryOperator.And or BinaryOperator.Or)
            return left == ScalpType.Bool && right == ScalpType.Bool ? ScalpType.Bool : null;
        if (left.Kind != TypeKind.Number || right.Kind != TypeKind.Number)
        {
            // == and != also compare conditions.
            return op is BinaryOperator.Equal or BinaryOperator.NotEqual && left == ScalpType.Bool && right == ScalpType.Bool
                ? ScalpType.Bool
                : null;
        }
        var (l, r) = (left.Unit, right.Unit);
        return op switch
        {
            BinaryOperator.Add => Add(l, r),
            BinaryOperator.Subtract => Subtract(l, r),
            BinaryOperator.Multiply => Multiply(left, right),
            BinaryOperator.Divide => Divide(left, right),
            _ => Comparable(left, right) ? ScalpType.Bool : null,
        };
    }

    public static ScalpType? Unary(UnaryOperator op, ScalpType operand) => op switch
    {
        UnaryOperator.Not => operand == ScalpType.Bool ? ScalpType.Bool : null,
        _ => operand.Kind == TypeKind.Number && operand.Unit != Unit.Price ? operand : null,
    };

    private static ScalpType? Add(Unit l, Unit r) => (l, r) switch
    {
        (Unit.Price, Unit.Ticks) or (Unit.Ticks, Unit.Price) => ScalpType.Price,
        (Unit.Price, Unit.Price) => null,
        (Unit.Count, Unit.Count) => ScalpType.Count,
        (Unit.Ratio or Unit.Count, Unit.Ratio or Unit.Count) => ScalpType.Ratio,
        _ when l == r => new ScalpType(TypeKind.Number, l),
        _ => null,
    };

    private static ScalpType? Subtract(Unit l, Unit r) => (l, r) switch
    {
        (Unit.Price, Unit.Price) => ScalpType.Ticks,
        (Unit.Price, Unit.Ticks) => ScalpType.Price,
        (Unit.Ticks, Unit.Price) => null,
        _ => Add(l, r),
    };

    private static ScalpType? Multiply(ScalpType left, ScalpType right)
    {
        if (left.Unit == Unit.Count && right.Unit == Unit.Count)
            return ScalpType.Count;
        if (left.IsDimensionless && right.IsDimensionless)
            return ScalpType.Ratio;
        if (left.IsDimensionless)
            return right;
        if (right.IsDimensionless)
            return left;
        return null;
    }

    private static ScalpType? Divide(ScalpType left, ScalpType right)
    {
        if (left.Unit == right.Unit)
            return ScalpType.Ratio;
        if (left.IsDimensionless && right.IsDimensionless)
            return ScalpType.Ratio;
        if (right.IsDimensionless)
            return left;
        return null;
    }

    private static bool Comparable(ScalpType left, ScalpType right) =>
        left.Unit == right.Unit || left.IsDimensionless && right.IsDimensionless;

    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.And => "and",
        _ => "or",
    };
}

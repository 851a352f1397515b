using ScalpLang.Compiler.Numerics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Semantics;

/// <summary>
/// Folds operators over literals with exactly the run-time semantics, so folding never changes
/// a result. Numbers are Q47.16 and durations whole nanoseconds; the Q47.16 operations serve
/// both, because a duration only ever meets a scalar (ns * q >> 16) or another duration
/// ((a &lt;&lt; 16) / b is then the Q47.16 ratio).
/// </summary>
public static class ConstantFolder
{
    public static long Unary(UnaryOperator op, long operand) =>
        op == UnaryOperator.Not ? operand ^ 1 : Fixed.Negate(new Fixed(operand)).Raw;

    /// <summary>Whether the exact result of <paramref name="op"/> lies outside 64 bits (and so wraps).</summary>
    public static bool Overflows(BinaryOperator op, long left, long right)
    {
        Int128 exact = op switch
        {
            BinaryOperator.Add => (Int128)left + right,
            BinaryOperator.Subtract => (Int128)left - right,
            BinaryOperator.Multiply => ((Int128)left * right) >> Fixed.FractionBits,
            BinaryOperator.Divide when right != 0 => ((Int128)left << Fixed.FractionBits) / right,
            _ => 0,
        };
        return exact > long.MaxValue || exact < long.MinValue;
    }

    public static long Binary(BinaryOperator op, long left, long right) => op switch
    {
        BinaryOperator.And => left & right,
        BinaryOperator.Or => left | right,
        BinaryOperator.Add => Fixed.Add(new Fixed(left), new Fixed(right)).Raw,
        BinaryOperator.Subtract => Fixed.Subtract(new Fixed(left), new Fixed(right)).Raw,
        BinaryOperator.Multiply => Fixed.Multiply(new Fixed(left), new Fixed(right)).Raw,
        BinaryOperator.Divide => Fixed.Divide(new Fixed(left), new Fixed(right)).Raw,
        BinaryOperator.Less => left < right ? 1 : 0,
        BinaryOperator.LessOrEqual => left <= right ? 1 : 0,
        BinaryOperator.Greater => left > right ? 1 : 0,
        BinaryOperator.GreaterOrEqual => left >= right ? 1 : 0,
        BinaryOperator.Equal => left == right ? 1 : 0,
        _ => left != right ? 1 : 0,
    };
}

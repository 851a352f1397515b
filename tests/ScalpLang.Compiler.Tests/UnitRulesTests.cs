using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Tests;

/// <summary>The unit table of the reference, operator by operator.</summary>
public sealed class UnitRulesTests
{
    private static readonly ScalpType P = ScalpType.Price, T = ScalpType.Ticks, L = ScalpType.Lots,
        D = ScalpType.Duration, R = ScalpType.Ratio, C = ScalpType.Count, B = ScalpType.Bool;

    public static TheoryData<BinaryOperator, ScalpType, ScalpType, ScalpType?> Table() => new()
    {
        { BinaryOperator.Add, P, T, P },
        { BinaryOperator.Add, T, P, P },
        { BinaryOperator.Add, P, P, null },
        { BinaryOperator.Add, P, D, null },
        { BinaryOperator.Add, T, T, T },
        { BinaryOperator.Add, L, L, L },
        { BinaryOperator.Add, D, D, D },
        { BinaryOperator.Add, C, C, C },
        { BinaryOperator.Add, R, C, R },
        { BinaryOperator.Add, T, L, null },
        { BinaryOperator.Subtract, P, P, T },
        { BinaryOperator.Subtract, P, T, P },
        { BinaryOperator.Subtract, T, P, null },
        { BinaryOperator.Multiply, R, T, T },
        { BinaryOperator.Multiply, L, C, L },
        { BinaryOperator.Multiply, C, C, C },
        { BinaryOperator.Multiply, R, R, R },
        { BinaryOperator.Multiply, T, L, null },
        { BinaryOperator.Multiply, D, R, D },
        { BinaryOperator.Divide, T, T, R },
        { BinaryOperator.Divide, D, D, R },
        { BinaryOperator.Divide, L, C, L },
        { BinaryOperator.Divide, R, T, null },
        { BinaryOperator.Divide, T, L, null },
        { BinaryOperator.Less, P, P, B },
        { BinaryOperator.Less, P, T, null },
        { BinaryOperator.Less, R, C, B },
        { BinaryOperator.GreaterOrEqual, D, D, B },
        { BinaryOperator.Equal, B, B, B },
        { BinaryOperator.Less, B, B, null },
        { BinaryOperator.And, B, B, B },
        { BinaryOperator.Or, B, R, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Binary(BinaryOperator op, ScalpType left, ScalpType right, ScalpType? expected) =>
        Assert.Equal(expected, UnitRules.Binary(op, left, right));

    [Fact]
    public void Bare_numbers_adopt_the_unit_of_their_use()
    {
        Assert.Equal(T, UnitRules.AdoptedType(BinaryOperator.Add, P));
        Assert.Equal(T, UnitRules.AdoptedType(BinaryOperator.Subtract, P));
        Assert.Equal(P, UnitRules.AdoptedType(BinaryOperator.Less, P));
        Assert.Equal(L, UnitRules.AdoptedType(BinaryOperator.Add, L));
        Assert.Equal(R, UnitRules.AdoptedType(BinaryOperator.Multiply, T));
        Assert.Equal(R, UnitRules.AdoptedType(BinaryOperator.Divide, L));
        Assert.Equal(C, UnitRules.AdoptedType(BinaryOperator.Multiply, C, bareIsWhole: true));
        Assert.Equal(R, UnitRules.AdoptedType(BinaryOperator.Multiply, C, bareIsWhole: false));
    }

    [Fact]
    public void Unary()
    {
        Assert.Equal(T, UnitRules.Unary(UnaryOperator.Negate, T));
        Assert.Null(UnitRules.Unary(UnaryOperator.Negate, P));
        Assert.Equal(B, UnitRules.Unary(UnaryOperator.Not, B));
        Assert.Null(UnitRules.Unary(UnaryOperator.Not, R));
    }
}

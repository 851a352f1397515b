using System.Numerics;
using ScalpLang.Compiler.Numerics;

namespace ScalpLang.Compiler.Tests;

/// <summary>The reference's numeric semantics, checked against exact big-integer arithmetic.</summary>
public sealed class FixedPointTests
{
    [Theory]
    [InlineData("0.6", 39322)]
    [InlineData("1", 65536)]
    [InlineData("0.5", 32768)]
    [InlineData("0.00000762939453125", 1)]   // exactly half a step: ties go away from zero
    [InlineData("0.0000076293945312499999", 0)]
    [InlineData("2.5", 163840)]
    public void Literals_round_to_nearest(string digits, long raw)
    {
        var literal = DecimalLiteral.Parse(digits);
        Assert.True(literal.TryToFixed(out var value));
        Assert.Equal(raw, value.Raw);
    }

    [Fact]
    public void Basis_point_and_percent_scaling_is_exact_before_rounding()
    {
        Assert.True(DecimalLiteral.Parse("1").Scale(1, 10_000).TryToFixed(out var bps));
        Assert.Equal(7, bps.Raw); // 6.5536 -> 7
        Assert.True(DecimalLiteral.Parse("0.5").Scale(1, 100).TryToFixed(out var pct));
        Assert.Equal(328, pct.Raw); // 327.68 -> 328
    }

    [Fact]
    public void Literal_overflow_is_detected()
    {
        Assert.False(DecimalLiteral.Parse("140737488355328").TryToFixed(out _)); // 2^47
        Assert.True(DecimalLiteral.Parse("140737488355327").TryToFixed(out _));
    }

    [Fact]
    public void Multiply_floors_the_exact_product_and_wraps()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var a = NextLong(random, i);
            var b = NextLong(random, i + 1);
            var exact = (BigInteger)a * b;
            var floored = BigInteger.Divide(exact - (exact.Sign < 0 ? (BigInteger.One << 16) - 1 : 0), BigInteger.One << 16);
            Assert.Equal((long)(ulong)(floored & ulong.MaxValue), Fixed.Multiply(new Fixed(a), new Fixed(b)).Raw);
        }
    }

    [Fact]
    public void Divide_truncates_toward_zero_and_by_zero_is_zero()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var a = NextLong(random, i);
            var b = NextLong(random, i + 3);
            var expected = b == 0 ? BigInteger.Zero : BigInteger.Divide((BigInteger)a << 16, b);
            Assert.Equal((long)(ulong)(expected & ulong.MaxValue), Fixed.Divide(new Fixed(a), new Fixed(b)).Raw);
        }
        Assert.Equal(0, Fixed.Divide(Fixed.One, Fixed.Zero).Raw);
        Assert.Equal(-21845, Fixed.Divide(Fixed.FromInteger(-1), Fixed.FromInteger(3)).Raw); // -21845.33 toward zero
    }

    [Fact]
    public void Negative_products_round_toward_minus_infinity()
    {
        // -0.5 * (1/65536) is -1/131072: floors to -1/65536, not 0.
        Assert.Equal(-1, Fixed.Multiply(new Fixed(-32768), new Fixed(1)).Raw);
        Assert.Equal(0, Fixed.Multiply(new Fixed(32768), new Fixed(1)).Raw);
    }

    [Fact]
    public void Add_and_subtract_wrap()
    {
        Assert.Equal(long.MinValue, Fixed.Add(new Fixed(long.MaxValue), new Fixed(1)).Raw);
        Assert.Equal(long.MaxValue, Fixed.Subtract(new Fixed(long.MinValue), new Fixed(1)).Raw);
    }

    [Theory]
    [InlineData(39322, "0.600006103515625")]
    [InlineData(-32768, "-0.5")]
    [InlineData(7, "0.0001068115234375")]
    [InlineData(131072, "2")]
    public void Prints_exact_decimal(long raw, string text) => Assert.Equal(text, new Fixed(raw).ToString());

    // Mix small, large and edge values so both the fraction and the wrap are exercised.
    private static long NextLong(Random random, int i) => (i % 4) switch
    {
        0 => random.NextInt64(-1L << 20, 1L << 20),
        1 => random.NextInt64(long.MinValue, long.MaxValue),
        2 => random.NextInt64(-1L << 40, 1L << 40),
        _ => new[] { 0L, 1L, -1L, long.MaxValue, long.MinValue, 65536L, -65536L }[random.Next(7)],
    };
}

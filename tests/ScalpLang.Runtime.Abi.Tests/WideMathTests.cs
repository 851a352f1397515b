using System.Numerics;
using ScalpLang.Runtime.Abi.Windows;

namespace ScalpLang.Runtime.Abi.Tests;

/// <summary>The integer helpers behind zscore and the ema catch-up, against their definitions.</summary>
public class WideMathTests
{
    private static BigInteger Value(UInt192 x) => x.L0 + ((BigInteger)x.L1 << 64) + ((BigInteger)x.L2 << 128);

    [Fact]
    public void IntegerSquareRootIsFloorSqrt()
    {
        var rng = new Random(7);
        var values = new List<UInt128> { 0, 1, 2, 3, 4, ulong.MaxValue, (UInt128)ulong.MaxValue + 1, UInt128.MaxValue, UInt128.MaxValue >> 1 };
        for (int bits = 1; bits < 128; bits++)
        {
            UInt128 p = UInt128.One << bits;
            values.AddRange([p - 1, p, p + 1]);
            var r = (UInt128)(ulong)rng.NextInt64() | ((UInt128)(ulong)rng.NextInt64() << 64);
            values.Add(r >> (128 - bits));
        }
        for (ulong s = 1; s < 1_000_000_000_000; s = (s * 3) + 1) // perfect squares and their neighbours
        {
            UInt128 sq = (UInt128)s * s;
            values.AddRange([sq - 1, sq, sq + 1]);
        }
        foreach (var v in values)
            Assert.Equal(Definitions.Isqrt((BigInteger)v), (BigInteger)IntegerRoot.Floor(v));
    }

    [Fact]
    public void UInt192ArithmeticIsExact()
    {
        var rng = new Random(8);
        for (int i = 0; i < 20_000; i++)
        {
            long x = EventGen.Extreme(rng), y = EventGen.Extreme(rng);
            var acc = UInt192.Square(x);
            Assert.Equal((BigInteger)x * x, Value(acc));
            acc.AddSquare(y);
            Assert.Equal(((BigInteger)x * x) + ((BigInteger)y * y), Value(acc));
            var n = (ulong)rng.Next(1, 33);
            var scaled = acc.Multiply(n);
            Assert.Equal(Value(acc) * n, Value(scaled));
            var s = (UInt128)(ulong)rng.NextInt64() | ((UInt128)(ulong)rng.Next(0, 64) << 64); // below 2^70
            var square = UInt192.Square(s);
            Assert.Equal((BigInteger)s * s, Value(square));
            if (Value(scaled) >= Value(square))
            {
                var difference = scaled;
                difference.Subtract(square);
                Assert.Equal(Value(scaled) - Value(square), Value(difference));
                var d = n * n;
                if (Value(difference) / d < (BigInteger.One << 128))
                    Assert.Equal(Value(difference) / d, (BigInteger)difference.Divide(d));
            }
            acc.SubtractSquare(x);
            Assert.Equal((BigInteger)y * y, Value(acc));
        }
    }
}

namespace ScalpLang.Runtime.Abi.Tests;

/// <summary>Q.Mul and Q.Div against their §6 definitions computed with unbounded integers.</summary>
public class QTests
{
    private static readonly long[] Edges =
    [
        long.MinValue, long.MinValue + 1, -(1L << 47) - 1, -(1L << 47), -(1L << 47) + 1, -65537, -65536, -65535,
        -3, -2, -1, 0, 1, 2, 3, 65535, 65536, 65537, (1L << 47) - 1, 1L << 47, (1L << 47) + 1,
        long.MaxValue - 1, long.MaxValue, 1L << 62, -(1L << 62), 3972, 39322,
    ];

    private static IEnumerable<(long A, long B)> Operands(int seed)
    {
        foreach (var a in Edges)
            foreach (var b in Edges)
                yield return (a, b);
        var rng = new Random(seed);
        for (int i = 0; i < 50_000; i++)
        {
            long a = rng.Next(3) switch
            {
                0 => rng.NextInt64(long.MinValue, long.MaxValue),
                1 => rng.NextInt64(-(1L << 47), 1L << 47),
                _ => rng.NextInt64(-(1L << 24), 1L << 24),
            };
            long b = rng.Next(4) switch
            {
                0 => rng.NextInt64(long.MinValue, long.MaxValue),
                1 => rng.NextInt64(-(1L << 47), 1L << 47),
                2 => Edges[rng.Next(Edges.Length)],
                _ => rng.NextInt64(-(1L << 24), 1L << 24),
            };
            yield return (a, b);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MulIsTheFlooredExactProductWrapped(int seed)
    {
        foreach (var (a, b) in Operands(seed))
            Assert.True(Definitions.Mul(a, b) == Q.Mul(a, b), $"Q.Mul({a}, {b}) = {Q.Mul(a, b)}, expected {Definitions.Mul(a, b)}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DivIsTheTruncatedExactQuotientWrapped(int seed)
    {
        foreach (var (a, b) in Operands(seed))
            Assert.True(Definitions.Div(a, b) == Q.Div(a, b), $"Q.Div({a}, {b}) = {Q.Div(a, b)}, expected {Definitions.Div(a, b)}");
    }

    [Fact]
    public void WorkedValuesOfTheReference()
    {
        Assert.Equal(0, Q.Mul(1, 32768));        // 2^-16 * 0.5 floors to 0
        Assert.Equal(-1, Q.Mul(-1, 32768));      // ... toward minus infinity
        Assert.Equal(21845, Q.Div(65536, 196608));  // 1 / 3
        Assert.Equal(-21845, Q.Div(-65536, 196608)); // truncates toward zero
        Assert.Equal(0, Q.Div(12345, 0));        // b = 0 gives 0
        Assert.Equal(long.MinValue, Q.Div(long.MinValue >> 16, 1)); // -2^47 / 2^-16 = -2^63, just in range
        Assert.Equal(0, Q.Div(long.MinValue, -1)); // 2^79 keeps its low 64 bits: 0
        Assert.Equal(0, Q.Mul(long.MinValue, long.MinValue)); // 2^126 >> 16 = 2^110: low 64 bits 0
    }
}

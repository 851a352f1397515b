using System.Numerics;
using ScalpLang.Hdl.Synth.Tests.Infrastructure;

namespace ScalpLang.Hdl.Synth.Tests;

/// <summary>The generated integer square root against floor(sqrt(v)) (r² ≤ v &lt; (r+1)²) on edge and random values.</summary>
[Trait("Category", "Simulator")]
public sealed class SquareRootTests
{
    [Theory]
    [InlineData(64, 1, DividerSpec.DefaultSegmentBits)]
    [InlineData(128, 2, DividerSpec.DefaultSegmentBits)]   // zscore's variance can need 128 bits
    [InlineData(37, 3, 4)]                                // odd width, 3 root bits per cycle, short segments
    [InlineData(64, 1, 0)]                                // one carry chain
    public void Root_is_the_floor_of_the_square_root(int width, int bitsPerCycle, int segmentBits)
    {
        var spec = new SquareRootSpec(width, bitsPerCycle, segmentBits);
        var unit = SquareRootGenerator.Generate(spec);
        var random = new Random(width * 10 + bitsPerCycle + segmentBits * 1000);
        var all = (BigInteger.One << width) - 1;
        var values = new List<BigInteger> { 0, 1, 2, 3, 4, 5, 8, 9, 15, 16, 17, all, all - 1, BigInteger.One << (width - 1), (BigInteger.One << (width - 1)) - 1 };
        var top = BigInteger.One << (width / 2);
        values.AddRange([top * top - 1, top * top / 4, (top / 2 + 1) * (top / 2 + 1) - 1]);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[(width + 7) / 8 + 1];
            random.NextBytes(bytes);
            bytes[^1] = 0;
            var v = new BigInteger(bytes) >> random.Next(0, width);
            values.Add(i % 2 == 0 ? v & all : Square(v & ((BigInteger.One << (width / 2)) - 1)) - (i % 4 == 1 ? 1 : 0));
        }
        values = [.. values.Select(v => BigInteger.Max(0, v) & all)];

        var (results, firstStart) = UnitBench.Run(unit, [new UnitBench.Port("v", width, false)], new UnitBench.Port("root", spec.RootWidth, false),
            [.. values.Select(v => new[] { v })]);

        Assert.Equal(values.Count, results.Count);
        Assert.Equal(unit.Latency + 1, results[0].DoneCycle - firstStart);
        for (var i = 0; i < values.Count; i++)
        {
            var r = results[i].Value;
            Assert.True(Square(r) <= values[i] && values[i] < Square(r + 1), $"isqrt({values[i]}) gave {r}");
            if (i > 0)
                Assert.Equal(unit.Interval, results[i].DoneCycle - results[i - 1].DoneCycle);
        }
    }

    [Fact]
    public void Latency_is_the_root_bits_over_the_bits_per_cycle_plus_one()
    {
        Assert.Equal(33, SquareRootGenerator.Generate(new SquareRootSpec(64)).Latency);
        Assert.Equal(33, SquareRootGenerator.Generate(new SquareRootSpec(128, 2)).Latency);
        Assert.Equal(8, SquareRootGenerator.Generate(new SquareRootSpec(37, 3)).Latency);
    }

    private static BigInteger Square(BigInteger v) => v * v;
}

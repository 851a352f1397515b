using System.Numerics;
using ScalpLang.Hdl.Synth.Tests.Infrastructure;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Hdl.Synth.Tests;

/// <summary>
/// The generated divider against the language's division (grammar/README.md §6): the IL's own
/// <c>Q.Div</c> for the 64-bit Q47.16 unit, exact big-integer truncating division for the other
/// widths; random operands and the edge values (extremes, -1, zero divisors), streamed back to
/// back so the stated latency and interval are checked too.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class DividerTests
{
    private static readonly long[] Edges =
        [0, 1, -1, 2, -2, 3, -3, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, 1L << 47, -(1L << 47), (1L << 47) - 1,
         65536, -65536, 65535, -65535, 1L << 62, -(1L << 62), 0x7FFF_FFFFL << 16, 19661];

    [Theory]
    [InlineData(1, DividerSpec.DefaultSegmentBits)]
    [InlineData(2, DividerSpec.DefaultSegmentBits)]
    [InlineData(1, 0)]   // one carry chain per operator
    [InlineData(1, 7)]   // uneven segments, a short last one
    public void Q47_16_divider_equals_the_ILs_QDiv(int bitsPerCycle, int segmentBits)
    {
        var spec = DividerSpec.Q47_16 with { BitsPerCycle = bitsPerCycle, SegmentBits = segmentBits };
        var random = new Random(20261126 + bitsPerCycle * 100 + segmentBits);
        var pairs = new List<(long A, long B)>();
        foreach (var a in Edges)
            foreach (var b in Edges)
                pairs.Add((a, b));
        for (var i = 0; i < 400; i++)
            pairs.Add((RandomValue(random, 64), RandomValue(random, i % 4 == 0 ? 20 : 64)));

        var results = RunDivider(spec, pairs.Select(p => ((BigInteger)p.A, (BigInteger)p.B)).ToList());

        for (var i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            Assert.True(Q.Div(a, b) == (long)(ulong)results[i], $"{a} / {b}: IL {Q.Div(a, b)}, Verilog {(long)(ulong)results[i]}");
        }
    }

    [Theory]
    [InlineData(40, 24, 30, 16, 1, 5)]   // a quotient cut to fewer bits than it can need (wraps like the IL's low bits)
    [InlineData(20, 12, 40, 0, 3, 16)]   // integer division, 3 bits per cycle, a result wider than the quotient
    [InlineData(51, 52, 51, 16, 2, 16)]  // imbalance(levels: 5)'s widths in the Verilog backend
    public void Narrow_dividers_truncate_toward_zero_and_give_0_for_a_zero_divisor(int nw, int dw, int qw, int f, int s, int g)
    {
        var spec = new DividerSpec(nw, dw, qw, f, s, g);
        var random = new Random(nw * 1000 + dw);
        var pairs = new List<(BigInteger, BigInteger)>();
        BigInteger[] edgesA = [0, 1, -1, Max(nw), Min(nw), Min(nw) + 1, 7, -7];
        BigInteger[] edgesB = [0, 1, -1, 2, -2, Max(dw), Min(dw), 3, -3];
        foreach (var a in edgesA)
            foreach (var b in edgesB)
                pairs.Add((a, b));
        for (var i = 0; i < 300; i++)
            pairs.Add((RandomValue(random, nw), RandomValue(random, i % 3 == 0 ? Math.Min(dw, 6) : dw)));

        var results = RunDivider(spec, pairs);

        for (var i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            var exact = b.IsZero ? BigInteger.Zero : BigInteger.Divide(a << f, b); // BigInteger.Divide truncates toward zero
            Assert.True(UnitBench.Mask(exact, qw) == results[i], $"{a} / {b}: expected {UnitBench.Mask(exact, qw)}, Verilog {results[i]}");
        }
    }

    [Fact]
    public void Generator_refuses_widths_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DividerGenerator.Generate(new DividerSpec(NumeratorWidth: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DividerGenerator.Generate(new DividerSpec(BitsPerCycle: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DividerGenerator.Generate(new DividerSpec(ModuleName: "1bad")));
    }

    [Fact]
    public void Latency_is_the_step_cycles_plus_one()
    {
        Assert.Equal(81, DividerGenerator.Generate(DividerSpec.Q47_16).Latency);                          // 80 quotient bits, 1 per cycle
        Assert.Equal(41, DividerGenerator.Generate(DividerSpec.Q47_16 with { BitsPerCycle = 2 }).Latency);  // radix 4
        Assert.Equal(28, DividerGenerator.Generate(DividerSpec.Q47_16 with { BitsPerCycle = 3 }).Latency);  // ceil(80 / 3) + 1
    }

    /// <summary>Streams the pairs through the unit; checks latency and interval, returns the raw results.</summary>
    private static List<BigInteger> RunDivider(DividerSpec spec, List<(BigInteger A, BigInteger B)> pairs)
    {
        var unit = DividerGenerator.Generate(spec);
        var (results, firstStart) = UnitBench.Run(unit,
            [new UnitBench.Port("a", spec.NumeratorWidth, true), new UnitBench.Port("b", spec.DivisorWidth, true)],
            new UnitBench.Port("q", spec.QuotientWidth, true),
            [.. pairs.Select(p => new[] { p.A, p.B })]);
        Assert.Equal(pairs.Count, results.Count);
        // Start driven when the cycle counter read firstStart, sampled at the next edge; done seen one edge after it rose.
        Assert.Equal(unit.Latency + 1, results[0].DoneCycle - firstStart);
        for (var i = 1; i < results.Count; i++)
            Assert.Equal(unit.Interval, results[i].DoneCycle - results[i - 1].DoneCycle);
        return [.. results.Select(r => r.Value)];
    }

    private static BigInteger Max(int width) => (BigInteger.One << (width - 1)) - 1;

    private static BigInteger Min(int width) => -(BigInteger.One << (width - 1));

    /// <summary>A signed value of a random size up to <paramref name="width"/> bits (small operands are common).</summary>
    private static long RandomValue(Random random, int width) =>
        random.NextInt64(long.MinValue, long.MaxValue) >> (64 - random.Next(1, Math.Min(width, 64) + 1));
}

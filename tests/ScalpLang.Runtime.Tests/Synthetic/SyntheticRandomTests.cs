using ScalpLang.Runtime.Synthetic;

namespace ScalpLang.Runtime.Tests.Synthetic;

public sealed class SyntheticRandomTests
{
    [Fact]
    public void Xoshiro256StarStar_matches_the_reference_outputs()
    {
        // From state {1, 2, 3, 4}: the reference implementation's first outputs.
        var random = SyntheticRandom.FromState(1, 2, 3, 4);
        Assert.Equal(11_520UL, random.NextUInt64());
        Assert.Equal(0UL, random.NextUInt64());
        Assert.Equal(1_509_978_240UL, random.NextUInt64());
        Assert.Equal(1_215_971_899_390_074_240UL, random.NextUInt64());
    }

    [Fact]
    public void SplitMix64_matches_the_reference_outputs()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, Randomness.Xoshiro256.SplitMix64(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, Randomness.Xoshiro256.SplitMix64(ref state));
        Assert.Equal(0x06C45D188009454FUL, Randomness.Xoshiro256.SplitMix64(ref state));
    }

    [Fact]
    public void Bounded_draws_stay_in_range_and_cover_it()
    {
        var random = new SyntheticRandom(99);
        var seen = new int[7];
        for (int i = 0; i < 70_000; i++)
            seen[random.NextBelow(7)]++;
        Assert.All(seen, count => Assert.InRange(count, 9_000, 11_000));
        for (int i = 0; i < 1_000; i++)
            Assert.InRange(random.NextInclusive(-3, 3), -3, 3);
        Assert.Equal(0, random.NextBelow(1));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL << 62)]
    [InlineData(0x1234_5678_9ABC_DEF0UL)]
    [InlineData(ulong.MaxValue - 1)]
    [InlineData(1_000UL)]
    public void The_fixed_point_logarithm_agrees_with_the_real_one(ulong x)
    {
        // Tests only: the generator itself never uses floating point.
        double u = ((x >> 1) + 1) / Math.Pow(2, 63);
        double expected = -Math.Log(u) * 65_536;
        Assert.InRange(SyntheticRandom.NegativeLnQ16(x), expected - 3, expected + 3);
    }

    [Fact]
    public void Exponential_draws_have_mean_one()
    {
        var random = new SyntheticRandom(5);
        long sum = 0;
        const int N = 200_000;
        for (int i = 0; i < N; i++)
            sum += random.NextExponentialQ16();
        Assert.InRange(sum / N, 65_536 * 98 / 100, 65_536 * 102 / 100);
    }
}

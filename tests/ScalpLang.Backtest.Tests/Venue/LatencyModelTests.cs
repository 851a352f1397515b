using ScalpLang.Backtest.Venue;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>Latency config strings and the seeded distributions behind them.</summary>
public sealed class LatencyModelTests
{
    [Theory]
    [InlineData("const:50us", "const:50us")]
    [InlineData("50us", "const:50us")]
    [InlineData("const: 1.5ms", "const:1500us")]
    [InlineData("constant:0ns", "const:0ns")]
    [InlineData("uniform:20us..80us", "uniform:20us..80us")]
    [InlineData("UNIFORM:250ns..1us", "uniform:250ns..1us")]
    [InlineData("normal:mean=50us,sd=10us", "normal:mean=50us,sd=10us")]
    [InlineData("normal: sd=10us, mean=50us, min=20us, max=2ms", "normal:mean=50us,sd=10us,min=20us,max=2ms")]
    [InlineData("lognormal:median=40us,sigma=0.5", "lognormal:median=40us,sigma=0.5")]
    [InlineData("lognormal:median=40µs,sigma=1,max=1s", "lognormal:median=40us,sigma=1,max=1s")]
    public void Parses_and_prints_back_canonically(string text, string canonical)
    {
        var model = LatencyModel.Parse(text);
        Assert.Equal(canonical, model.ToString());
        Assert.Equal(canonical, LatencyModel.Parse(canonical).ToString());
    }

    [Theory]
    [InlineData("", "latency is empty")]
    [InlineData("const:50", "'50' needs a unit: ns, us, ms or s")]
    [InlineData("const:1.5ns", "'1.5ns' is not a whole number of nanoseconds")]
    [InlineData("const:-5us", "'-5us' is not a duration")]
    [InlineData("gamma:k=2", "unknown distribution 'gamma'")]
    [InlineData("uniform:80us..20us", "the lower bound 80us exceeds the upper bound 20us")]
    [InlineData("uniform:20us", "expected uniform:MIN..MAX")]
    [InlineData("normal:mean=50us", "missing sd=")]
    [InlineData("normal:mean=50us,sd=0us", "sd")]
    [InlineData("lognormal:median=40us", "missing sigma=")]
    [InlineData("lognormal:median=40us,sigma=9", "sigma must be a number in (0, 5]")]
    [InlineData("lognormal:median=40us,sigma=0.5,p99=1ms", "unknown key 'p99'")]
    [InlineData("normal:mean=50us,sd=1us,min=1ms", "holds almost none of the distribution")]
    [InlineData("normal:mean=50us,sd=10us,min=2ms,max=1ms", "min 2ms exceeds max 1ms")]
    public void Bad_input_gives_a_clear_error(string text, string expected)
    {
        Assert.False(LatencyModel.TryParse(text, out var model, out var error));
        Assert.Null(model);
        Assert.Contains(expected, error);
        if (text.Length > 0)
            Assert.StartsWith($"latency '{text}': ", error);
        var thrown = Assert.Throws<FormatException>(() => LatencyModel.Parse(text));
        Assert.Equal(error, thrown.Message);
    }

    private static long[] Draw(LatencyModel model, ulong seed, int n)
    {
        var random = new VenueRandom(seed);
        var samples = new long[n];
        for (int i = 0; i < n; i++)
            samples[i] = model.Sample(ref random);
        return samples;
    }

    [Fact]
    public void Same_seed_same_latencies_other_seed_other_latencies()
    {
        var model = LatencyModel.Parse("lognormal:median=40us,sigma=0.5");
        Assert.Equal(Draw(model, 7, 100), Draw(model, 7, 100));
        Assert.NotEqual(Draw(model, 7, 100), Draw(model, 8, 100));
    }

    [Fact]
    public void Constant_is_constant()
    {
        Assert.All(Draw(LatencyModel.Parse("const:50us"), 1, 100), x => Assert.Equal(50_000, x));
    }

    [Fact]
    public void Uniform_stays_in_its_inclusive_range_with_the_right_mean()
    {
        var samples = Draw(LatencyModel.Parse("uniform:20us..80us"), 3, 50_000);
        Assert.All(samples, x => Assert.InRange(x, 20_000, 80_000));
        Assert.InRange(samples.Average(), 49_500, 50_500); // mean 50us; sd of the mean 17.3us / sqrt(50000) = 77 ns
        var tiny = Draw(LatencyModel.Parse("uniform:1ns..2ns"), 3, 1000);
        Assert.Contains(1, tiny);
        Assert.Contains(2, tiny);
    }

    [Fact]
    public void Normal_has_its_mean_and_deviation_and_respects_truncation()
    {
        var samples = Draw(LatencyModel.Parse("normal:mean=50us,sd=10us"), 5, 50_000);
        double mean = samples.Average();
        double sd = Math.Sqrt(samples.Select(x => (x - mean) * (x - mean)).Average());
        Assert.InRange(mean, 49_800, 50_200);
        Assert.InRange(sd, 9_700, 10_300);
        Assert.All(samples, x => Assert.True(x >= 0));

        var truncated = Draw(LatencyModel.Parse("normal:mean=50us,sd=10us,min=45us,max=60us"), 5, 20_000);
        Assert.All(truncated, x => Assert.InRange(x, 45_000, 60_000));
        Assert.InRange(truncated.Min(), 45_000, 45_100);
        Assert.InRange(truncated.Max(), 59_900, 60_000);
        var nonNegative = Draw(LatencyModel.Parse("normal:mean=5us,sd=10us"), 5, 20_000);
        Assert.All(nonNegative, x => Assert.True(x >= 0)); // truncated at 0 by default, not clamped to a spike at 0
        Assert.True(nonNegative.Count(x => x == 0) < 20);
    }

    [Fact]
    public void Lognormal_has_its_median_and_mean()
    {
        var samples = Draw(LatencyModel.Parse("lognormal:median=40us,sigma=0.5"), 11, 50_000);
        double below = samples.Count(x => x < 40_000) / (double)samples.Length;
        Assert.InRange(below, 0.49, 0.51);
        // mean = median x exp(sigma^2 / 2) = 40us x exp(0.125) = 45.33us (the table clips the far tail a little)
        Assert.InRange(samples.Average(), 44_800, 45_800);
        Assert.All(samples, x => Assert.True(x > 0));
    }
}

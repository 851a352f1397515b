using ScalpLang.Runtime.Synthetic;

namespace ScalpLang.Runtime.Tests.Synthetic;

public sealed class SyntheticSpecTests
{
    [Theory]
    [InlineData("synthetic", 1UL, 200_000L)]
    [InlineData("synthetic:seed=7", 7UL, 200_000L)]
    [InlineData("synthetic:events=100000", 1UL, 100_000L)]
    [InlineData("synthetic:seed=7,events=100000", 7UL, 100_000L)]
    [InlineData("synthetic:events=5,seed=0", 0UL, 5L)]
    [InlineData("synthetic: seed = 42 , events = 1 ", 42UL, 1L)]
    [InlineData("synthetic:seed=18446744073709551615", ulong.MaxValue, 200_000L)]
    [InlineData("synthetic:events=1000000000", 1UL, 1_000_000_000L)]
    [InlineData("synthetic:seed=007", 7UL, 200_000L)]
    public void Parses_the_spec_with_defaults_for_what_is_left_out(string text, ulong seed, long events)
    {
        Assert.True(SyntheticSpec.TryParse(text, out var spec, out string? error), error);
        Assert.Equal(seed, spec.Seed);
        Assert.Equal(events, spec.Events);
        Assert.Equal(spec, SyntheticSpec.Parse(spec.ToString())); // the canonical form round-trips
    }

    [Fact]
    public void The_default_is_seed_1_and_200000_events()
    {
        Assert.Equal(new SyntheticSpec(1, 200_000), SyntheticSpec.Default);
        Assert.Equal("synthetic:seed=1,events=200000", SyntheticSpec.Default.ToString());
        Assert.Equal(SyntheticSpec.Default, SyntheticSpec.Parse("synthetic"));
    }

    [Theory]
    [InlineData("synthetic:sead=7", "unknown key 'sead' (the keys are seed and events)")]
    [InlineData("synthetic:seed=abc", "seed=abc: 'abc' is not a whole number")]
    [InlineData("synthetic:seed=1.5", "seed=1.5: '1.5' is not a whole number")]
    [InlineData("synthetic:events=1e6", "events=1e6: '1e6' is not a whole number")]
    [InlineData("synthetic:seed=+3", "seed=+3: '+3' is not a whole number")]
    [InlineData("synthetic:seed=-1", "seed=-1: seed cannot be negative")]
    [InlineData("synthetic:events=-5", "events=-5: events cannot be negative")]
    [InlineData("synthetic:seed=18446744073709551616", "seed=18446744073709551616: too large (at most 18446744073709551615)")]
    [InlineData("synthetic:events=1000000001", "events=1000000001: too large (at most 1000000000)")]
    [InlineData("synthetic:events=99999999999999999999999", "too large (at most 1000000000)")]
    [InlineData("synthetic:events=0", "events=0: at least 1 event is needed")]
    [InlineData("synthetic:seed=", "seed has no value; expected seed=N")]
    [InlineData("synthetic:seed", "'seed' has no value; expected key=value")]
    [InlineData("synthetic:=5", "'=5' has no key")]
    [InlineData("synthetic:seed=1,seed=2", "seed is given twice")]
    [InlineData("synthetic:events=1,events=2", "events is given twice")]
    [InlineData("synthetic:seed=1,,events=2", "parameter 2 is empty")]
    [InlineData("synthetic:seed=1,", "parameter 2 is empty")]
    [InlineData("synthetic:", "nothing after 'synthetic:'")]
    [InlineData("synthetic:seed=1;events=2", "seed=1;events=2: '1;events=2' is not a whole number")]
    [InlineData("synthetics", "not a synthetic data spec; expected synthetic[:seed=N,events=M]")]
    [InlineData("lobster:x.csv", "not a synthetic data spec")]
    [InlineData("", "not a synthetic data spec")]
    public void Bad_specs_say_which_part_is_wrong(string text, string expected)
    {
        Assert.False(SyntheticSpec.TryParse(text, out var spec, out string? error));
        Assert.Null(spec);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith($"bad data spec '{text}': ", error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => SyntheticSpec.Parse(text));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void A_null_spec_is_an_error_not_a_crash()
    {
        Assert.False(SyntheticSpec.TryParse(null, out _, out string? error));
        Assert.Contains("expected synthetic[:seed=N,events=M]", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("synthetic", true)]
    [InlineData("synthetic:seed=x", true)]
    [InlineData("synthetics", false)]
    [InlineData("lobster:a_message_10.csv", false)]
    [InlineData(null, false)]
    public void Recognises_the_synthetic_scheme(string? text, bool expected) =>
        Assert.Equal(expected, SyntheticSpec.IsSynthetic(text));

    [Fact]
    public void The_constructor_refuses_event_counts_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticSpec(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticSpec(1, SyntheticSpec.MaxEvents + 1));
    }
}

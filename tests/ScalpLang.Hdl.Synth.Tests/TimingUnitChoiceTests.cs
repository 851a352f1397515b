namespace ScalpLang.Hdl.Synth.Tests;

/// <summary>`scalp synth --unit` names: defaults, every field, and the refusals.</summary>
public sealed class TimingUnitChoiceTests
{
    [Theory]
    [InlineData("div", "scalp_div_n64_d64_q64_f16_r1", 81)]
    [InlineData("div:51/52/51/16/1", "scalp_div_n51_d52_q51_f16_r1", 68)]
    [InlineData("div:64/64/64/16/2/0", "scalp_div_n64_d64_q64_f16_r2", 41)]
    [InlineData("isqrt", "scalp_isqrt_w64_r1", 33)]
    [InlineData("isqrt:128/2", "scalp_isqrt_w128_r2", 33)]
    [InlineData("isqrt:37/3/4", "scalp_isqrt_w37_r3", 8)]
    public void Names_give_the_unit(string text, string module, int latency)
    {
        var unit = TimingUnitChoice.Parse(text, out var error);
        Assert.Null(error);
        Assert.Equal((module, latency), (unit!.ModuleName, unit.Latency));
    }

    [Theory]
    [InlineData("mul", "--unit mul is not known; use div, div:N/D/Q/F/R[/G], isqrt or isqrt:W/R[/G]")]
    [InlineData("div:64/64", "--unit div:64/64 is not known; use div, div:N/D/Q/F/R[/G], isqrt or isqrt:W/R[/G]")]
    [InlineData("div:64/x/64/16/1", "--unit div:64/x/64/16/1: 'x' is not a whole number")]
    [InlineData("isqrt:2/1", "--unit isqrt:2/1: InputWidth must be 4..256")]
    [InlineData("div:64/64/64/16/1/-1", "--unit div:64/64/64/16/1/-1: '-1' is not a whole number")]
    public void Bad_names_are_refused_with_the_reason(string text, string message)
    {
        Assert.Null(TimingUnitChoice.Parse(text, out var error));
        Assert.Equal(message, error);
    }
}

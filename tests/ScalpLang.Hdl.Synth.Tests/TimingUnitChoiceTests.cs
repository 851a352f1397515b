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
    [InlineData("mul", "--unit mul is not known; use div, div:N/D/Q/F/R[/G], isqrt, isqrt:W/R[/G] or model:PATH.zip")]
    [InlineData("div:64/64", "--unit div:64/64 is not known; use div, div:N/D/Q/F/R[/G], isqrt, isqrt:W/R[/G] or model:PATH.zip")]
    [InlineData("div:64/x/64/16/1", "--unit div:64/x/64/16/1: 'x' is not a whole number")]
    [InlineData("isqrt:2/1", "--unit isqrt:2/1: InputWidth must be 4..256")]
    [InlineData("div:64/64/64/16/1/-1", "--unit div:64/64/64/16/1/-1: '-1' is not a whole number")]
    public void Bad_names_are_refused_with_the_reason(string text, string message)
    {
        Assert.Null(TimingUnitChoice.Parse(text, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_model_unit_is_read_with_the_models_reader_and_bad_paths_are_refused()
    {
        var reader = new Ml.MlModelReader();
        var pUp = Path.Combine(Infrastructure.Repo.Root, "examples", "models", "p_up.zip");
        var unit = TimingUnitChoice.Parse("model:" + pUp, reader, out var error);
        Assert.Null(error);
        Assert.Equal(("scalp_model_p_up", "scalp_model_p_up_pins", 10, 1), (unit!.ModuleName, unit.PinTop, unit.Latency, unit.Interval));
        Assert.Null(TimingUnitChoice.Parse("model:" + pUp, out error));
        Assert.Equal($"--unit model:{pUp}: models cannot be read here", error);
        Assert.Null(TimingUnitChoice.Parse("model:up.onnx", reader, out error));
        Assert.Equal("--unit model:up.onnx: give an ML.NET model file, model:PATH.zip", error);
        Assert.Null(TimingUnitChoice.Parse("model:no/such.zip", reader, out error));
        Assert.Equal("--unit model:no/such.zip: no/such.zip: no such file", error);
    }
}

using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// What the Verilog target cannot build is refused with an SL5xxx at the construct, and no text: an
/// ONNX model with SL5005 (SL5004 is left for a model the front end did not import). A compiled .zip model, windows,
/// the portfolio and sliced orders are built: SL5001..SL5003 are retired, and SL5004 for .zip models.
/// </summary>
public sealed class RefusalTests
{
    [Fact]
    public void An_onnx_model_is_refused_at_its_declaration_and_nothing_else_is()
    {
        var program = Strategies.Lower("""
            strategy W
            instrument "XYZ" tick 0.01 lot 1 currency USD
            model up = "up.onnx" features [spread]
            signal flow = aggressor_ratio(window: 1s)
            execution quiet = twap over 2s slices 4
            rule r priority 1 when up > 0.6 and flow > 0.6 and position < 3 lots => buy 1 lot at market via quiet
            exit stop_loss 2 ticks
            """);
        var emitted = VerilogBackend.Emit(program);
        Assert.Null(emitted.Module);
        Assert.Null(emitted.Testbench);
        var model = Assert.Single(emitted.Diagnostics);
        Assert.Equal("SL5005", model.Code);
        Assert.Equal((3, 7), model.Location.Start);
        Assert.Equal("up", model.Location.Source.ToString(model.Location.Span));
    }

    [Fact]
    public void A_compiled_zip_model_is_built()
    {
        var emitted = VerilogBackend.Emit(ExampleVerilogTests.Example("ml_imbalance_scalper"));
        Assert.DoesNotContain(emitted.Diagnostics, d => d.Code == "SL5004");
        Assert.NotNull(emitted.Module);
    }
}

using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// What the Verilog target cannot build (a model) is refused with SL5004 at the construct, and no
/// text. Windows, the portfolio and sliced orders are built: SL5001..SL5003 are retired.
/// </summary>
public sealed class RefusalTests
{
    [Fact]
    public void A_model_is_refused_at_its_declaration_and_nothing_else_is()
    {
        var program = Strategies.Lower("""
            strategy W
            instrument "XYZ" tick 0.01 lot 1 currency USD
            model up = "up.zip" features [spread]
            signal flow = aggressor_ratio(window: 1s)
            execution quiet = twap over 2s slices 4
            rule r priority 1 when up > 0.6 and flow > 0.6 and position < 3 lots => buy 1 lot at market via quiet
            exit stop_loss 2 ticks
            """);
        var emitted = VerilogBackend.Emit(program);
        Assert.Null(emitted.Module);
        Assert.Null(emitted.Testbench);
        var model = Assert.Single(emitted.Diagnostics);
        Assert.Equal("SL5004", model.Code);
        Assert.Equal((3, 7), model.Location.Start);
        Assert.Equal("up", model.Location.Source.ToString(model.Location.Span));
    }
}

using ScalpLang.Backend.Verilog;
using ScalpLang.Hdl.Synth.Tests.Infrastructure;

namespace ScalpLang.Hdl.Synth.Tests;

/// <summary>The values `scalp synth` names as forcing 64 bits are the ones the generated module's header lists.</summary>
public sealed class FullWidthValuesTests
{
    [Theory]
    [InlineData("01-book-imbalance")]
    [InlineData("02-trade-follow")]
    [InlineData("03-levels-param-and-wrap")]
    public void Same_values_as_the_module_header(string golden)
    {
        var program = Repo.Lower(Repo.Golden(golden));
        var header = VerilogBackend.Emit(program).Module!.Split('\n')
            .Where(l => l.StartsWith("// Full 64-bit width: ", StringComparison.Ordinal))
            .Select(l => l["// Full 64-bit width: ".Length..].TrimEnd('.'))
            .ToList();

        var found = FullWidthValues.Find(program).Select(v => $"{v.Wire} ({v.Origin}): {v.Why}").ToList();

        Assert.Equal(header, found);
    }

    [Fact]
    public void A_param_without_a_range_is_named()
    {
        var found = FullWidthValues.Find(Repo.Lower(Repo.Golden("02-trade-follow")));
        Assert.Contains(found, v => v.Why == "param 'margin' declares no range" && v.Origin == "input.scalp:11");
    }
}

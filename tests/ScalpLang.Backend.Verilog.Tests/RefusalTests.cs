using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// What milestone 1 cannot build is refused with SL5xxx at the construct, and no text. None of
/// the shipped examples is FPGA-able yet: each uses windows and portfolio inputs.
/// </summary>
public sealed class RefusalTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Examples, "*.scalp").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_shipped_example_is_refused_with_SL5xxx(string file)
    {
        var path = Path.Combine(RepoPaths.Examples, file);
        var program = FrontEnd.Check(SourceText.From(File.ReadAllText(path), file, path), new FileImportResolver(RepoPaths.Examples));
        Assert.False(program.HasErrors);
        var emitted = VerilogBackend.Emit(Lowerer.Lower(program.Strategy!));
        Assert.Null(emitted.Module);
        Assert.Null(emitted.Testbench);
        Assert.NotEmpty(emitted.Diagnostics);
        Assert.All(emitted.Diagnostics, d => Assert.Matches("^SL500[1-4]$", d.Code));
        Assert.Contains(emitted.Diagnostics, d => d.Code == "SL5001");
        Assert.Contains(emitted.Diagnostics, d => d.Code == "SL5002");
    }

    [Fact]
    public void A_refusal_points_at_the_construct()
    {
        var program = Strategies.Lower("""
            strategy W
            instrument "XYZ" tick 0.01 lot 1 currency USD
            signal flow = aggressor_ratio(window: 1s)
            rule r priority 1 when flow > 0.6 and position < 3 lots => buy 1 lot at market
            """);
        var diagnostics = VerilogBackend.Emit(program).Diagnostics;
        var window = Assert.Single(diagnostics, d => d.Code == "SL5001");
        Assert.Equal((3, 15), window.Location.Start);
        Assert.Equal("aggressor_ratio(window: 1s)", window.Location.Source.ToString(window.Location.Span));
        var portfolio = Assert.Single(diagnostics, d => d.Code == "SL5002");
        Assert.Equal("position", portfolio.Location.Source.ToString(portfolio.Location.Span));
    }
}

using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>yosys takes a generated module through iCE40 synthesis with no problems reported (resource figures in the output).</summary>
[Trait("Category", "Simulator")]
public sealed class SynthesisTests(ITestOutputHelper output)
{
    [Fact]
    public void Yosys_synthesizes_a_module_for_iCE40()
    {
        var emitted = VerilogBackend.Emit(Strategies.Golden("03-levels-param-and-wrap"));
        var dir = Tools.Scratch("yosys");
        File.WriteAllText(Path.Combine(dir, "m.v"), emitted.Module);
        var (exit, log) = Tools.Run("yosys", dir, "-p", $"read_verilog m.v; synth_ice40 -top {emitted.ModuleName}; stat");
        Assert.True(exit == 0, log);
        Assert.Contains("Found and reported 0 problems.", log, StringComparison.Ordinal);
        Assert.Contains("SB_LUT4", log, StringComparison.Ordinal);
        output.WriteLine(string.Join('\n', log.Split('\n').Where(l => l.Contains("SB_", StringComparison.Ordinal)).TakeLast(8)));
        Directory.Delete(dir, recursive: true);
    }
}

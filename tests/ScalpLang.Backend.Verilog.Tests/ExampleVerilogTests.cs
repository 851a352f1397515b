using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Every shipped example builds for the FPGA: ExampleGoldens/&lt;example&gt;/expected.v and
/// expected_tb.v hold what `scalp build --target verilog` writes (SCALP_BLESS=1 rewrites them), and
/// both lint clean under <c>verilator --lint-only -Wall</c>.
/// </summary>
public sealed class ExampleVerilogTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var name in FpgaExamples())
            data.Add(name);
        return data;
    }

    /// <summary>Every shipped example: compiled .zip models included (SL5004 is retired for them).</summary>
    public static IEnumerable<string> FpgaExamples() =>
        Directory.GetFiles(RepoPaths.Examples, "*.scalp").Order(StringComparer.Ordinal).Select(Path.GetFileNameWithoutExtension)!;

    [Fact]
    public void The_ML_example_builds_with_its_model_in_the_module()
    {
        var emitted = VerilogBackend.Emit(Example("ml_imbalance_scalper"));
        Assert.Empty(emitted.Diagnostics);
        // p_up: 20 FastTree trees; each leaf selected from comparison bits, then the sigmoid table.
        Assert.Contains("wire signed [63:0] n39_leaf19 = ", emitted.Module, StringComparison.Ordinal);
        Assert.Contains("10'd512: n39_table = 17'd65536;", emitted.Module, StringComparison.Ordinal);
        Assert.True(FpgaExamples().Count() >= 5);
    }

    public static Compiler.Ir.IrProgram Example(string name) => Strategies.LowerFile(Path.Combine(RepoPaths.Examples, name + ".scalp"));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_builds_and_matches_its_golden(string name)
    {
        var emitted = VerilogBackend.Emit(Example(name));
        Assert.Empty(emitted.Diagnostics);
        var dir = Path.Combine(RepoPaths.ExampleGoldens, name);
        Golden.Verify(Path.Combine(dir, "expected.v"), emitted.Module!);
        Golden.Verify(Path.Combine(dir, "expected_tb.v"), emitted.Testbench!);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    [Trait("Category", "Simulator")]
    public void Example_lints_clean(string name)
    {
        var emitted = VerilogBackend.Emit(Example(name));
        var dir = Tools.Scratch("lint-example");
        var module = Path.Combine(dir, emitted.ModuleName + ".v");
        var testbench = Path.Combine(dir, emitted.ModuleName + "_tb.v");
        File.WriteAllText(module, emitted.Module);
        File.WriteAllText(testbench, emitted.Testbench);
        var (exit, output) = Tools.Run("verilator", dir, "--lint-only", "-Wall", module);
        Assert.True(exit == 0 && output.Trim().Length == 0, $"module:\n{output}");
        (exit, output) = Tools.Run("verilator", dir, "--lint-only", "-Wall", "--timing", "--top-module", emitted.ModuleName + "_tb", testbench, module);
        Assert.True(exit == 0 && output.Trim().Length == 0, $"testbench:\n{output}");
        Directory.Delete(dir, recursive: true);
    }
}

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

    /// <summary>The shipped examples without a `model` block (a model has no hardware form: SL5004).</summary>
    public static IEnumerable<string> FpgaExamples() =>
        Directory.GetFiles(RepoPaths.Examples, "*.scalp").Order(StringComparer.Ordinal)
            .Where(file => !DeclaresModel(file)).Select(Path.GetFileNameWithoutExtension)!;

    private static bool DeclaresModel(string file) =>
        System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(file), @"^\s*model\s", System.Text.RegularExpressions.RegexOptions.Multiline);

    [Fact]
    public void Examples_with_a_model_are_refused_with_SL5004_and_the_rest_build()
    {
        var withModel = Directory.GetFiles(RepoPaths.Examples, "*.scalp").Where(DeclaresModel).ToList();
        Assert.NotEmpty(withModel);
        foreach (var file in withModel)
        {
            var emitted = VerilogBackend.Emit(Example(Path.GetFileNameWithoutExtension(file)));
            Assert.Contains(emitted.Diagnostics, d => d.Code == "SL5004");
            Assert.Null(emitted.Module);
        }
        Assert.True(FpgaExamples().Count() >= 4);
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

using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>Every generated file lints clean under <c>verilator --lint-only -Wall</c> (the testbench with --timing).</summary>
[Trait("Category", "Simulator")]
public sealed class LintTests
{
    [Theory]
    [MemberData(nameof(GoldenVerilogTests.Cases), MemberType = typeof(GoldenVerilogTests))]
    public void Generated_module_and_testbench_lint_clean(string name)
    {
        var emitted = VerilogBackend.Emit(Strategies.Golden(name));
        var dir = Tools.Scratch("lint");
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

    [Fact]
    public void Icarus_compiles_the_module_as_Verilog_2005()
    {
        var emitted = VerilogBackend.Emit(Strategies.Golden("01-book-imbalance"));
        var dir = Tools.Scratch("iverilog");
        File.WriteAllText(Path.Combine(dir, "m.v"), emitted.Module);
        var (exit, output) = Tools.Run("iverilog", dir, "-g2005", "-Wall", "-o", "m.vvp", "m.v");
        Assert.True(exit == 0 && output.Trim().Length == 0, output);
        Directory.Delete(dir, recursive: true);
    }
}

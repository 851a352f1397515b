using ScalpLang.Backend.Verilog;
using ScalpLang.Hdl.Synth.Tests.Infrastructure;

namespace ScalpLang.Hdl.Synth.Tests;

/// <summary>Every generated file lints clean under <c>verilator --lint-only -Wall</c>, as the backend's modules do.</summary>
[Trait("Category", "Simulator")]
public sealed class LintTests
{
    public static TheoryData<string> Units => new()
    {
        "div-q47.16", "div-radix4", "div-narrow", "isqrt-64", "isqrt-37x3",
    };

    [Theory]
    [MemberData(nameof(Units))]
    public void Timing_unit_lints_clean(string which)
    {
        var unit = which switch
        {
            "div-q47.16" => DividerGenerator.Generate(DividerSpec.Q47_16),
            "div-radix4" => DividerGenerator.Generate(DividerSpec.Q47_16 with { BitsPerCycle = 2 }),
            "div-narrow" => DividerGenerator.Generate(new DividerSpec(20, 12, 40, 0, 3)),
            "isqrt-64" => SquareRootGenerator.Generate(new SquareRootSpec(64)),
            _ => SquareRootGenerator.Generate(new SquareRootSpec(37, 3)),
        };
        Lint(unit.ModuleName, (unit.ModuleName + ".v", unit.Verilog));
    }

    [Fact]
    public void Wrapper_lints_clean_with_its_module()
    {
        var emitted = VerilogBackend.Emit(Repo.Lower(Repo.Golden("01-book-imbalance")));
        var top = NarrowTop.Generate(emitted.ModuleName, NarrowTop.ModuleLatency(emitted.Module!)!.Value);
        var topName = NarrowTop.TopName(emitted.ModuleName);
        Lint(topName, (emitted.ModuleName + ".v", emitted.Module!), (topName + ".v", top));
    }

    private static void Lint(string top, params (string Name, string Text)[] files)
    {
        var dir = Repo.Scratch("lint");
        foreach (var (name, text) in files)
            File.WriteAllText(Path.Combine(dir, name), text);
        var (exit, log) = Repo.Run("verilator", dir, ["--lint-only", "-Wall", "--top-module", top, .. files.Select(f => f.Name)]);
        Assert.True(exit == 0, log);
        Assert.DoesNotContain("%Warning", log, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }
}

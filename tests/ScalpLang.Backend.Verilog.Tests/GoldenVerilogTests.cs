using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Goldens/NN-name/: input.scalp, and the module (expected.v) and testbench (expected_tb.v)
/// `scalp build --target verilog` writes for it. SCALP_BLESS=1 rewrites them.
/// </summary>
public sealed class GoldenVerilogTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(RepoPaths.Goldens).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verilog_matches_golden(string name)
    {
        var emitted = VerilogBackend.Emit(Strategies.Golden(name));
        Assert.Empty(emitted.Diagnostics);
        var dir = Path.Combine(RepoPaths.Goldens, name);
        Golden.Verify(Path.Combine(dir, "expected.v"), emitted.Module!);
        Golden.Verify(Path.Combine(dir, "expected_tb.v"), emitted.Testbench!);
    }

    [Fact]
    public void Emitting_twice_gives_the_same_text()
    {
        var program = Strategies.Golden("01-book-imbalance");
        Assert.Equal(VerilogBackend.Emit(program).Module, VerilogBackend.Emit(program).Module);
    }
}

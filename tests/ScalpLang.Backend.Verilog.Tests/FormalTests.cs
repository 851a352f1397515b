using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// The kill switch, once engaged, stays engaged until reset: yosys-smtbmc with z3, base case and
/// induction, on every example's module; and a module whose latch a decision-less evaluation
/// clears, which both checks must reject (so the check can fail).
/// </summary>
[Trait("Category", "Simulator")]
public sealed class FormalTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ExampleVerilogTests.Examples), MemberType = typeof(ExampleVerilogTests))]
    public void The_kill_switch_stays_engaged_until_reset(string name)
    {
        var emitted = VerilogBackend.Emit(ExampleVerilogTests.Example(name));
        var dir = Tools.Scratch("formal");
        var result = KillSwitchProof.Run(dir, emitted.ModuleName, emitted.Module!);
        output.WriteLine(result.Log);
        Assert.True(result.Error is null, result.Error);
        Assert.True(result.BaseCase, "base case failed");
        Assert.True(result.Induction, "induction failed");
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_latch_that_clears_itself_fails_both_checks()
    {
        var emitted = VerilogBackend.Emit(ExampleVerilogTests.Example("imbalance_scalper"));
        // Sabotage: an evaluation where no decision acts clears the kill switch.
        const string none = "out_decision <= 16'd65535;";
        Assert.Contains(none, emitted.Module!, StringComparison.Ordinal);
        var broken = emitted.Module!.Replace(none, "out_kill <= 1'b0; " + none, StringComparison.Ordinal);
        var dir = Tools.Scratch("formal-broken");
        var result = KillSwitchProof.Run(dir, emitted.ModuleName, broken);
        output.WriteLine(result.Log);
        Assert.True(result.Error is null, result.Error);
        Assert.False(result.BaseCase, "the base case missed a latch that clears");
        Assert.False(result.Induction, "the induction missed a latch that clears");
        Assert.Contains("kill_latched", result.Log, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }
}

using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Every window the module builds (Goldens/04-windows: sums, samples, z-score, ema, atr, a param
/// window) against the IL's window state machines on a synthetic tape, event by event, with every
/// decision acting somewhere in the run; and modules with one window rule broken, which the
/// comparison must catch.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class WindowCoSimulationTests(ITestOutputHelper output)
{
    private const string Windows = "04-windows";

    [Theory]
    [InlineData(SimulatorKind.Iverilog, 31)]
    [InlineData(SimulatorKind.Verilator, 32)]
    public void Every_window_agrees_with_the_IL_on_every_event(SimulatorKind simulator, int seed)
    {
        var program = Strategies.Golden(Windows);
        var report = CoSim(seed, simulator);
        Assert.True(report.Events >= 20_000, $"only {report.Events} events");
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        // Each decision reads a different window; all of them acting shows every window's value mattered.
        Assert.Equal(Enumerable.Range(0, program.Decisions.Length), report.DecisionsActed.Order());
    }

    [Fact]
    public void A_param_window_override_reaches_both_sides()
    {
        var report = CoSim(33, SimulatorKind.Iverilog, new Dictionary<string, long> { ["w"] = 640_000_000 });
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
    }

    [Theory]
    [InlineData(@"80'sd3972", "80'sd7944", "the ema's alpha doubled")]
    [InlineData(@"!\(ev_open && ev_trades\)", "1'b1", "decreases after a trade counted as cancels")]
    [InlineData(@"(w\d+)_passed = \1_rotated\[63:32\]", "$1_passed = 32'd0", "buckets time passed over never emptied or refilled")]
    [InlineData(@"(bc\d+)_ev_lo <= \1_lo_next;", "$1_ev_lo <= $1_k_lo;", "the event's bucket taken before its first record's delta")]
    public void A_broken_window_rule_is_caught(string pattern, string replacement, string what)
    {
        string Break(string module)
        {
            var broken = Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }
        // Verilator: a broken module is a new build, but its run is seconds where iverilog's is minutes.
        var report = CoSim(31, SimulatorKind.Verilator, transform: Break);
        output.WriteLine($"{what}: {report.Summary}");
        Assert.True(report.Mismatches > 0, $"{what}: {report.Summary}");
    }

    private CoSimulation.Report CoSim(int seed, SimulatorKind simulator, Dictionary<string, long>? parameters = null, Func<string, string>? transform = null)
    {
        var program = Strategies.Golden(Windows);
        var dir = Tools.Scratch("windows");
        var tape = Tools.SyntheticTape(dir, seed, 70_000, program.BookDepth);
        var report = CoSimulation.Run(program, tape, simulator, Path.Combine(dir, "work"), parameters, transform);
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"{Windows}: {report.Summary} ({report.Acted} acted); IL {report.Il.TotalSeconds:F2} s, {simulator} build {report.SimulatorBuild.TotalSeconds:F2} s, run {report.SimulatorRun.TotalSeconds:F2} s");
        Directory.Delete(dir, recursive: true);
        return report;
    }
}

using System.Text.RegularExpressions;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Every shipped example, IL host (risk engine, immediate-fill venue, portfolio) against the
/// simulated module fed the host's fills, evaluation by evaluation: on the synthetic flow (at
/// least 100,000 tape events) and on the GOOG LOBSTER day in ../shared, in Icarus Verilog and in
/// Verilator (one build per example and simulator serves both tapes). Slow: about a minute per
/// example and simulator on this machine. Modules with the portfolio or the re-evaluation
/// rule broken must be caught.
/// </summary>
[Trait("Category", "Simulator")]
[Trait("Speed", "Slow")]
public sealed class ExampleCoSimulationTests(ITestOutputHelper output)
{
    public static TheoryData<string, SimulatorKind> Runs()
    {
        var data = new TheoryData<string, SimulatorKind>();
        foreach (var name in ExampleVerilogTests.FpgaExamples())
        {
            data.Add(name, SimulatorKind.Iverilog);
            data.Add(name, SimulatorKind.Verilator);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Example_agrees_with_the_IL_host_on_the_synthetic_flow_and_the_GOOG_day(string name, SimulatorKind simulator)
    {
        var program = ExampleVerilogTests.Example(name);
        var dir = Tools.Scratch("example");
        var work = Path.Combine(dir, "work");
        // The default synthetic flow's seed; a shallower book sees fewer of its messages as tape events.
        var synthetic = Tools.SyntheticTape(dir, 1, SourceEvents(program.BookDepth), program.BookDepth);
        var report = Check(CoSimulation.Run(program, synthetic, simulator, work), $"{name} synthetic");
        Assert.True(report.Events >= 100_000, $"only {report.Events} events");
        if (!File.Exists(RepoPaths.GoogMessages))
        {
            Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing {RepoPaths.GoogMessages}");
            output.WriteLine($"skipped the GOOG day: {RepoPaths.GoogMessages} is not there");
        }
        else
        {
            var goog = Tools.Tape(dir, "goog.tape", "lobster:" + RepoPaths.GoogMessages, program.BookDepth);
            report = Check(CoSimulation.Run(program, goog, simulator, work), $"{name} GOOG");
            Assert.True(report.Events >= 49_000, $"only {report.Events} events");
        }
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("passive_market_maker", @"pf_realized \+ (\(\{2'b00, pf_closed_size\} \^ \{64\{pf_pnl_negative\}\}\)) \+ (\{63'd0, pf_pnl_negative\})", "pf_realized - $1 - $2", "realized P&L with the wrong sign")]
    // (eval_refill_s1 when a window in block RAM adds a stage)
    [InlineData("passive_market_maker", @"(wire d\d+_when = .*?) && !eval_refill(_s\d+)?;", "$1;", "rules tried again after our own fill")]
    [InlineData("spread_breakout", @"pf_losses \+ 48'd1", "pf_losses + 48'd2", "losing round trips counted twice")]
    public void A_broken_portfolio_rule_is_caught(string name, string pattern, string replacement, string what)
    {
        string Break(string module)
        {
            var broken = Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }
        var program = ExampleVerilogTests.Example(name);
        var dir = Tools.Scratch("example-broken");
        var tape = File.Exists(RepoPaths.GoogMessages)
            ? Tools.Tape(dir, "goog.tape", "lobster:" + RepoPaths.GoogMessages, program.BookDepth)
            : Tools.SyntheticTape(dir, 1, SourceEvents(program.BookDepth), program.BookDepth);
        var report = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, Path.Combine(dir, "work"), transformModule: Break);
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"{what}: {report.Summary}");
        Assert.True(report.Mismatches > 0, $"{what}: {report.Summary}");
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// Synthetic messages that give at least 100,000 tape events at this depth (measured: 3 levels
    /// keep about a quarter, 1 level about a sixth: 300,000 gave 48,659 for the ML example).
    /// </summary>
    private static int SourceEvents(int depth) => depth == 1 ? 660_000 : depth <= 3 ? 400_000 : 320_000;

    private CoSimulation.Report Check(CoSimulation.Report report, string what)
    {
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"{what}: {report.Summary}, {report.Evaluations} evaluations, {report.Fills} fills, {report.Acted} acted " +
            $"(decisions {string.Join(",", report.DecisionsActed.Order())}); IL {report.Il.TotalSeconds:F2} s, build {report.SimulatorBuild.TotalSeconds:F2} s, run {report.SimulatorRun.TotalSeconds:F2} s");
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        return report;
    }
}

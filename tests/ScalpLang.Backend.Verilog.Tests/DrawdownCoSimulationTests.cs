using System.Text.RegularExpressions;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// A drawdown circuit breaker decided without a divider (Goldens/08-drawdown-breaker) against the
/// IL on the synthetic flow, event by event: the kill must act at the same evaluation; and modules
/// with the drawdown comparison broken, which the comparison must catch.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class DrawdownCoSimulationTests(ITestOutputHelper output)
{
    private const string Breaker = "08-drawdown-breaker";

    [Fact]
    public void The_breaker_kills_at_the_same_event_as_the_IL()
    {
        var report = CoSim(null);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        // Both decisions acted: the entry, and the kill the drawdown comparison raised.
        Assert.Equal([0, 1], report.DecisionsActed.Order());
    }

    [Theory]
    [InlineData(@"(w\d+)_fall = \1_peak - \1_sample", "$1_fall = $1_sample - $1_peak", "the fall's sign reversed")]
    [InlineData(@"(n\d+)_all_ge = (.*) : \1_ge;", "$1_all_ge = $2 : 1'b0;", "the in-range decision replaced by false")]
    public void A_broken_drawdown_comparison_is_caught(string pattern, string replacement, string what)
    {
        string Break(string module)
        {
            var broken = Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }
        var report = CoSim(Break);
        output.WriteLine($"{what}: {report.Summary}");
        Assert.True(report.Mismatches > 0, $"{what}: {report.Summary}");
    }

    private CoSimulation.Report CoSim(Func<string, string>? transform)
    {
        var program = Strategies.Golden(Breaker);
        var dir = Tools.Scratch("drawdown");
        var tape = Tools.SyntheticTape(dir, 1, 60_000, program.BookDepth);
        var report = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, Path.Combine(dir, "work"), null, transform);
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"{Breaker}: {report.Summary} ({report.Acted} acted); IL {report.Il.TotalSeconds:F2} s, iverilog build {report.SimulatorBuild.TotalSeconds:F2} s, run {report.SimulatorRun.TotalSeconds:F2} s");
        Directory.Delete(dir, recursive: true);
        return report;
    }
}

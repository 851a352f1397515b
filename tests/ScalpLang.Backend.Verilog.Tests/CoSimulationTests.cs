using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// IL and simulated Verilog on the same synthetic tape, event by event (at least 20,000 events
/// each), and a deliberately broken module that the comparison must catch.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class CoSimulationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("01-book-imbalance", 11)]
    [InlineData("02-trade-follow", 12)]
    [InlineData("03-levels-param-and-wrap", 13)]
    public void Iverilog_agrees_with_the_IL_on_every_event(string name, int seed)
    {
        var report = CoSim(name, seed, SimulatorKind.Iverilog);
        Assert.True(report.Events >= 20_000, $"only {report.Events} events");
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
    }

    [Theory]
    [InlineData("01-book-imbalance", 21)]
    [InlineData("02-trade-follow", 22)]
    [InlineData("03-levels-param-and-wrap", 23)]
    public void Verilator_agrees_with_the_IL_on_every_event(string name, int seed)
    {
        var report = CoSim(name, seed, SimulatorKind.Verilator);
        Assert.True(report.Events >= 20_000, $"only {report.Events} events");
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
    }

    [Fact]
    public void A_param_override_reaches_both_sides()
    {
        var parameters = new Dictionary<string, long> { ["reach"] = 4L << 16, ["scale"] = 3L << 16 };
        var report = CoSim("03-levels-param-and-wrap", 14, SimulatorKind.Iverilog, parameters);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
    }

    [Fact]
    public void A_wrong_operator_in_the_module_is_caught_with_the_event_and_the_signals()
    {
        // imbalance's numerator is bid depth - ask depth; the broken module adds them.
        static string Break(string module)
        {
            var line = module.Split('\n').First(l => l.Contains("wire signed [50:0] n2 = n0 - n1;", StringComparison.Ordinal));
            return module.Replace(line, line.Replace(" - ", " + ", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        var report = CoSim("01-book-imbalance", 11, SimulatorKind.Iverilog, transform: Break);
        Assert.True(report.Mismatches > 0, report.Summary);
        var first = Assert.IsType<CoSimulation.Mismatch>(report.First);
        Assert.NotEqual(first.Il, first.Verilog);
        Assert.NotEmpty(first.Records);
        Assert.Contains(first.Probes, p => p.StartsWith("sig_imb ", StringComparison.Ordinal));
        output.WriteLine(report.Summary);
        output.WriteLine(CoSimulation.Describe(first));
    }

    private CoSimulation.Report CoSim(string name, int seed, SimulatorKind simulator, Dictionary<string, long>? parameters = null, Func<string, string>? transform = null)
    {
        var program = Strategies.Golden(name);
        var dir = Tools.Scratch("cosim");
        var tape = Tools.SyntheticTape(dir, seed, 80_000, program.BookDepth);
        var report = CoSimulation.Run(program, tape, simulator, Path.Combine(dir, "work"), parameters, transform);
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"{name}: {report.Summary} ({report.Acted} acted); IL {report.Il.TotalSeconds:F2} s, {simulator} build {report.SimulatorBuild.TotalSeconds:F2} s, run {report.SimulatorRun.TotalSeconds:F2} s");
        Directory.Delete(dir, recursive: true);
        return report;
    }
}

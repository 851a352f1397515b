using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// A linear model in the module (Goldens/05-linear-model: SDCA, its probability in every decision's
/// quantity) against the IL on a synthetic tape, evaluation by evaluation, with every decision
/// acting; and the tree example's module with its sigmoid or one tree comparison broken, which the
/// comparison must catch. (The tree example's full co-simulations are in ExampleCoSimulationTests.)
/// </summary>
[Trait("Category", "Simulator")]
public sealed class ModelCoSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public void A_linear_model_agrees_with_the_IL_bit_for_bit()
    {
        var program = Strategies.Golden("05-linear-model");
        var report = CoSim(program, 41, null);
        Assert.True(report.Events >= 19_000, $"only {report.Events} events");
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        Assert.Equal(Enumerable.Range(0, program.Decisions.Length), report.DecisionsActed.Order());
    }

    [Theory]
    [InlineData("05-linear-model", "n(\\d+)_probability_slope\\[27:11\\]", "n$1_probability_slope[26:10]", "the sigmoid's interpolation shifted by 10")]
    [InlineData("05-linear-model", "n(\\d+)_term0_a = 64'sh", "n$1_term0_a = 64'sh1", "a weight's top bits changed")]
    public void A_broken_model_is_caught(string golden, string pattern, string replacement, string what)
    {
        string Break(string module)
        {
            var broken = System.Text.RegularExpressions.Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        }
        var report = CoSim(Strategies.Golden(golden), 41, Break);
        output.WriteLine($"{what}: {report.Summary}");
        Assert.True(report.Mismatches > 0, $"{what}: {report.Summary}");
    }

    private CoSimulation.Report CoSim(Compiler.Ir.IrProgram program, int seed, Func<string, string>? transform)
    {
        var dir = Tools.Scratch("model");
        var tape = Tools.SyntheticTape(dir, seed, 120_000, program.BookDepth);
        var report = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, Path.Combine(dir, "work"), transformModule: transform);
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"{program.Name}: {report.Summary} ({report.Acted} acted, decisions {string.Join(",", report.DecisionsActed.Order())}); " +
            $"IL {report.Il.TotalSeconds:F2} s, build {report.SimulatorBuild.TotalSeconds:F2} s, run {report.SimulatorRun.TotalSeconds:F2} s");
        Directory.Delete(dir, recursive: true);
        return report;
    }
}

using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// The imbalance scalper built at RECORD_INTERVAL = 16 (its drawdown's suffix maxima in block RAM,
/// updated over the idle cycles; its evaluation folded over the interval, atr's mean a few division
/// rows a cycle: EvaluationFold) against the IL host, evaluation by evaluation, on the synthetic flow and on the GOOG
/// LOBSTER day, in Icarus Verilog and in Verilator: both testbenches keep records 16 cycles apart,
/// and the fold must be exact in context. Sixteen cycles a record make iverilog slow (about 4 minutes
/// for the GOOG day): iverilog runs the synthetic flow, Verilator the synthetic flow and the whole GOOG
/// day (the testbenches' interval itself is checked by RecordIntervalContractTests in iverilog).
/// </summary>
[Trait("Category", "Simulator")]
[Trait("Speed", "Slow")]
public sealed class IntervalCoSimulationTests(ITestOutputHelper output)
{
    private const int Interval = 16;

    [Theory]
    [InlineData(SimulatorKind.Iverilog)]
    [InlineData(SimulatorKind.Verilator)]
    public void The_scalper_at_interval_16_agrees_with_the_IL_host(SimulatorKind simulator)
    {
        var program = ExampleVerilogTests.Example("imbalance_scalper");
        var dir = Tools.Scratch("interval");
        var work = Path.Combine(dir, "work");
        // The default synthetic flow's seed and length (scalp sim's default data).
        var synthetic = Tools.SyntheticTape(dir, 1, 100_000, program.BookDepth);
        var report = Check(CoSimulation.Run(program, synthetic, simulator, work, recordInterval: Interval), "synthetic");
        Assert.True(report.Events >= 10_000, $"only {report.Events} events");
        if (simulator == SimulatorKind.Iverilog)
        {
            output.WriteLine("the GOOG day runs in Verilator only (see the class comment)");
        }
        else if (!File.Exists(RepoPaths.GoogMessages))
        {
            Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing {RepoPaths.GoogMessages}");
            output.WriteLine($"skipped the GOOG day: {RepoPaths.GoogMessages} is not there");
        }
        else
        {
            var goog = Tools.Tape(dir, "goog.tape", "lobster:" + RepoPaths.GoogMessages, program.BookDepth);
            report = Check(CoSimulation.Run(program, goog, simulator, work, recordInterval: Interval), "GOOG");
            Assert.True(report.Events >= 49_000, $"only {report.Events} events");
        }
        Directory.Delete(dir, recursive: true);
    }

    private CoSimulation.Report Check(CoSimulation.Report report, string what)
    {
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"imbalance_scalper at interval {Interval}, {what}: {report.Summary}, {report.Evaluations} evaluations, {report.Fills} fills, " +
            $"{report.Acted} acted (decisions {string.Join(",", report.DecisionsActed.Order())}); build {report.SimulatorBuild.TotalSeconds:F2} s, run {report.SimulatorRun.TotalSeconds:F2} s");
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        return report;
    }
}

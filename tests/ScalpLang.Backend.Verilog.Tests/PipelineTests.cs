using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// The pipeline option (VerilogOptions.PipelineStages): every FPGA-able example and the window
/// golden, pipelined, against the IL host on the synthetic flow in Icarus Verilog (the imbalance
/// scalper also in Verilator) with 0 mismatches; the stages are really cut (values computed after stage 0, carried registers); a
/// decision read one stage early is caught; the pipelined modules lint clean.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class PipelineTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, SimulatorKind> Runs()
    {
        var data = new TheoryData<string, int, SimulatorKind>();
        foreach (var name in ExampleVerilogTests.FpgaExamples())
            data.Add(name, 3, SimulatorKind.Iverilog);
        data.Add("imbalance_scalper", 5, SimulatorKind.Verilator);
        data.Add("golden:01-book-imbalance", 2, SimulatorKind.Iverilog);
        data.Add("golden:04-windows", 4, SimulatorKind.Iverilog);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Pipelined_module_agrees_with_the_IL_host(string name, int stages, SimulatorKind simulator)
    {
        var program = Program(name);
        var emitted = VerilogBackend.Emit(program, new VerilogOptions(PipelineStages: stages));
        // A window in block RAM (its registered read) adds one stage of its own.
        Assert.Contains($"localparam integer LATENCY = {3 + stages + BlockRamStage(emitted.Module!)};", emitted.Module, StringComparison.Ordinal);
        // Values are computed in later stages and carried there, not only delayed at the end.
        Assert.Matches(@"// stage [1-9]\d*\n", emitted.Module);
        Assert.Contains("_s1;   // carried to stage 1", emitted.Module, StringComparison.Ordinal);

        var dir = Tools.Scratch("pipeline");
        // A one-level book changes on fewer messages: twice the flow keeps it above 10,000 events.
        var tape = Tools.SyntheticTape(dir, 1, program.BookDepth == 1 ? 120_000 : 60_000, program.BookDepth);
        var report = CoSimulation.Run(program, tape, simulator, Path.Combine(dir, "work"), pipelineStages: stages);
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"{name}, {stages} stages, {simulator}: {report.Summary}, {report.Evaluations} evaluations, {report.Fills} fills, {report.Acted} acted");
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        Assert.True(report.Events >= 10_000, $"only {report.Events} events");
        Assert.True(report.Acted > 0, "no decision acted");
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>1 when a window of the module is in block RAM (hdl-backend/README.md, "Windows in block RAM").</summary>
    private static int BlockRamStage(string module) => module.Contains("(* no_rw_check *)", StringComparison.Ordinal) ? 1 : 0;

    [Fact]
    public void A_decision_read_one_stage_early_is_caught()
    {
        var program = ExampleVerilogTests.Example("imbalance_scalper");
        var dir = Tools.Scratch("pipeline-broken");
        var tape = Tools.SyntheticTape(dir, 1, 60_000, program.BookDepth);
        var module = VerilogBackend.Emit(program, new VerilogOptions(PipelineStages: 3)).Module!;
        var last = 3 + BlockRamStage(module);
        // The decision registers with the flag of the event one stage behind its values.
        string Break(string module) => module.Replace($"out_valid <= eval_pending_s{last};\n", $"out_valid <= eval_pending_s{last - 1};\n", StringComparison.Ordinal)
            .Replace($"if (eval_pending_s{last}) begin", $"if (eval_pending_s{last - 1}) begin", StringComparison.Ordinal);
        Assert.NotEqual(module, Break(module));
        var report = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, Path.Combine(dir, "work"), transformModule: Break, pipelineStages: 3);
        Assert.True(report.Error is null, report.Error);
        Assert.True(report.Mismatches > 0, "the broken pipeline was not caught");
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("imbalance_scalper", 3)]
    [InlineData("spread_breakout", 6)]
    [InlineData("golden:04-windows", 4)]
    public void Pipelined_module_and_testbench_lint_clean(string name, int stages)
    {
        var emitted = VerilogBackend.Emit(Program(name), new VerilogOptions(PipelineStages: stages));
        var dir = Tools.Scratch("pipeline-lint");
        var module = Path.Combine(dir, emitted.ModuleName + ".v");
        var testbench = Path.Combine(dir, emitted.ModuleName + "_tb.v");
        File.WriteAllText(module, emitted.Module);
        File.WriteAllText(testbench, emitted.Testbench);
        var (exit, text) = Tools.Run("verilator", dir, "--lint-only", "-Wall", module);
        Assert.True(exit == 0, text);
        (exit, text) = Tools.Run("verilator", dir, "--lint-only", "-Wall", "--timing", "--top-module", emitted.ModuleName + "_tb", testbench, module);
        Assert.True(exit == 0, text);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Stages_outside_0_to_16_are_refused()
    {
        var program = Strategies.Golden("03-levels-param-and-wrap");
        Assert.Throws<ArgumentOutOfRangeException>(() => VerilogBackend.Emit(program, new VerilogOptions(PipelineStages: 17)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VerilogBackend.Emit(program, new VerilogOptions(PipelineStages: -1)));
    }

    private static Compiler.Ir.IrProgram Program(string name) =>
        name.StartsWith("golden:", StringComparison.Ordinal) ? Strategies.Golden(name["golden:".Length..]) : ExampleVerilogTests.Example(name);
}

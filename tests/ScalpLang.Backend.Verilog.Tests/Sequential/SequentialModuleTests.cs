using ScalpLang.Backend.Verilog.Sequential;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests.Sequential;

/// <summary>
/// `--core sequential`: the strategy module around the sequential core (SequentialModuleWriter)
/// co-simulates with the IL through the same testbenches and `scalp sim`'s engine as the parallel
/// module, with zero mismatches; its own checks (a record while the core is busy, a decision not
/// ready at LATENCY) would stop the simulation with an ERROR line. It lints clean, and what the
/// core cannot run is an SL5007 diagnostic.
/// </summary>
public sealed class SequentialModuleTests(ITestOutputHelper output)
{
    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData("01-book-imbalance", SimulatorKind.Iverilog, 1_500)]
    [InlineData("03-levels-param-and-wrap", SimulatorKind.Iverilog, 1_500)]
    [InlineData("01-book-imbalance", SimulatorKind.Verilator, 30_000)]
    [InlineData("02-trade-follow", SimulatorKind.Verilator, 30_000)]
    [InlineData("06-sum-ring", SimulatorKind.Verilator, 30_000)]
    [InlineData("07-sample-ring", SimulatorKind.Verilator, 30_000)]
    public void A_golden_strategy_on_the_sequential_module_takes_the_ils_decisions(string golden, SimulatorKind simulator, int events)
    {
        var program = Strategies.Golden(golden);
        var dir = Tools.Scratch("seqmodule");
        var tape = Tools.SyntheticTape(dir, 11, events, program.BookDepth);
        var report = CoSimulation.Run(program, tape, simulator, Path.Combine(dir, "work"), core: HdlCore.Sequential);
        output.WriteLine($"{golden}, {simulator}: {report.Summary}; {report.Evaluations} evaluations, {report.Acted} acted; simulator {report.SimulatorRun.TotalSeconds:F1} s");
        Assert.True(report.Error is null, report.Error);
        Assert.Equal(0, report.Mismatches);
        Assert.True(report.Acted > 0);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// Params are module parameters: a testbench's overrides reach the core's registers (the IL runs with
    /// the same values), and without the module passing them on, the decisions differ.
    /// </summary>
    [Fact]
    [Trait("Category", "Simulator")]
    public void A_testbench_override_of_a_param_reaches_the_core()
    {
        var program = Strategies.Golden("03-levels-param-and-wrap");
        var dir = Tools.Scratch("seqmodule-params");
        var tape = Tools.SyntheticTape(dir, 11, 1_500, program.BookDepth);
        var overrides = new Dictionary<string, long> { ["scale"] = 3L << 15, ["armed"] = 0 };   // 1.5, false
        var report = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, Path.Combine(dir, "work"), parameters: overrides, core: HdlCore.Sequential);
        output.WriteLine($"overridden: {report.Summary}; {report.Acted} acted");
        Assert.True(report.Error is null, report.Error);
        Assert.Equal(0, report.Mismatches);
        Assert.True(report.Acted > 0);
        var dropped = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, Path.Combine(dir, "dropped"), parameters: overrides, core: HdlCore.Sequential,
            transformModule: module =>
            {
                var broken = module.Replace("#(.p_scale(p_scale), .p_armed({63'd0, p_armed})) core", "core", StringComparison.Ordinal);
                Assert.NotEqual(module, broken);
                return broken;
            });
        output.WriteLine($"not passed to the core: {dropped.Summary}");
        Assert.True(dropped.Mismatches > 0, dropped.Summary + dropped.Error);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_param_the_program_is_built_from_cannot_be_overridden()
    {
        var program = Strategies.Golden("03-levels-param-and-wrap");
        var emitted = VerilogBackend.Emit(program, new VerilogOptions(Core: HdlCore.Sequential, TestbenchParams: new Dictionary<string, long> { ["reach"] = 3L << 16 }));
        Assert.Null(emitted.Module);
        var diagnostic = Assert.Single(emitted.Diagnostics);
        Assert.Equal("SL5007", diagnostic.Code);
        Assert.Contains("param 'reach' is built into the sequential core's program", diagnostic.Message, StringComparison.Ordinal);
        // Built without overrides, it is a localparam: an instance cannot pass it.
        var module = VerilogBackend.Emit(program, new VerilogOptions(Core: HdlCore.Sequential)).Module!;
        Assert.Contains("localparam signed [63:0] p_reach = ", module, StringComparison.Ordinal);
        Assert.Contains("parameter signed [63:0] p_scale = ", module, StringComparison.Ordinal);
    }

    /// <summary>The examples without a sliced order or a model (the imbalance scalper: book, four windows, the portfolio, exits and the breaker).</summary>
    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData("imbalance_scalper")]
    [InlineData("passive_market_maker")]
    [InlineData("spread_breakout")]
    public void An_example_on_the_sequential_module_takes_the_ils_decisions(string example)
    {
        var program = Strategies.LowerFile(Path.Combine(RepoPaths.Examples, example + ".scalp"));
        var dir = Tools.Scratch("seqmodule-example");
        var tape = Tools.SyntheticTape(dir, 1, 30_000, program.BookDepth);
        var report = CoSimulation.Run(program, tape, SimulatorKind.Verilator, Path.Combine(dir, "work"), core: HdlCore.Sequential);
        output.WriteLine($"{example}, Verilator: {report.Summary}; {report.Evaluations} evaluations, {report.Acted} acted, {report.Fills} fills; simulator {report.SimulatorRun.TotalSeconds:F1} s");
        Assert.True(report.Error is null, report.Error);
        Assert.Equal(0, report.Mismatches);
        Assert.True(report.Acted > 0);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void The_sequential_module_lints_clean_and_states_its_timing()
    {
        var program = Strategies.Golden("01-book-imbalance");
        var emitted = VerilogBackend.Emit(program, new VerilogOptions(Core: HdlCore.Sequential));
        Assert.NotNull(emitted.Module);
        var timing = SequentialModuleWriter.TimingOf(MicroTiming.Of(SequentialStrategy.Compile(program, program.BookDepth, out _)!));
        Assert.Contains($"localparam integer LATENCY = {timing.Latency};", emitted.Module, StringComparison.Ordinal);
        Assert.Equal(timing.RecordInterval, RecordIdleContract.IntervalOf(emitted.Module));
        var dir = Tools.Scratch("seqmodule-lint");
        File.WriteAllText(Path.Combine(dir, "Strategy.v"), emitted.Module);
        var (exit, text) = Tools.Run("verilator", dir, "--lint-only", "-Wall", "-Wno-DECLFILENAME", "--top-module", program.Name, "Strategy.v");
        Assert.True(exit == 0, text);
        output.WriteLine($"{program.Name}: LATENCY {timing.Latency}, RECORD_INTERVAL {timing.RecordInterval}");
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void What_the_core_cannot_run_is_an_sl5007_at_its_place()
    {
        var program = Strategies.Lower("""
            strategy Sliced
            instrument "XYZ" tick 0.01 lot 1 currency USD
            execution quiet = twap over 2s slices 4
            rule enter priority 1 when bid > 0 => buy 10 lots at market via quiet
            """);
        var emitted = VerilogBackend.Emit(program, new VerilogOptions(Core: HdlCore.Sequential));
        Assert.Null(emitted.Module);
        var diagnostic = Assert.Single(emitted.Diagnostics);
        Assert.Equal("SL5007", diagnostic.Code);
        Assert.Contains("sliced order", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(4, diagnostic.Location.Start.Line);
    }
}

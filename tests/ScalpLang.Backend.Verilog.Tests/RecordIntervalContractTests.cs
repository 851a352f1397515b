using System.Globalization;
using System.Text;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// The record interval (RECORD_INTERVAL = R, RecordIdleContract): a module built at R = 16 reports a
/// record that comes inside the interval with an ERROR: line and takes records exactly R apart; after
/// a Clock record CLOCK_IDLE (longer) wins, after a Fill record the interval counted from its deferred
/// evaluation (longer than FILL_IDLE) wins; the testbench waits the same; at R = 1 nothing is stated.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class RecordIntervalContractTests(ITestOutputHelper output)
{
    private const int R = 16;
    private const int Other = 1;   // a market record (docs/tape.md op 1)
    private const int Clock = 5;
    private const int Fill = 6;

    private static RecordIdleContract.Rule RuleOf(int op) => RecordIdleContract.Rules.Single(r => r.Op == op);

    [Fact]
    public void The_larger_wait_wins()
    {
        Assert.Equal(R - 1, RecordIdleContract.IdleAfterOther(R));
        // CLOCK_IDLE is longer than the interval; a Fill record's evaluation comes FILL_LATENCY - LATENCY late.
        Assert.Equal(VerilogBackend.ClockRecordIdleCycles, RecordIdleContract.IdleAfter(RuleOf(Clock), R));
        Assert.True(VerilogBackend.ClockRecordIdleCycles > R - 1);
        Assert.Equal(PortfolioFillEngine.Steps + R - 1, RecordIdleContract.IdleAfter(RuleOf(Fill), R));
        Assert.True(PortfolioFillEngine.Steps + R - 1 > VerilogBackend.FillRecordIdleCycles);
        // At R = 1 the rules as they were.
        foreach (var rule in RecordIdleContract.Rules)
            Assert.Equal(rule.Cycles, RecordIdleContract.IdleAfter(rule, 1));
        Assert.Equal(0, RecordIdleContract.IdleAfterOther(1));
    }

    [Fact]
    public void The_module_and_its_testbench_state_the_interval_only_above_one()
    {
        var program = Strategies.LowerFile(Path.Combine(RepoPaths.Root, "hdl-backend", "probes", "drawdown_probe.scalp"));
        var one = VerilogBackend.Emit(program);
        var sixteen = VerilogBackend.Emit(program, new VerilogOptions(RecordInterval: R));
        Assert.DoesNotContain("RECORD_INTERVAL", one.Module!, StringComparison.Ordinal);
        Assert.Equal(1, RecordIdleContract.IntervalOf(one.Module!));
        Assert.Equal(R, RecordIdleContract.IntervalOf(sixteen.Module!));
        // The testbench waits the larger wait after each kind of record.
        Assert.Contains($"idle = (in_op == 8'd5) ? {VerilogBackend.ClockRecordIdleCycles} : (in_op == 8'd6) ? {RecordIdleContract.IdleAfter(RuleOf(Fill), R)} : {R - 1};", sixteen.Testbench!, StringComparison.Ordinal);
        Assert.Contains($"idle = (in_op == 8'd5) ? {VerilogBackend.ClockRecordIdleCycles} : (in_op == 8'd6) ? {VerilogBackend.FillRecordIdleCycles} : 0;", one.Testbench!, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_exactly_the_interval_apart_pass()
    {
        var log = Simulate("exact", [(Other, R - 1), (Other, R - 1), (Clock, VerilogBackend.ClockRecordIdleCycles), (Other, R - 1),
            (Fill, PortfolioFillEngine.Steps + R - 1), (Other, R - 1), (Other, R - 1)]);
        Assert.DoesNotContain("ERROR", log, StringComparison.Ordinal);
        Assert.Contains("DONE", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Other, R - 2, "a market record one cycle inside the interval")]
    [InlineData(Fill, PortfolioFillEngine.Steps + R - 2, "FILL_IDLE kept, the interval after the fill's evaluation not")]
    public void A_record_inside_the_interval_is_reported(int op, int idle, string what)
    {
        var log = Simulate("inside", [(Other, R - 1), (op, idle), (Other, R - 1)]);
        output.WriteLine($"{what}: {log.Trim()}");
        Assert.Contains(RecordIdleContract.IntervalViolationReport, log, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_clock_record_clock_idle_wins()
    {
        // R - 1 idle cycles after a Clock record keep the interval but not CLOCK_IDLE: its own check reports it.
        var log = Simulate("clock", [(Other, R - 1), (Clock, R - 1), (Other, R - 1)]);
        output.WriteLine(log.Trim());
        Assert.Contains("CLOCK_IDLE", log, StringComparison.Ordinal);
        Assert.DoesNotContain(RecordIdleContract.IntervalViolationReport, log, StringComparison.Ordinal);
    }

    /// <summary>The drawdown probe at R = 16 fed records of the given ops, each followed by the given idle cycles; the simulator's output.</summary>
    private static string Simulate(string name, (int Op, int Idle)[] records)
    {
        var program = Strategies.LowerFile(Path.Combine(RepoPaths.Root, "hdl-backend", "probes", "drawdown_probe.scalp"));
        var emitted = VerilogBackend.Emit(program, new VerilogOptions(RecordInterval: R));
        var dir = Tools.Scratch("interval-" + name);
        var drive = new StringBuilder();
        foreach (var (op, idle) in records)
            drive.Append(CultureInfo.InvariantCulture, $"        in_valid = 1'b1; in_op = 8'd{op}; @(negedge clk); in_valid = 1'b0; repeat ({idle}) @(negedge clk);\n");
        File.WriteAllText(Path.Combine(dir, "m.v"), emitted.Module);
        File.WriteAllText(Path.Combine(dir, "tb.v"), $$"""
            `timescale 1ns / 1ps
            module interval_tb;
                reg clk = 1'b0, rst = 1'b1, in_valid = 1'b0;
                reg [7:0] in_op = 8'd0;
                always #5 clk = ~clk;
                {{emitted.ModuleName}} dut(.clk(clk), .rst(rst), .in_valid(in_valid), .in_delta(32'd5), .in_op(in_op), .in_marks(8'd0),
                    .in_aux(16'd0), .in_price(32'd100), .in_size(32'd0));
                initial begin
                    repeat (2) @(negedge clk);
                    rst = 1'b0;
            {{drive}}        repeat (4) @(negedge clk);
                    $display("DONE");
                    $finish;
                end
            endmodule

            """);
        var (exit, log) = Tools.Run("iverilog", dir, "-g2005", "-o", "sim.vvp", "-s", "interval_tb", "m.v", "tb.v");
        Assert.True(exit == 0, log);
        (_, log) = Tools.Run("vvp", dir, "-n", "sim.vvp");
        Directory.Delete(dir, recursive: true);
        return log;
    }
}

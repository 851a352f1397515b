using System.Globalization;
using System.Text.RegularExpressions;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// The portfolio's sequential fill engine in the whole module (PortfolioFillEngine): an EndOfEvent
/// Fill record's decision comes FILL_LATENCY (not LATENCY) after it and reads the position the fill
/// left; a Fill record without EndOfEvent followed, FILL_IDLE cycles later, by an event's record gives
/// that event's decision at LATENCY, reading the new position; and a record inside FILL_IDLE is
/// reported by the generated testbench's simulation.
/// </summary>
[Trait("Category", "Simulator")]
public sealed partial class FillEngineTests
{
    /// <summary>Buys 5 lots when flat; its circuit breaker kills once the position is 5 lots, so a decision that reads the fill kills.</summary>
    private const string Source = """
        strategy Fill_probe
        instrument "GOOG" tick 0.01 lot 1 currency USD
        book depth 1
        rule open priority 1 when position == 0 and spread <= 2 ticks => buy 5 lots at market
        risk max_position 10 lots
        risk max_orders 50 per 1s
        risk circuit_breaker when position >= 5 lots => kill
        """;

    private const int FillIdle = PortfolioFillEngine.IdleCycles;

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void An_end_of_event_fill_decides_at_fill_latency_on_the_filled_position(int pipeline)
    {
        var (module, latency, fillLatency) = Emit(pipeline);
        Assert.Equal(latency + PortfolioFillEngine.Steps, fillLatency);
        // The book's event (a buy), then our fill of 5 lots that ends an event (AggressorBuy, After, EndOfEvent).
        var outputs = Simulate(module, "fill-eoe", fillMarks: 0x15, status: false);
        Assert.Equal(2, outputs.Count);
        Assert.Equal((ActionCodes.Buy, 0), (outputs[0].Action, outputs[0].Kill));
        Assert.Equal(fillLatency - 1, outputs[1].EdgesAfterFill);
        Assert.Equal((ActionCodes.Kill, 1), (outputs[1].Action, outputs[1].Kill));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_fill_inside_an_event_is_applied_before_the_event_ends_fill_idle_later(int pipeline)
    {
        var (module, latency, _) = Emit(pipeline);
        // The fill without EndOfEvent (AggressorBuy only), then exactly FILL_IDLE idle cycles, then a Status record ending the event.
        var outputs = Simulate(module, "fill-inside", fillMarks: 0x04, status: true);
        Assert.Equal(2, outputs.Count);
        Assert.Equal(FillIdle + 1 + latency - 1, outputs[1].EdgesAfterFill);
        Assert.Equal((ActionCodes.Kill, 1), (outputs[1].Action, outputs[1].Kill));
    }

    /// <summary>The generated testbench leaves exactly FILL_IDLE cycles after a Fill record; one fewer is reported, naming the records.</summary>
    [Fact]
    public void A_record_inside_fill_idle_is_reported_in_simulation()
    {
        var emitted = VerilogBackend.Emit(Strategies.Lower(Source));
        var honoured = $"(in_op == 8'd6) ? {VerilogBackend.FillRecordIdleCycles} :";
        Assert.Contains(honoured, emitted.Testbench, StringComparison.Ordinal);
        var dir = Tools.Scratch("fill-idle");
        // The start Clock, the book's event, a fill inside the next event, then the event's Status record.
        File.WriteAllLines(Path.Combine(dir, "tape.hex"),
            [Record(5, 0, 0, 0, 1000), Record(0, 0x00, 0, 100, 10), Record(0, 0x09, 0, 101, 10), Record(6, 0x04, 0, 101, 5), Record(4, 0x01, 0, 0, 0)]);
        string Run(string name, string testbench)
        {
            var at = Path.Combine(dir, name);
            Directory.CreateDirectory(at);
            File.WriteAllText(Path.Combine(at, "m.v"), emitted.Module);
            File.WriteAllText(Path.Combine(at, "tb.v"), testbench);
            var (exit, log) = Tools.Run("iverilog", at, "-g2005", "-o", "sim.vvp", "-s", emitted.ModuleName + "_tb", "m.v", "tb.v");
            Assert.True(exit == 0, log);
            (exit, log) = Tools.Run("vvp", at, "-n", "sim.vvp", $"+tape={Path.Combine(dir, "tape.hex")}", "+out=decisions.txt");
            Assert.True(exit == 0, log);
            return log + File.ReadAllText(Path.Combine(at, "decisions.txt"));
        }
        var honouredRun = Run("honoured", emitted.Testbench!);
        Assert.DoesNotContain(PortfolioFillEngine.IdleViolationReport, honouredRun);
        // Two decisions: the buy, then the kill the filled position asks for.
        Assert.Contains($"1 {ActionCodes.Kill} ", honouredRun);
        var early = Run("one_short", emitted.Testbench!.Replace(honoured, $"(in_op == 8'd6) ? {VerilogBackend.FillRecordIdleCycles - 1} :", StringComparison.Ordinal));
        Assert.Contains($"{PortfolioFillEngine.IdleViolationReport}: tape record 4 came {FillIdle - 1} idle cycles after Fill record 3", early);
        Directory.Delete(dir, recursive: true);
    }

    private static (string Module, int Latency, int FillLatency) Emit(int pipeline)
    {
        var emitted = VerilogBackend.Emit(Strategies.Lower(Source), new VerilogOptions(PipelineStages: pipeline));
        Assert.NotNull(emitted.Module);
        int Param(string name) => int.Parse(Regex.Match(emitted.Module, $@"localparam integer {name} = (\d+);").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(FillIdle, Param("FILL_IDLE"));
        return (emitted.Module, Param("LATENCY"), Param("FILL_LATENCY"));
    }

    /// <summary>One hex tape line: size, price, aux, marks, op, delta (docs/tape.md field order, high to low).</summary>
    private static string Record(int op, int marks, int aux, uint price, uint size) =>
        string.Create(CultureInfo.InvariantCulture, $"{size:x8}{price:x8}{aux:x4}{marks:x2}{op:x2}{0:x8}");

    private sealed record Output(int EdgesAfterFill, int Action, int Kill);

    /// <summary>
    /// Drives the module record by record (CLOCK_IDLE after the start Clock, FILL_IDLE after the fill)
    /// and lists each decision with the rising edges from the one that sampled the fill.
    /// </summary>
    private static List<Output> Simulate(string module, string name, int fillMarks, bool status)
    {
        var moduleName = ModulePattern().Match(module).Groups[1].Value;
        var dir = Tools.Scratch(name);
        File.WriteAllText(Path.Combine(dir, "m.v"), module);
        File.WriteAllText(Path.Combine(dir, "t.v"), $$"""
            `timescale 1ns / 1ps
            module t;
                reg clk = 1'b0;
                reg rst = 1'b1;
                reg in_valid = 1'b0;
                reg [7:0] in_op = 8'd0;
                reg [7:0] in_marks = 8'd0;
                reg [31:0] in_price = 32'd0;
                reg [31:0] in_size = 32'd0;
                wire out_valid;
                wire [2:0] out_action;
                wire out_kill;
                integer cycle = 0;
                integer fill_edge = -1;
                always #5 clk = ~clk;
                {{moduleName}} dut (.clk(clk), .rst(rst), .in_valid(in_valid), .in_delta(32'd0), .in_op(in_op),
                    .in_marks(in_marks), .in_aux(16'd0), .in_price(in_price), .in_size(in_size), .out_valid(out_valid),
                    .out_action(out_action), .out_decision(), .out_price(), .out_quantity(), .out_market(), .out_stand_aside(),
                    .out_kill(out_kill), .out_algo(), .out_slice_over(), .out_slices());
                always @(posedge clk) begin
                    if (in_valid && in_op == 8'd6) fill_edge = cycle;
                    cycle = cycle + 1;
                end
                always @(negedge clk) if (out_valid) $display("OUT %0d %0d %0d", cycle - 1 - fill_edge, out_action, out_kill);
                task send(input [7:0] op, input [7:0] marks, input [31:0] price, input [31:0] size, input integer idle);
                    begin
                        in_valid = 1'b1; in_op = op; in_marks = marks; in_price = price; in_size = size;
                        @(negedge clk);
                        in_valid = 1'b0;
                        repeat (idle) @(negedge clk);
                    end
                endtask
                initial begin
                    repeat (2) @(negedge clk);
                    rst = 1'b0;
                    send(8'd5, 8'h00, 32'd0, 32'd1000, {{BucketClocksIdle}});
                    send(8'd0, 8'h00, 32'd100, 32'd10, 0);
                    send(8'd0, 8'h09, 32'd101, 32'd10, 4);
                    send(8'd6, 8'h{{fillMarks:x2}}, 32'd101, 32'd5, {{FillIdle}});
                    {{(status ? "send(8'd4, 8'h01, 32'd0, 32'd0, 0);" : "")}}
                    repeat (80) @(negedge clk);
                    $finish;
                end
            endmodule
            """);
        var (exit, output) = Tools.Run("iverilog", dir, "-g2005", "-o", "t.vvp", "-s", "t", "m.v", "t.v");
        Assert.True(exit == 0, output);
        (exit, output) = Tools.Run("vvp", dir, "-n", "t.vvp");
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("ERROR", output, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
        return [.. output.Split('\n').Where(l => l.StartsWith("OUT ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).Select(f => new Output(int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture)))];
    }

    private const int BucketClocksIdle = VerilogBackend.ClockRecordIdleCycles;

    [GeneratedRegex(@"^module (\w+)", RegexOptions.Multiline)]
    private static partial Regex ModulePattern();
}

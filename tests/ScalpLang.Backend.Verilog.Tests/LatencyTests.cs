using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// The latency the header states: an EndOfEvent record sampled at rising edge k has its decision
/// on out_* after edge k+2 (3 register stages) plus one edge per pipeline stage, plus one when a
/// window is in block RAM (its registered read; Goldens/06-sum-ring), and records back to back give
/// one decision each.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class LatencyTests
{
    [Theory]
    [InlineData("03-levels-param-and-wrap", 3, 0)]
    [InlineData("03-levels-param-and-wrap", 3, 1)]
    [InlineData("03-levels-param-and-wrap", 3, 4)]
    [InlineData("06-sum-ring", 4, 0)]
    [InlineData("06-sum-ring", 4, 2)]
    public void A_decision_follows_its_record_by_the_stated_latency_with_no_stall(string golden, int unpipelined, int pipeline)
    {
        var emitted = VerilogBackend.Emit(Strategies.Golden(golden), new VerilogOptions(PipelineStages: pipeline));
        Assert.Contains($"localparam integer LATENCY = {unpipelined + pipeline};", emitted.Module, StringComparison.Ordinal);
        var dir = Tools.Scratch("latency");
        File.WriteAllText(Path.Combine(dir, "m.v"), emitted.Module);
        File.WriteAllText(Path.Combine(dir, "t.v"), $$"""
            `timescale 1ns / 1ps
            module t;
                reg clk = 1'b0;
                reg rst = 1'b1;
                reg in_valid = 1'b0;
                wire out_valid;
                integer cycle = 0;
                integer sampled = -1;
                integer outputs = 0;
                always #5 clk = ~clk;
                /* a Status record that ends an event: the book does not change */
                {{emitted.ModuleName}} dut (.clk(clk), .rst(rst), .in_valid(in_valid), .in_delta(32'd0), .in_op(8'd4),
                    .in_marks(8'd1), .in_aux(16'd0), .in_price(32'd0), .in_size(32'd2), .out_valid(out_valid),
                    .out_action(), .out_decision(), .out_price(), .out_quantity(), .out_market(), .out_stand_aside(), .out_kill());
                always @(posedge clk) begin
                    if (in_valid && sampled < 0) sampled = cycle;
                    cycle = cycle + 1;
                end
                always @(negedge clk) begin
                    if (out_valid) begin
                        if (outputs == 0) $display("FIRST %0d", cycle - 1 - sampled);
                        outputs = outputs + 1;
                    end
                end
                initial begin
                    repeat (2) @(negedge clk);
                    rst = 1'b0;
                    @(negedge clk);
                    in_valid = 1'b1;
                    repeat (5) @(negedge clk);
                    in_valid = 1'b0;
                    repeat ({{unpipelined + 3 + pipeline}}) @(negedge clk);
                    $display("OUTPUTS %0d", outputs);
                    $finish;
                end
            endmodule
            """);
        var (exit, output) = Tools.Run("iverilog", dir, "-g2005", "-o", "t.vvp", "-s", "t", "m.v", "t.v");
        Assert.True(exit == 0, output);
        (exit, output) = Tools.Run("vvp", dir, "-n", "t.vvp");
        Assert.True(exit == 0, output);
        // Seen after edge k + LATENCY - 1: LATENCY - 1 edges after the sampling one.
        Assert.Contains($"FIRST {unpipelined - 1 + pipeline}\n", output, StringComparison.Ordinal);
        // Five records on five cycles: five decisions, none dropped.
        Assert.Contains("OUTPUTS 5", output, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }
}

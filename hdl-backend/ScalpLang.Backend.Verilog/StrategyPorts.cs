namespace ScalpLang.Backend.Verilog;

/// <summary>
/// A strategy module's port list, the same for the parallel module (ModuleWriter) and the one around
/// the sequential core (Sequential.SequentialModuleWriter), so one testbench, one Verilator harness
/// and one wrapper drive either: the tape record in, one decision per event out.
/// </summary>
internal static class StrategyPorts
{
    /// <summary>From the opening parenthesis to the closing one, and the blank line after.</summary>
    public const string List = """
         (
            input  wire               clk,
            input  wire               rst,
            // one tape record (docs/tape.md)
            input  wire               in_valid,
            input  wire        [31:0] in_delta,
            input  wire        [7:0]  in_op,
            input  wire        [7:0]  in_marks,
            input  wire        [15:0] in_aux,
            input  wire        [31:0] in_price,
            input  wire        [31:0] in_size,
            // one decision per event
            output reg                out_valid,
            output reg         [2:0]  out_action,
            output reg         [15:0] out_decision,
            output reg  signed [63:0] out_price,
            output reg  signed [63:0] out_quantity,
            output reg                out_market,
            output reg  signed [63:0] out_stand_aside,
            output reg                out_kill,
            // the parent order's execution (the host slices it): 0 none, 1 twap, 2 vwap, 3 iceberg
            output reg         [1:0]  out_algo,
            output reg  signed [63:0] out_slice_over,
            output reg  signed [63:0] out_slices
        );

        """;
}

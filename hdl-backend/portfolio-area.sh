#!/usr/bin/env bash
# The portfolio's area alone (hdl-backend/SYNTH.md, "The portfolio at its real widths"): cuts the
# portfolio section (from "// ---- stage 2: the portfolio" to the view's equity, plus pf_flat and
# pf_short where present) out of a generated module FILE.v into a module pf_unit whose inputs are
# the record's fields and the book's best prices and whose outputs are the five view values,
# registered, then runs
#   yosys -q -p "read_verilog -DSYNTHESIS pf_unit.v; synth_ice40 -top pf_unit; tee -o pf_unit.stat.txt stat"
# in DIR (default: a new temporary folder) and prints the cell counts. Run it under nice: it takes
# minutes. Usage: hdl-backend/portfolio-area.sh FILE.v [DIR]
set -euo pipefail
[[ $# -ge 1 && -f $1 ]] || { echo "usage: $0 FILE.v [DIR]" >&2; exit 2; }
dir=${2:-$(mktemp -d)}
mkdir -p "$dir"
# The section ends at pf_short (this session's modules) or at the view's equity (older ones).
last='wire signed \[63:0\] view_equity'
grep -q "pf_short = " "$1" && last='pf_short = '
section=$(awk -v last="$last" '/\/\/ ---- stage 2: the portfolio/ { on = 1 } on { print } on && $0 ~ last { exit }' "$1")
[[ -n $section ]] || { echo "$1: no portfolio section" >&2; exit 1; }
cat >"$dir/pf_unit.v" <<VERILOG
module pf_unit #(parameter signed [63:0] CAPITAL_TICK_LOTS = 64'sd1000000) (
    input wire clk, input wire rst, input wire r_valid, input wire [7:0] r_op, input wire [7:0] r_marks,
    input wire [31:0] r_size, input wire [31:0] r_price, input wire [63:0] r_ts, input wire [63:0] ev_ts, input wire ev_open,
    input wire [30:0] bid_price_0, input wire [30:0] ask_price_0,
    output reg [63:0] o_position, output reg [63:0] o_entry, output reg [63:0] o_time, output reg [63:0] o_losses, output reg [63:0] o_equity);
    localparam [7:0] OP_FILL = 8'd6;
    wire r_end_of_event = r_marks[0];
$section
    always @(posedge clk) begin
        o_position <= view_position; o_entry <= view_entry_price; o_time <= view_time_in_position;
        o_losses <= view_losses_in_a_row; o_equity <= view_equity;
    end
endmodule
VERILOG
cd "$dir"
yosys -q -p "read_verilog -DSYNTHESIS pf_unit.v; synth_ice40 -top pf_unit; tee -o pf_unit.stat.txt stat" >/dev/null
echo "$1: portfolio alone ($dir/pf_unit.v)"
grep -E "SB_LUT4|SB_CARRY|SB_DFF|Number of cells" pf_unit.stat.txt

#!/usr/bin/env bash
# Fmax of one bucket clock alone on the iCE40 HX8K (hdl-backend/SYNTH.md, "Bucket clocks at one
# row a cycle"): builds a probe strategy with one trade_volume window of width WINDOW (its bucket
# clock divides by WINDOW / 32), cuts the section `bucket clock 0` out of the generated module, wraps
# it with every input (the record's fields, in_delta, rst) and the event's bucket ev_k registered,
# and runs yosys synth_ice40 and nextpnr-ice40 (--hx8k --package ct256 --freq 100 --seed SEED).
# Prints the cells, nextpnr's Fmax line and the start and end of its critical path.
# A generated module (FILE.v, e.g. an older golden) is cut as it is (its clock 0).
# Usage: hdl-backend/bucket-clock-fmax.sh [WINDOW (default 500ms) | FILE.v] [SEED (default 1)]
set -euo pipefail
window=${1:-500ms}
seed=${2:-1}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap '[[ -n "${KEEP:-}" ]] && echo "kept $work" >&2 || rm -rf "$work"' EXIT
cat > "$work/probe.scalp" <<SCALP
strategy ClockProbe
instrument "XYZ" tick 0.01 lot 1 currency USD
book depth 1
signal vol = trade_volume(window: $window)
rule r priority 1 when vol > 0 => buy vol at market
SCALP
if [[ "$window" == *.v ]]; then
    module="$window"
else
    "$here/scalp" build "$work/probe.scalp" --target verilog -o "$work/out" >/dev/null
    module="$work/out/ClockProbe.v"
fi
{
    cat <<'V'
`default_nettype none
module clockprobe (
    input  wire        clk,
    input  wire        rst_pin,
    input  wire        p_valid, p_clock, p_after, p_open,
    input  wire [31:0] p_delta, p_price, p_size,
    output reg  [63:0] ev_k_out
);
    reg        rst, in_valid, r_valid, r_clock, r_after, ev_open;
    reg [31:0] in_delta, r_delta, r_price, r_size;   // in_delta: the pins the module reads; r_delta: stage 1's
    always @(posedge clk) begin
        rst <= rst_pin; in_valid <= p_valid; r_valid <= in_valid; r_clock <= p_clock; r_after <= p_after; ev_open <= p_open;
        in_delta <= p_delta; r_delta <= in_delta; r_price <= p_price; r_size <= p_size;
    end
V
    awk '/\/\/ ---- bucket clock 0 /{on=1} on && /^    \/\/ ---- / && !/bucket clock 0 /{on=0} on' "$module"
    cat <<'V'
    always @(posedge clk) ev_k_out <= bc0_ev_k;
endmodule
`default_nettype wire
V
} > "$work/clockprobe.v"
grep -q "bc0_ev_k" "$work/clockprobe.v" || { echo "$0: no bucket clock section in the generated module" >&2; exit 1; }
yosys -q -p "read_verilog -DSYNTHESIS $work/clockprobe.v; synth_ice40 -top clockprobe -json $work/c.json; tee -q -o $work/stat.txt stat" >/dev/null
awk '$1 ~ /^SB_(LUT4|CARRY|DFF)/ { n[$1 ~ /DFF/ ? "flip-flops" : $1] += $2 } END { for (c in n) printf "  %s %d\n", c, n[c] }' "$work/stat.txt" | sort
nextpnr-ice40 --hx8k --package ct256 --json "$work/c.json" --freq 100 --timing-allow-fail --seed "$seed" > "$work/pnr.log" 2>&1 || { grep -E "ERROR|error" "$work/pnr.log" >&2; exit 1; }
grep -E "ICESTORM_LC:" "$work/pnr.log" | tail -1 | sed 's/^Info: */  /'
grep -E "Max frequency for clock" "$work/pnr.log" | tail -1 | sed 's/^Info: */  /'
awk '/Critical path report for clock/{on=1} on && /Source|Sink/ {print "  " $0} on && /^Info: *$/ {if (seen++) exit}' "$work/pnr.log" | sed 's/Info: *//' | head -4

#!/usr/bin/env bash
# Fmax of a one-cycle state loop on the iCE40 HX8K (hdl-backend/SYNTH.md, "What one record per cycle
# costs on the HX8K"): the loops a strategy module closes at every record or event, alone, with the
# input and the output registered. KIND is
#   acc   a W-bit accumulator, acc <= acc + x            (the windows' sums, time, realized P&L)
#   max   a W-bit signed running maximum, m <= x > m ? x : m   (atr's bar high, drawdown's peak)
#   max8  the same maximum with the compare split into 8-bit chunks combined by a tree
#   max2  the same maximum over two cycles (the comparison registered, then the select): valid when
#         records come at most every other cycle
#   max8x2  max2 with max8's chunked comparison
#   acc2  the accumulator over two cycles (the low half's carry registered into the high half)
# For each, yosys synth_ice40, then nextpnr-ice40 --hx8k --package ct256 --freq 100 for SEEDS seeds;
# prints the cells and nextpnr's "Max frequency" line per seed.
# Usage: hdl-backend/loop-fmax.sh KIND WIDTH [SEEDS (default 3)]
set -euo pipefail
kind=${1:?KIND: acc, max, max8, max2, max8x2 or acc2}
width=${2:?WIDTH in bits}
seeds=${3:-3}
top=${kind}_w${width}
work=$(mktemp -d)
trap '[[ -n "${KEEP:-}" ]] && echo "kept $work" >&2 || rm -rf "$work"' EXIT
msb=$((width - 1))

# The loop's next value, written for each kind.
case $kind in
    acc) loop="if (enr) m <= m + xr;" ; extra="" ;;
    max) loop="if (enr && \$signed(xr) > \$signed(m)) m <= xr;" ; extra="" ;;
    max8|max8x2)
        (( width % 8 == 0 )) || { echo "max8 needs a multiple of 8 bits" >&2; exit 2; }
        # Signed compare = unsigned compare with the sign bits flipped; chunk i gives (greater, equal).
        extra="    wire [$msb:0] a = {~xr[$msb], xr[$((msb - 1)):0]};
    wire [$msb:0] b = {~m[$msb], m[$((msb - 1)):0]};"
        chunks=$((width / 8))
        for ((i = 0; i < chunks; i++)); do
            hi=$((8 * i + 7)); lo=$((8 * i))
            extra+="
    wire g_0_$i = a[$hi:$lo] > b[$hi:$lo];
    wire e_0_$i = a[$hi:$lo] == b[$hi:$lo];"
        done
        # Combine neighbours pairwise (the higher chunk decides unless equal) until one is left.
        level=0; n=$chunks
        while ((n > 1)); do
            next=0
            for ((i = 0; i + 1 < n; i += 2)); do
                extra+="
    wire g_$((level + 1))_$next = g_${level}_$((i + 1)) | (e_${level}_$((i + 1)) & g_${level}_$i);
    wire e_$((level + 1))_$next = e_${level}_$((i + 1)) & e_${level}_$i;"
                next=$((next + 1))
            done
            if ((n % 2 == 1)); then
                extra+="
    wire g_$((level + 1))_$next = g_${level}_$((n - 1));
    wire e_$((level + 1))_$next = e_${level}_$((n - 1));"
                next=$((next + 1))
            fi
            level=$((level + 1)); n=$next
        done
        extra+="
    wire gt = g_${level}_0;
    /* verilator lint_off UNUSEDSIGNAL */ wire unused = e_${level}_0; /* verilator lint_on UNUSEDSIGNAL */"
        if [[ $kind == max8 ]]; then
            loop="if (enr && gt) m <= xr;"
        else
            extra+="
    reg          gt_r, en_r;
    reg [$msb:0] x_r;
    always @(posedge clk) begin
        gt_r <= gt;
        x_r <= xr;
        en_r <= enr && !rst;
    end"
            loop="if (en_r && gt_r) m <= x_r;"
        fi ;;
    max2)
        extra="    reg          gt_r, en_r;
    reg [$msb:0] x_r;
    always @(posedge clk) begin
        gt_r <= \$signed(xr) > \$signed(m);
        x_r <= xr;
        en_r <= enr && !rst;
    end"
        loop="if (en_r && gt_r) m <= x_r;" ;;
    acc2)
        (( width % 2 == 0 )) || { echo "acc2 needs an even width" >&2; exit 2; }
        half=$((width / 2))
        extra="    reg              carry_r, en_r;
    reg [$((half - 1)):0] high_r;
    wire [$half:0] low_sum = {1'b0, m[$((half - 1)):0]} + {1'b0, xr[$((half - 1)):0]};
    always @(posedge clk) begin
        carry_r <= enr && low_sum[$half];
        high_r <= xr[$msb:$half];
        en_r <= enr && !rst;
    end"
        loop="begin if (enr) m[$((half - 1)):0] <= low_sum[$((half - 1)):0]; if (en_r) m[$msb:$half] <= m[$msb:$half] + high_r + {{$((half - 1)){1'b0}}, carry_r}; end" ;;
    *) echo "unknown KIND $kind (acc, max, max8, max2, max8x2, acc2)" >&2; exit 2 ;;
esac

cat > "$work/$top.v" <<V
\`default_nettype none
module $top (
    input  wire          clk,
    input  wire          rst,
    input  wire          en,
    input  wire [$msb:0] x,
    output reg  [$msb:0] y
);
    reg [$msb:0] xr;
    reg          enr;
    reg [$msb:0] m;
$extra
    always @(posedge clk) begin
        xr <= x;
        enr <= en;
        y <= m;
        if (rst) m <= 0;
        else $loop
    end
endmodule
V
nice -n 10 yosys -q -p "read_verilog $work/$top.v; synth_ice40 -top $top -json $work/$top.json; tee -q -o $work/stat.txt stat" >/dev/null
echo "$top: $(grep -E 'SB_LUT4|SB_CARRY' "$work/stat.txt" | awk '{printf "%s %s  ", $2, $1}')"
for ((seed = 1; seed <= seeds; seed++)); do
    nice -n 10 nextpnr-ice40 --hx8k --package ct256 --json "$work/$top.json" --freq 100 \
        --timing-allow-fail --pcf-allow-unconstrained --seed "$seed" 2>&1 \
        | grep "Max frequency" | tail -1 | sed "s/^/seed $seed: /"
done

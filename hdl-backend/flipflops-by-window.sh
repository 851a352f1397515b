#!/usr/bin/env bash
# Flip-flop bits of a strategy's Verilog module by window, as yosys counts them before mapping
# (hdl-backend/SYNTH.md, "Flip-flops by window"): build the module, then
#   yosys -p "read_verilog -DSYNTHESIS M.v; hierarchy -top M; proc; opt_clean; dump t:\$dff"
# and sum each $dff's WIDTH, grouped by the register's window prefix (w<id>_), other registers
# together. A block RAM window's `_base` registers are its RAM's registered read: synth_ice40 folds
# them into SB_RAM40_4K, so they are counted apart. Memories (block RAM rings) are listed with
# their bits. A generated module (FILE.v, e.g. an older golden) is read as it is.
# Usage: hdl-backend/flipflops-by-window.sh FILE.scalp [--pipeline N] | FILE.v
set -euo pipefail
if [[ $# -lt 1 ]]; then echo "usage: $0 FILE.scalp [--pipeline N] | FILE.v" >&2; exit 2; fi
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ "$1" == *.v ]]; then
    module=$(sed -n 's/^module \([A-Za-z0-9_]*\).*/\1/p' "$1" | head -1)
    cp "$1" "$work/$module.v"
else
    "$here/scalp" build "$1" --target verilog -o "$work" "${@:2}" >/dev/null
    module=$(basename "$(ls "$work"/*.v | grep -v '_tb\.v$' | head -1)" .v)
fi
yosys -q -p "read_verilog -DSYNTHESIS $work/$module.v; hierarchy -top $module; proc; opt_clean; dump -o $work/dump.txt t:\$dff" >/dev/null
yosys -q -p "read_verilog -DSYNTHESIS $work/$module.v; hierarchy -top $module; proc; opt_clean; tee -q -o $work/stat.txt stat -width" >/dev/null
awk -v module="$module" '
    /^  cell \$dff/ { width = 0 }
    /parameter \\WIDTH/ { width = $3 }
    /connect \\Q/ {
        q = $3; sub(/^\\/, "", q)
        group = "other"
        if (match(q, /^w[0-9]+_/)) group = substr(q, 1, RLENGTH - 1)
        if (q ~ /_base(_p|_r)?$/ && group != "other") group = group " (RAM read registers)"
        bits[group] += width; total += width
    }
    END {
        printf "%s: %d flip-flop bits\n", module, total
        for (g in bits) printf "  %-32s %6d\n", g, bits[g] | "sort"
    }' "$work/dump.txt"
grep -E "Number of memories|Number of memory bits" "$work/stat.txt" | sed 's/^ */  /'

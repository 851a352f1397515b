#!/usr/bin/env bash
# A generated module's area by section (hdl-backend/SYNTH.md, "Where the imbalance scalper's area is
# at R = 16"). The emitter heads every section with a comment: "// ---- <what> ----" (the record, the
# book, the bucket clocks, the portfolio, stage 3) or "// <file>.scalp:<line>: <declaration>" (each
# signal, risk, exit, filter and rule, with its windows). Each cell of the elaborated module
#   yosys -p "read_verilog -DSYNTHESIS M.v; hierarchy -top M; proc; opt_clean; memory_collect; write_json"
# belongs to the section whose heading comes last before its source line. A section is cut out of
# that netlist bit by bit: the bits it reads from other sections become inputs, the bits it drives
# that other sections (or the module's outputs) read become outputs, nothing else is kept; then
#   yosys -q -p "read_json S.json; synth_ice40 -top cut; tee -o S.stat.txt stat"
# counts its cells. Cut-outs lose the optimisation across their boundary (an output bit nobody
# uses after constant folding is still kept), so their sum is usually above the whole's: the
# script also synthesizes the whole netlist the same way (the "whole" row) unless --no-whole.
# Run it under nice: the biggest sections take minutes. Sections are synthesized two at a time.
# AREA_SPLIT="LINE:name;..." in the environment adds sections that start at those lines of FILE.v.
# Usage: hdl-backend/area-by-section.sh FILE.v [DIR] [--no-whole]
set -euo pipefail
[[ $# -ge 1 && -f $1 ]] || { echo "usage: $0 FILE.v [DIR] [--no-whole]" >&2; exit 2; }
file=$(realpath "$1")
dir=${2:-$(mktemp -d)}
[[ $dir == --no-whole ]] && dir=$(mktemp -d)
whole=1
for a in "$@"; do [[ $a == --no-whole ]] && whole=0; done
mkdir -p "$dir/cuts"
dir=$(realpath "$dir")
module=$(sed -n 's/^module \([A-Za-z0-9_]*\).*/\1/p' "$file" | head -1)
cp "$file" "$dir/M.v"
(cd "$dir" && yosys -q -p "read_verilog -DSYNTHESIS M.v; hierarchy -top $module; proc; opt_clean; memory_collect; write_json M.json" >/dev/null)

python3 - "$dir" "$module" "$whole" <<'PYTHON'
import json, os, re, sys
work, module, whole = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
lines = open(f"{work}/M.v").read().split("\n")
heads = []   # (first line, section name), in order
for number, text in enumerate(lines, 1):
    m = re.match(r"\s*// ---- (.*?)( ----|$)", text) or re.match(r"\s*// [\w.]+\.scalp:\d+: (.*)", text)
    if m:
        heads.append((number, re.sub(r"\s+", " ", m.group(1)).strip()[:60]))
# Finer sections by hand: AREA_SPLIT="LINE:name;LINE:name" starts a section at a line of FILE.v.
for item in filter(None, os.environ.get("AREA_SPLIT", "").split(";")):
    first, name = item.split(":", 1)
    heads.append((int(first), name))
heads.sort()
design = json.load(open(f"{work}/M.json"))
top = design["modules"][module]
cells, ports = top["cells"], top["ports"]

def section_of(cell):
    # A process's multiplexers carry "M.v:0.0-0.0|M.v:<line>...": the first line that is not 0.
    # Cells yosys makes itself (e.g. for a memory's ports) may have no source line at all.
    line = next((int(n) for n in re.findall(r":(\d+)\.", cell["attributes"].get("src", "")) if n != "0"), 0)
    if line == 0:
        return "(no source line)"
    name = "(before the first section)"
    for first, head in heads:
        if first <= line:
            name = head
    return name

by_section = {}
for name, cell in cells.items():
    by_section.setdefault(section_of(cell), []).append(name)
driver, readers = {}, {}
for name, cell in cells.items():
    for port, bits in cell["connections"].items():
        for bit in bits:
            if isinstance(bit, int):
                if cell["port_directions"][port] == "output":
                    driver[bit] = name
                else:
                    readers.setdefault(bit, set()).add(name)
inputs = {bit for p in ports.values() if p["direction"] == "input" for bit in p["bits"] if isinstance(bit, int)}
outputs = {bit for p in ports.values() if p["direction"] == "output" for bit in p["bits"] if isinstance(bit, int)}

def cut(members):
    members = set(members)
    new_ports, ins, outs = {}, set(), set()
    for name in members:
        for port, bits in cells[name]["connections"].items():
            for bit in bits:
                if not isinstance(bit, int):
                    continue
                if cells[name]["port_directions"][port] == "output":
                    if bit in outputs or any(r not in members for r in readers.get(bit, ())):
                        outs.add(bit)
                elif bit in inputs or (bit in driver and driver[bit] not in members):
                    ins.add(bit)
    for bit in sorted(ins):
        new_ports[f"i{bit}"] = {"direction": "input", "bits": [bit]}
    for bit in sorted(outs):
        new_ports[f"o{bit}"] = {"direction": "output", "bits": [bit]}
    return {"modules": {"cut": {"attributes": {"top": "00000000000000000000000000000001"},
                                "ports": new_ports, "cells": {n: cells[n] for n in members},
                                "netnames": {}}}}, len(ins), len(outs)

index = []
parts = list(by_section.items()) + ([("whole", list(cells))] if whole else [])
for number, (section, members) in enumerate(parts):
    netlist, n_in, n_out = cut(members)
    json.dump(netlist, open(f"{work}/cuts/s{number:02d}.json", "w"))
    index.append(f"s{number:02d}\t{len(members)}\t{n_in}\t{n_out}\t{section}")
open(f"{work}/cuts/index.tsv", "w").write("\n".join(index) + "\n")
PYTHON

cd "$dir/cuts"
cut -f1 index.tsv | xargs -P 2 -I{} sh -c 'yosys -q -p "read_json {}.json; synth_ice40 -top cut; tee -q -o {}.stat.txt stat" >/dev/null'
echo "$file: area by section ($dir/cuts)"
printf "%-62s %7s %7s %7s %4s %6s %6s\n" section SB_LUT4 CARRY DFF RAM in out
while IFS=$'\t' read -r id members n_in n_out section; do
    count() { awk -v c="$1" '$1 == c { s += $2 } END { print s + 0 }' "$id.stat.txt"; }
    dff=$(awk '$1 ~ /^SB_DFF/ { s += $2 } END { print s + 0 }' "$id.stat.txt")
    printf "%-62s %7d %7d %7d %4d %6d %6d\n" "$section" "$(count SB_LUT4)" "$(count SB_CARRY)" "$dff" "$(count SB_RAM40_4K)" "$n_in" "$n_out"
done <index.tsv

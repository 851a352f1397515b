#!/usr/bin/env bash
# The sequential core's logic cells and placed Fmax on the iCE40 HX8K (hdl-backend/README.md, "The
# sequential core"). The core is the one the tests lint (a random program of about 430
# instructions in its ROM), behind hdl-backend/probes/sequential-core/SeqCoreProbe.v's registered
# pins. Seeds 1..3 of nextpnr at --freq 100.
# Usage: hdl-backend/sequential-core-fmax.sh [DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(realpath -m "${1:-$(mktemp -d)}")
mkdir -p "$dir"
SCALP_WRITE_CORE=$dir dotnet test "$root/tests/ScalpLang.Backend.Verilog.Tests" -c Release --no-build \
    --filter "FullyQualifiedName~SequentialCoreTests.The_core_lints_clean" >"$dir/test.log" 2>&1 \
    || { cat "$dir/test.log"; exit 1; }
cp "$root/hdl-backend/probes/sequential-core/SeqCoreProbe.v" "$dir/"
cd "$dir"
yosys -q -p "read_verilog -DSYNTHESIS SeqCore.v SeqCoreProbe.v; synth_ice40 -top SeqCoreProbe -json probe.json; tee -q -o stat.txt stat" >yosys.log 2>&1
grep -E "SB_LUT4|SB_CARRY|SB_DFF|SB_RAM40_4K" stat.txt
for seed in 1 2 3; do
    nextpnr-ice40 --hx8k --package ct256 --json probe.json --freq 100 --seed $seed --timing-allow-fail --pcf-allow-unconstrained >pnr$seed.log 2>&1 || true
    echo "seed $seed: $(grep -m1 'ICESTORM_LC' pnr$seed.log | sed 's/Info: *//'), $(grep 'Max frequency' pnr$seed.log | tail -1 | sed 's/.*: \([0-9.]* MHz\).*/\1/')"
done

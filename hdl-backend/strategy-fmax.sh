#!/usr/bin/env bash
# A strategy's placed Fmax over nextpnr seeds 1..3 (Fmax moves with placement by several MHz, so
# one seed is one sample): `scalp synth FILE --freq 100 --seed N` for each, two at a time, then per
# seed the Fmax and the critical path's first and last cells (nextpnr's report).
# Usage: hdl-backend/strategy-fmax.sh FILE DIR [scalp synth options, e.g. --core sequential]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
file=$1 dir=$(realpath -m "$2"); shift 2
mkdir -p "$dir"
"$root/scalp" build "$file" --target verilog -o "$dir/check" >/dev/null 2>&1 || true   # builds the CLI once, before the parallel runs
for seed in 1 2 3; do
    "$root/scalp" synth "$file" --device hx8k --freq 100 --seed $seed --work "$dir/seed$seed" "$@" >"$dir/seed$seed.txt" 2>&1 &
    (( seed % 2 == 0 )) && wait
done
wait
for seed in 1 2 3; do
    log=$dir/seed$seed/nextpnr.log
    fmax=$(grep -m1 'Fmax' "$dir/seed$seed.txt" | sed 's/^ *//')
    path=$(awk '/Critical path report for clock/{f=1} /cross-domain/{f=0} f' "$log" | grep -E 'Source|Sink' | sed -n '1p;$p' | sed 's/.*\(Source\|Sink\) //' | tr '\n' ' ')
    echo "seed $seed: $fmax; critical path: $path"
done
grep -E 'LUT4s|logic cells' "$dir/seed1.txt" | sed 's/^ *//'

#!/usr/bin/env bash
# The one test command: installs the system tools the tests need if they are missing, builds
# everything, runs every test project and the end-to-end CLI checks, and ends with the line
# "N passed, N failed". Exit status 0 only when nothing failed.
#
#   ./test.sh              everything
#   SCALP_BLESS=1 ./test.sh  rewrite golden files instead of comparing (review the diff!)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$(pwd)"
log_dir="$root/artifacts/test-logs"
mkdir -p "$log_dir"

# ---- system tools ------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq >/dev/null; apt_updated=1; fi
  echo "test.sh: installing $*" >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}
command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 2; }
command -v node >/dev/null || apt_install nodejs
command -v npm >/dev/null || apt_install npm
# LOBSTER times are New York wall-clock times: the runtime converts them with the tz database.
[ -e /usr/share/zoneinfo/America/New_York ] || apt_install tzdata
# `script` gives the progress-bar tests a pseudo terminal.
command -v script >/dev/null || apt_install bsdutils
# QuickFIX C++ and a compiler for the FIX interop tests (tests/ScalpLang.Fix.Tests/Interop).
[ -e /usr/include/quickfix/Application.h ] || apt_install libquickfix-dev
command -v g++ >/dev/null || apt_install g++
# Headless Chromium opens the HTML backtest report and checks that its charts render.
command -v chromium >/dev/null || apt_install chromium
# The Verilog backend's simulator tier: Icarus Verilog (co-simulation), Verilator (lint -Wall and
# co-simulation) and yosys (synthesis checks).
command -v iverilog >/dev/null || apt_install iverilog
command -v verilator >/dev/null || apt_install verilator
command -v yosys >/dev/null || apt_install yosys
# `scalp synth` (hdl-backend/SYNTH.md): place and route, Fmax, timing estimate and bitstreams for iCE40.
command -v nextpnr-ice40 >/dev/null || apt_install nextpnr-ice40
{ command -v icepack >/dev/null && command -v icetime >/dev/null; } || apt_install fpga-icestorm
# Distributed sweeps: the loopback test starts its own Redis server (Orleans Redis clustering).
command -v redis-server >/dev/null || apt_install redis-server
# yosys-smtbmc's solver for the kill-switch proof (tests/ScalpLang.Backend.Verilog.Tests/FormalTests.cs).
command -v z3 >/dev/null || apt_install z3
# The pinned ANTLR generator (grammar/package.json + lock) for the regeneration check.
if [ ! -x grammar/node_modules/.bin/antlr-ng ]; then
  (cd grammar && npm ci --no-audit --no-fund --silent) || { echo "test.sh: npm ci in grammar/ failed" >&2; exit 2; }
fi

passed=0
failed=0
record() { # name, status
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "PASS $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi
}

# ---- build -------------------------------------------------------------------------------
echo "== build"
if ! dotnet build ScalpLang.sln -c Release -nologo -v q >"$log_dir/build.log" 2>&1; then
  cat "$log_dir/build.log"
  record "build" 1
  echo "$passed passed, $failed failed"
  exit 1
fi

# ---- unit, golden, fuzz and CLI tests ----------------------------------------------------
for project in tests/*/; do
  name="$(basename "$project")"
  [ -f "$project/$name.csproj" ] || continue
  grep -q '<IsTestProject>true</IsTestProject>' "$project/$name.csproj" || continue
  echo "== $name"
  out="$log_dir/$name.log"
  # The trx file keeps every test's duration (artifacts/test-logs/NAME.trx), for finding the slow ones.
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$log_dir" 2>&1 | tee "$out" | grep -E '^\s+(Failed|Skipped) |Passed!|Failed!|error' || true
  status=${PIPESTATUS[0]}
  summary="$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+' "$out" | tail -n 1)"
  if [ -z "$summary" ]; then
    record "$name (no test summary: see $out)" 1
    continue
  fi
  f="$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")"
  p="$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")"
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$status" != 0 ] && [ "$f" = 0 ]; then record "$name (dotnet test exited $status)" 1; fi
done

# ---- end to end through the ./scalp wrapper ----------------------------------------------
echo "== scalp command"
./scalp check examples/*.scalp >"$log_dir/e2e-check.log" 2>&1
record "./scalp check examples/*.scalp exits 0" $?
./scalp check tests/ScalpLang.Compiler.Tests/Goldens/Diagnostics/SL2001-undefined-name/input.scalp >/dev/null 2>"$log_dir/e2e-error.log"
[ $? = 1 ] && grep -q 'error SL2001' "$log_dir/e2e-error.log"
record "./scalp check on a bad file exits 1 with SL2001" $?
./scalp check does/not/exist.scalp >/dev/null 2>&1
[ $? = 2 ]
record "./scalp check on a missing file exits 2" $?

S=tests/ScalpLang.Backend.Verilog.Tests/Goldens/01-book-imbalance/input.scalp
./scalp sim "$S" --data synthetic:seed=4,events=20000 >"$log_dir/e2e-sim.log" 2>&1
[ $? = 0 ] && grep -q ' 0 mismatches' "$log_dir/e2e-sim.log"
record "./scalp sim on an FPGA-able strategy: 0 mismatches" $?
# Verilator's C++ testbench twice in a fresh build cache: the second run must reuse the first build.
rm -rf "$log_dir/e2e-vcache"   # fresh even when test.sh ran here before
SCALP_CACHE_DIR="$log_dir/e2e-vcache" ./scalp sim "$S" --data synthetic:seed=4,events=20000 --simulator verilator --timings >"$log_dir/e2e-vsim.log" 2>&1 &&
    SCALP_CACHE_DIR="$log_dir/e2e-vcache" ./scalp sim "$S" --data synthetic:seed=4,events=20000 --simulator verilator --timings >"$log_dir/e2e-vsim2.log" 2>&1
[ $? = 0 ] && grep -q ' 0 mismatches' "$log_dir/e2e-vsim.log" && grep -q 'built, now cached' "$log_dir/e2e-vsim.log" &&
    grep -q ' 0 mismatches' "$log_dir/e2e-vsim2.log" && grep -q 'from the build cache' "$log_dir/e2e-vsim2.log"
record "./scalp sim --simulator verilator --timings: 0 mismatches, the second run from the build cache" $?
./scalp build examples/imbalance_scalper.scalp --target verilog -o "$log_dir/e2e-verilog" >"$log_dir/e2e-verilog.log" 2>&1
[ $? = 0 ] && [ -s "$log_dir/e2e-verilog/ImbalanceScalper.v" ]
record "./scalp build --target verilog on an example writes its module" $?
./scalp sim examples/spoofing_aware_momentum.scalp --data synthetic:seed=4,events=20000 >"$log_dir/e2e-sim-example.log" 2>&1
[ $? = 0 ] && grep -q ' 0 mismatches' "$log_dir/e2e-sim-example.log"
record "./scalp sim on an example (windows, portfolio, twap): 0 mismatches" $?
# C# scripting: the research example (compiles a strategy importing a .csx, backtests, sweeps), and a missing script.
SCALP_CACHE_DIR="$log_dir/e2e-cache" ./scalp script examples/scripting/threshold_sweep.csx -- 20000 >"$log_dir/e2e-script.log" 2>&1
[ $? = 0 ] && grep -q '^json {"strategy":"BookPressure"' "$log_dir/e2e-script.log"
record "./scalp script examples/scripting/threshold_sweep.csx exits 0 with its report" $?
./scalp script does/not/exist.csx >/dev/null 2>&1
[ $? = 2 ]
record "./scalp script on a missing file exits 2" $?

# News sentiment: train a headline model, backtest the news example with headlines, and without them (exit 2).
./scalp train-text examples/news/labelled_headlines.csv -o "$log_dir/e2e-sentiment.zip" >"$log_dir/e2e-train-text.log" 2>&1
[ $? = 0 ] && grep -q '^holdout: AUC 0\.[5-9]' "$log_dir/e2e-train-text.log"
record "./scalp train-text on the labelled headlines exits 0 and reports the holdout AUC" $?
./scalp backtest examples/news/news_scalper.scalp --news examples/news/headlines.csv --json >"$log_dir/e2e-news.log" 2>&1
[ $? = 0 ] && grep -q 'news: 7 headline(s) applied' "$log_dir/e2e-news.log"
record "./scalp backtest --news on the news example exits 0 and applies its headlines" $?
./scalp backtest examples/news/news_scalper.scalp >/dev/null 2>"$log_dir/e2e-news-missing.log"
[ $? = 2 ] && grep -q -- '--news PATH.csv' "$log_dir/e2e-news-missing.log"
record "./scalp backtest of a news strategy without --news exits 2 naming the option" $?
# ONNX models: the example (an LSTM over 50 ticks and a depth-image CNN) backtests on the CPU target; Verilog refuses it.
./scalp backtest examples/onnx/deep_lob_scalper.scalp --data synthetic:seed=3,events=20000 --json >"$log_dir/e2e-onnx.log" 2>&1
[ $? = 0 ] && grep -q '"strategy":"DeepLobScalper","events":20000,"orders":[1-9]' "$log_dir/e2e-onnx.log"
record "./scalp backtest on the ONNX example trades" $?
./scalp build examples/onnx/deep_lob_scalper.scalp --target verilog -o "$log_dir/e2e-onnx-v" >/dev/null 2>"$log_dir/e2e-onnx-v.log"
[ $? = 1 ] && grep -q 'error SL5005' "$log_dir/e2e-onnx-v.log"
record "./scalp build --target verilog on the ONNX example exits 1 with SL5005" $?

S3=tests/ScalpLang.Backend.Verilog.Tests/Goldens/03-levels-param-and-wrap/input.scalp
./scalp synth "$S3" --json >"$log_dir/e2e-synth.log" 2>&1
[ $? = 0 ] && grep -q '"fmax_mhz": [0-9]' "$log_dir/e2e-synth.log"
record "./scalp synth on an FPGA-able strategy reports Fmax" $?

# The ten slowest tests, from the trx files (informational: where the run's time goes).
if command -v python3 >/dev/null; then
  echo "== slowest tests"
  python3 - "$log_dir" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
def seconds(d):
    h, m, s = d.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)
rows = []
for path in glob.glob(sys.argv[1] + "/*.trx"):
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        rows.append((seconds(r.get("duration", "0:0:0")), r.get("testName")))
for sec, name in sorted(rows, reverse=True)[:10]:
    print(f"{sec:8.1f} s  {name[:150]}")
PY
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

#!/usr/bin/env bash
# CPU profile (Linux perf) of one grain-call scenario in steady state: starts `--loop SCENARIO`, waits until
# its warm-up is over, samples the process for 5 s with perf, and prints where the samples landed.
# Usage: bench/profile.sh local-echo|local-add|remote-add|remote-echo|bare-http2
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:?scenario}
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)"; exit 1; }
dll=bench/Benchmarks/bin/Release/net10.0/Benchmarks.dll
[ -f "$dll" ] || dotnet build -c Release bench/Benchmarks -v q -nologo >/dev/null
out=$(mktemp -d)
# Perf maps for JIT code; W^X off so that JIT code is not in a memfd double mapping perf cannot symbolize.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet "$dll" --loop "$scenario" 9 >"$out/loop.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do grep -q '^measuring' "$out/loop.log" && break; sleep 0.1; done
perf record -q -F 1999 -g -p "$pid" -o "$out/perf.data" -- sleep 5 >/dev/null 2>&1
wait "$pid"
grep -E 'warm-up|calls' "$out/loop.log"
perf script -i "$out/perf.data" 2>/dev/null | python3 bench/perf_categories.py
rm -rf "$out"

#!/usr/bin/env bash
# Runs the grain-call benchmarks as recorded in bench/README.md: machine facts, BenchmarkDotNet (fast job),
# the per-call latency probe, then (when perf is installed) two CPU profiles. About 5 minutes on 2 cores.
# Extra arguments go to BenchmarkDotNet, e.g. bench/run.sh --filter '*GrainCall*'.
set -euo pipefail
cd "$(dirname "$0")/.."
project=bench/Benchmarks
filter=("$@")
[ ${#filter[@]} -eq 0 ] && filter=(--filter '*')

echo "## machine"
lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Hypervisor)' || true
grep MemTotal /proc/meminfo || true
. /etc/os-release 2>/dev/null && echo "OS: $PRETTY_NAME, kernel $(uname -r)"
dotnet --version | sed 's/^/.NET SDK /'
dotnet --list-runtimes | grep NETCore.App || true
echo "load average: $(cat /proc/loadavg)"

dotnet build -c Release "$project" -v q -nologo | tail -n 3
echo "## BenchmarkDotNet (--fast)"
dotnet run -c Release --no-build --project "$project" -- "${filter[@]}" --fast
echo "load average: $(cat /proc/loadavg)"
echo "## per-call latency (--latency)"
dotnet run -c Release --no-build --project "$project" -- --latency
if command -v perf >/dev/null; then
  for scenario in local-echo remote-add; do
    echo "## CPU profile: $scenario (perf, 5 s of steady state)"
    bench/profile.sh "$scenario"
  done
fi
echo "load average: $(cat /proc/loadavg)"

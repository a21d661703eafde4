#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, builds the solution, runs every test project and
# prints, as its last line, "N passed, N failed" summed over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet) is not on PATH; install .NET 10 first." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

if ! dotnet build Orleans.sln -c Debug -nologo -v quiet >"$log" 2>&1; then
  grep -E "error" "$log" | sort -u | head -40 >&2
  echo "error: the build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# Microsoft.Testing.Platform (selected in global.json) runs each test project and prints one summary.
dotnet test --solution Orleans.sln --no-build -c Debug 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

total=$(grep -E '^\s+total:' "$log" | tail -1 | grep -oE '[0-9]+' || true)
failed=$(grep -E '^\s+failed:' "$log" | tail -1 | grep -oE '[0-9]+' || true)
passed=$(grep -E '^\s+succeeded:' "$log" | tail -1 | grep -oE '[0-9]+' || true)
if [ -z "$total" ] || [ -z "$passed" ] || [ -z "$failed" ]; then
  echo "error: no test summary was printed (exit code $status)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A crashed or timed-out test host counts as a failure even when no single test reported one.
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]

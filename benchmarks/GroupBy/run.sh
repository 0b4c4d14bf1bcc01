#!/usr/bin/env bash
# db-benchmark groupby: Kindling vs DuckDB vs Polars on the G1 data, 2 threads each.
# Usage: benchmarks/GroupBy/run.sh [rows=1e7] [threads=2]
# Data goes to benchmarks/.data/ (git-ignored). Kindling generates the identical data in memory (same seeded
# RNG as the CSV) and runs twice: dictionary-encoded strings ("kindling") and plain UTF-8 strings ("kindling-plain");
# then "kindling-api" reads the CSV itself and asks the questions through the DataFrame API, as a job would.
set -euo pipefail
ROWS="${1:-1e7}"
THREADS="${2:-2}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH="$(dirname "$HERE")"
DATA="$BENCH/.data"
mkdir -p "$DATA"
dotnet build "$BENCH/Kindling.Benchmarks.csproj" -c Release -v q -nologo > /dev/null
DLL="$BENCH/bin/Release/net10.0/Kindling.Benchmarks.dll"
CSV="$DATA/G1_$(node -e "const n=Number(process.argv[1]);const e=Math.floor(Math.log10(n));const m=n/10**e;console.log(Number.isInteger(m)?m+'e'+e:String(n))" "$ROWS")_1e2_0_0.csv"
if [ ! -s "$CSV" ]; then
  dotnet "$DLL" groupby-gen "$ROWS" "$CSV"
fi
if [ ! -d "$HERE/peers/node_modules" ]; then
  (cd "$HERE/peers" && npm install --no-audit --no-fund > /dev/null)
fi
# Fully optimized JIT from the first call (the peers are native code): no tier-0 code in the first timed run.
export DOTNET_TieredCompilation=0
OUT="$DATA/results-$ROWS.jsonl"
: > "$OUT"
echo "== kindling (dictionary strings), $THREADS threads" >&2
dotnet "$DLL" groupby-run "$ROWS" "$THREADS" dict | tee -a "$OUT" >&2
echo "== kindling (plain strings), $THREADS threads" >&2
dotnet "$DLL" groupby-run "$ROWS" "$THREADS" plain | sed 's/"engine":"kindling"/"engine":"kindling-plain"/' | tee -a "$OUT" >&2
echo "== kindling (DataFrame API over the CSV, as a job writes it), $THREADS threads" >&2
dotnet "$DLL" groupby-api "$CSV" "$THREADS" | tee -a "$OUT" >&2
echo "== duckdb and polars, $THREADS threads" >&2
POLARS_MAX_THREADS="$THREADS" node "$HERE/peers/groupby.mjs" "$CSV" "$THREADS" | tee -a "$OUT" >&2
echo
echo "rows=$ROWS threads=$THREADS (best of two runs, seconds; ratio < 1 means Kindling is faster)"
node "$HERE/peers/compare.mjs" < "$OUT"

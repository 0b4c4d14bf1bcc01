#!/usr/bin/env bash
# The daily ETL end to end: generates mock data at a scale (once, under benchmarks/.data, git-ignored),
# then times the first run date (which also loads init/) and the second, as whole processes.
# usage: benchmarks/Etl/run.sh [SCALE=10] [MASTER=local[2]]
set -euo pipefail
root_dir="$(cd "$(dirname "$0")/../.." && pwd)"
scale="${1:-10}"
master="${2:-local[2]}"
data="$root_dir/benchmarks/.data/etl-scale-$scale"
submit="$root_dir/spark-submit.sh"
if [[ ! -f "$data/raw/dt=2024-01-02/_manifest.json" ]]; then
  rm -rf "$data"
  "$submit" data-gen init --root "$data" --scale "$scale" >/dev/null
  "$submit" data-gen daily --root "$data" --scale "$scale" --from 2024-01-01 --to 2024-01-02 >/dev/null
fi
rm -rf "$data/final" "$data/rejects"
"$submit" data-gen --help >/dev/null 2>&1 || true   # builds the binaries outside the timed runs
dotnet build "$root_dir/jobs" -c Release -o "$root_dir/.build/kindling-jobs" --nologo -v quiet -clp:ErrorsOnly >/dev/null
echo "input: $(du -sh "$data/init" | cut -f1) init, $(du -sh "$data/raw/dt=2024-01-01" | cut -f1) per day (scale $scale), master $master"
for day in 2024-01-01 2024-01-02 2024-01-02; do
  /usr/bin/time -f "etl $day: %e s elapsed, %U s user, %M KB max RSS" \
    "$submit" --master "$master" etl --root "$data" --date "$day" > "$data/etl-$day.log" 2>"$data/etl-$day.time" || { cat "$data/etl-$day.log" "$data/etl-$day.time"; exit 1; }
  grep -h "elapsed" "$data/etl-$day.time"
done
echo "(the second 2024-01-02 line is a rerun of the same day: idempotent, same output)"

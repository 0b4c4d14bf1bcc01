#!/usr/bin/env bash
# Kindling's entry point, in spark-submit's style:
#   ./spark-submit.sh [--master local[*]|local[N]] [--conf k=v]... <job> [job args]
# It builds the Release binaries once (again only when sources changed; published ReadyToRun) and runs the job in the
# embedded engine. Jobs:
#   data-gen <init|daily> [...]   the mock-data generator (see README)
#   etl [...]                     the main job (see README)
# With a cluster master (yarn, spark://..., k8s://...) the jobs are built against Microsoft.Spark instead and
# handed to Apache Spark's own spark-submit with Microsoft.Spark's DotnetRunner (needs SPARK_HOME and
# MICROSOFT_SPARK_JAR, the microsoft-spark-<spark>_<scala>-<version>.jar of the Microsoft.Spark release).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/.build"
master="local[*]"
confs=()
cluster_opts=()

usage() {
  echo "usage: ./spark-submit.sh [--master local[*]|local[N]] [--conf key=value]... <job> [job args]" >&2
  echo "jobs: data-gen, etl" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) [[ $# -ge 2 ]] || usage; master="$2"; shift 2 ;;
    --master=*) master="${1#--master=}"; shift ;;
    --conf) [[ $# -ge 2 ]] || usage; confs+=("$2"); shift 2 ;;
    --conf=*) confs+=("${1#--conf=}"); shift ;;
    --name|--deploy-mode|--class|--driver-memory|--executor-memory|--num-executors|--executor-cores)
      [[ $# -ge 2 ]] || usage; cluster_opts+=("$1" "$2"); shift 2 ;;  # used on a cluster; meaningless on one machine
    -h|--help) usage ;;
    --*) echo "spark-submit.sh: unknown option '$1'" >&2; usage ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || usage
job="$1"; shift

# Build one project into .build/<name> unless the build is newer than every source file.
build() {
  local project_dir="$1" name="$2"
  local dll="$out/$name/$name.dll"
  if [[ ! -f "$dll" ]] || [[ -n "$(find "$here/engine" "$here/$project_dir" "$here/Directory.Build.props" "$here/Directory.Packages.props" \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$dll" -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]]; then
    echo "spark-submit.sh: building $project_dir (Release)..." >&2
    local log
    # Published ReadyToRun (precompiled for this machine's runtime): a daily job on small data otherwise spends
    # most of its time compiling the engine's methods at startup.
    if ! log="$(dotnet publish "$here/$project_dir" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
          -o "$out/$name" --nologo -v quiet -clp:ErrorsOnly 2>&1)"; then
      echo "$log" >&2
      echo "spark-submit.sh: the build of $project_dir failed" >&2
      exit 1
    fi
  fi
  echo "$dll"
}

# A cluster master: the same job sources, built against Microsoft.Spark, run by Apache Spark.
if [[ "$master" != local* ]]; then
  [[ "$job" == "etl" ]] || { echo "spark-submit.sh: only etl runs on a cluster; run data-gen locally" >&2; exit 2; }
  [[ -n "${SPARK_HOME:-}" && -n "${MICROSOFT_SPARK_JAR:-}" ]] || {
    echo "spark-submit.sh: --master $master needs SPARK_HOME and MICROSOFT_SPARK_JAR (Microsoft.Spark's DotnetRunner jar)" >&2; exit 2; }
  echo "spark-submit.sh: building jobs against Microsoft.Spark..." >&2
  dotnet publish "$here/jobs" -c Release -p:SparkBackend=Microsoft.Spark -o "$out/spark/kindling-jobs" --nologo -v quiet -clp:ErrorsOnly >&2
  conf_args=()
  for c in "${confs[@]}"; do conf_args+=(--conf "$c"); done
  exec "$SPARK_HOME/bin/spark-submit" --master "$master" "${cluster_opts[@]}" "${conf_args[@]}" \
    --class org.apache.spark.deploy.dotnet.DotnetRunner "$MICROSOFT_SPARK_JAR" \
    dotnet "$out/spark/kindling-jobs/kindling-jobs.dll" etl --master "$master" "$@"
fi

export KINDLING_MASTER="$master"
export KINDLING_CONF="$(IFS=$'\n'; echo "${confs[*]:-}")"

case "$job" in
  data-gen) dll="$(build data-gen kindling-data-gen)"; exec dotnet "$dll" "$@" ;;
  etl)
    # The main job's input: create mock data (init, and the run date's feed) where there is none.
    root="./data"; date="2024-01-01"; args=("$@")
    for ((i = 0; i < ${#args[@]}; i++)); do
      case "${args[$i]}" in
        --root) root="${args[$((i + 1))]:-$root}" ;;
        --date) date="${args[$((i + 1))]:-$date}" ;;
      esac
    done
    # (Not for a URI root such as s3://: the job itself explains that the embedded engine needs a local folder.)
    if [[ "$root" != *://* ]] && [[ ! -d "$root/init" || ! -f "$root/raw/dt=$date/_manifest.json" ]]; then
      gen="$(build data-gen kindling-data-gen)"
      [[ -d "$root/init" ]] || dotnet "$gen" init --root "$root"
      [[ -f "$root/raw/dt=$date/_manifest.json" ]] || dotnet "$gen" daily --root "$root" --date "$date"
    fi
    dll="$(build jobs kindling-jobs)"; exec dotnet "$dll" etl --master "$master" "$@" ;;
  *) echo "spark-submit.sh: unknown job '$job'" >&2; usage ;;
esac

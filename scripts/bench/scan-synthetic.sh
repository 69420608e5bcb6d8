#!/usr/bin/env bash
# Benchmark: generate a synthetic fleet snapshot of N instances (default 100000) and time a full offline
# scan of it (analyze + rules + JSON report), reporting wall time and peak memory (max RSS).
# Usage: scripts/bench/scan-synthetic.sh [instances] [extra scan args...]
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-100000}"; shift || true
work="${BENCH_DIR:-target/bench}"
mkdir -p "$work"
snapshot="$work/fleet-$n.json"

mvn -B -q -DskipTests package test-compile >&2
if [ ! -f "$snapshot" ]; then
  java -cp target/test-classes:target/imdsguard.jar io.imdsguard.bench.SyntheticFleet "$n" "$snapshot"
fi
echo "snapshot: $snapshot ($(du -h "$snapshot" | cut -f1))" >&2

timefile="$work/time-$n.txt"
set +e
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several JVM options, split on purpose
/usr/bin/time -v -o "$timefile" java ${BENCH_JAVA_OPTS:--Xmx4g} -jar target/imdsguard.jar scan \
  --snapshot "$snapshot" --format json --output "$work/report-$n.json" --fail-on none "$@"
rc=$?
set -e
wall=$(grep 'Elapsed (wall clock)' "$timefile" | awk '{print $NF}')
rss=$(grep 'Maximum resident set size' "$timefile" | awk '{print $NF}')
findings=$(python3 -c "import json,sys; d=json.load(open('$work/report-$n.json')); print(len(d['findings']), d['summary'])")
echo "instances=$n exit=$rc wall=$wall maxRSS=$((rss / 1024))MiB findings=$findings"

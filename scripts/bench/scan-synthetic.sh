#!/usr/bin/env bash
# Benchmark: generate a synthetic fleet snapshot of N instances (default 100000) with `imdsguard bench synth`
# and time full offline scans of it (analyze + rules + JSON report) under /usr/bin/time -v: wall time, CPU time
# (user+sys) and peak memory (max RSS), one line per run and the medians.
# Usage: scripts/bench/scan-synthetic.sh [instances] [extra scan args...]
# Environment: BENCH_ACCOUNTS (1), BENCH_REGIONS (2), BENCH_SEED (42), BENCH_RUNS (5), BENCH_DIR (target/bench),
#   BENCH_JAVA_OPTS (JVM options added to those ./imdsguard sets, default -Xmx4g),
#   BENCH_JAR (default target/imdsguard.jar), BENCH_BUILD (1: build).
# Scans run through ./imdsguard, so they use the JVM options and class-data archive a user's run gets.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-100000}"; shift || true
accounts="${BENCH_ACCOUNTS:-1}"; regions="${BENCH_REGIONS:-2}"; seed="${BENCH_SEED:-42}"; runs="${BENCH_RUNS:-5}"
work="${BENCH_DIR:-target/bench}"
jar="${BENCH_JAR:-target/imdsguard.jar}"
mkdir -p "$work"
snapshot="$work/fleet-$n-a$accounts-r$regions-s$seed.json"

if [ "${BENCH_BUILD:-1}" = 1 ]; then
  # The jar is what is measured; running the test suite first would only slow the benchmark (.ci/run runs it).
  mvn -B -q -DskipTests package >&2
fi
if [ ! -f "$snapshot" ]; then
  java -Xmx12g -jar "$jar" bench synth --instances "$n" --accounts "$accounts" --regions "$regions" --seed "$seed" \
    --output "$snapshot" >&2
fi
echo "snapshot: $snapshot ($(du -h "$snapshot" | cut -f1)); load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

report="$work/report-$n-a$accounts-r$regions-s$seed.json"
results="$work/runs-$n-a$accounts-r$regions-s$seed.txt"
: > "$results"
for run in $(seq 1 "$runs"); do
  timefile="$work/time-$n.txt"
  set +e
  IMDSGUARD_JAR="$(realpath "$jar")" IMDSGUARD_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx4g}" /usr/bin/time -v -o "$timefile" ./imdsguard scan \
    --snapshot "$snapshot" --format json --output "$report" --fail-on none --quiet "$@" 2>/dev/null
  rc=$?
  set -e
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i];
    print s}' "$timefile")
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$timefile")
  rss=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$timefile")
  echo "$wall $cpu $rss" >> "$results"
  echo "run=$run instances=$n accounts=$accounts regions=$regions exit=$rc wall=${wall}s cpu=${cpu}s maxRSS=${rss}MiB" \
    "load=$(cut -d' ' -f1 /proc/loadavg)"
done
findings=$(python3 -c "import json; d=json.load(open('$report')); print(len(d['findings']), d['summary'])")
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "median of $runs: instances=$n wall=$(cut -d' ' -f1 "$results" | median)s cpu=$(cut -d' ' -f2 "$results" | median)s" \
  "maxRSS=$(cut -d' ' -f3 "$results" | median)MiB findings=$findings"

#!/usr/bin/env bash
# Where the time of a scan goes. Scans SNAPSHOT through ./imdsguard with --verbose BENCH_RUNS times (default 3)
# and prints the median wall time of each stage, then scans it once more under Java Flight Recorder and
# prints the share of execution samples per stage (all threads) and the total of the GC pauses.
# Usage: scripts/bench/profile.sh SNAPSHOT      (e.g. target/bench/fleet-100000-a1-r2-s42.json)
# Environment: BENCH_RUNS (3), BENCH_JAVA_OPTS (default -Xmx4g), BENCH_JAR (default target/imdsguard.jar),
#   BENCH_DIR (target/bench: the recording and the reports go there).
set -euo pipefail
cd "$(dirname "$0")/../.."
snapshot="${1:?usage: scripts/bench/profile.sh SNAPSHOT}"
runs="${BENCH_RUNS:-3}"
work="${BENCH_DIR:-target/bench}"
jar="$(realpath "${BENCH_JAR:-target/imdsguard.jar}")"
opts="${BENCH_JAVA_OPTS:--Xmx4g}"
mkdir -p "$work"
stages="$work/profile-stages.txt"
: > "$stages"
for _ in $(seq 1 "$runs"); do
  IMDSGUARD_JAR="$jar" IMDSGUARD_JAVA_OPTS="$opts" ./imdsguard scan --snapshot "$snapshot" --format json \
    --output "$work/profile-report.json" --fail-on none --quiet --verbose 2>&1 >/dev/null | grep '^stages:' >> "$stages"
done
python3 - "$stages" <<'PY'
import re, statistics, sys
runs = [dict((name, int(ms.replace(",", ""))) for name, ms in re.findall(r"([a-z ]+?) ([\d,]+) ms", line.split(":", 1)[1]))
        for line in open(sys.argv[1])]
print(f"stage wall times, median of {len(runs)} runs:")
for stage in runs[0]:
    print(f"  {stage.strip():<12} {statistics.median(r[stage] for r in runs):>7,.0f} ms")
PY

recording="$work/profile.jfr"
IMDSGUARD_JAR="$jar" IMDSGUARD_JAVA_OPTS="$opts -XX:StartFlightRecording=filename=$recording,settings=profile" \
  ./imdsguard scan --snapshot "$snapshot" --format json --output "$work/profile-report.json" --fail-on none --quiet \
  > /dev/null 2>&1
jfr print --events jdk.ExecutionSample --stack-depth 256 "$recording" > "$work/profile-samples.txt"
jfr print --events jdk.GarbageCollection "$recording" > "$work/profile-gc.txt"
python3 - "$work/profile-samples.txt" "$work/profile-gc.txt" <<'PY'
import collections, re, sys
# A sample belongs to the first stage whose frame it holds (worker threads hold the task's frames too).
STAGES = [
    ("read", ("SplitSnapshotReader", "JsonOutline", "SnapshotIO.read")),
    ("analyze", ("SnapshotAnalyzer",)),
    ("load rules", ("RuleCompiler", "PrecompiledPack")),
    ("rules", ("RuleEvaluator",)),
    ("report", ("io.imdsguard.report.", "ReportOutputs")),
]
counts = collections.Counter()
for event in open(sys.argv[1]).read().split("jdk.ExecutionSample")[1:]:
    stage = next((name for name, marks in STAGES if any(mark in event for mark in marks)), "other (start-up, JIT, idle)")
    counts[stage] += 1
total = sum(counts.values())
print(f"execution samples per stage ({total} samples, all threads):")
for stage, n in counts.most_common():
    print(f"  {stage:<28} {100 * n / total:5.1f}%")
pauses = [float(v) * (1000 if unit == "s" else 1) for v, unit in
          re.findall(r"sumOfPauses = ([\d.]+) (ms|s)\b", open(sys.argv[2]).read())]
print(f"GC: {len(pauses)} collections, {sum(pauses):,.0f} ms of pauses")
PY

#!/usr/bin/env bash
# Where the time of a scan goes. Scans SNAPSHOT through ./imdsguard with --verbose BENCH_RUNS times (default 3)
# and prints the median wall time of each stage, then scans it once more under a profiler:
# - BENCH_PROFILER=jfr (default): Java Flight Recorder; the share of execution samples per stage (all threads)
#   and the total of the GC pauses. JFR samples only Java code, and seldom code the quick JIT compiled.
# - BENCH_PROFILER=async: async-profiler (fetched from Maven Central, tools.profiler:async-profiler), CPU time
#   of every thread, the JIT compiler's, the collector's and the kernel's included: the share per stage and the
#   frames that use the most CPU themselves. Leaves a collapsed-stacks file for flame-graph tools.
# Usage: scripts/bench/profile.sh SNAPSHOT      (e.g. target/bench/fleet-100000-a1-r2-s42.json)
# Environment: BENCH_RUNS (3), BENCH_JAVA_OPTS (default -Xmx4g), BENCH_JAR (default target/imdsguard.jar),
#   BENCH_DIR (target/bench: the recording and the reports go there), BENCH_PROFILER (jfr),
#   BENCH_AP_EVENT (cpu; itimer where the kernel refuses perf events to this user).
set -euo pipefail
cd "$(dirname "$0")/../.."
snapshot="${1:?usage: scripts/bench/profile.sh SNAPSHOT}"
runs="${BENCH_RUNS:-3}"
work="${BENCH_DIR:-target/bench}"
jar="$(realpath "${BENCH_JAR:-target/imdsguard.jar}")"
opts="${BENCH_JAVA_OPTS:--Xmx4g}"
case "${BENCH_PROFILER:-jfr}" in
  jfr | async) ;;
  *) echo "profile.sh: BENCH_PROFILER is jfr or async, not '${BENCH_PROFILER}'" >&2; exit 2 ;;
esac
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

case "${BENCH_PROFILER:-jfr}" in
  async)
    version=3.0
    case "$(uname -sm)" in
      "Linux x86_64") platform=linux-x64 ;;
      "Linux aarch64") platform=linux-arm64 ;;
      *) echo "profile.sh: async-profiler's Maven artifact has no library for $(uname -sm); use BENCH_PROFILER=jfr" >&2
         exit 2 ;;
    esac
    tools="$work/async-profiler"
    lib="$tools/$platform/libasyncProfiler.so"
    if [ ! -f "$lib" ]; then
      MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$version" -DoutputDirectory="$tools" >&2
      python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' \
        "$tools/async-profiler-$version.jar" "$platform/libasyncProfiler.so" "$tools"
    fi
    collapsed="$work/profile.collapsed"
    rm -f "$collapsed"
    IMDSGUARD_JAR="$jar" IMDSGUARD_JAVA_OPTS="$opts -agentpath:$(realpath "$lib")=start,event=${BENCH_AP_EVENT:-cpu},interval=1ms,file=$collapsed,collapsed" \
      ./imdsguard scan --snapshot "$snapshot" --format json --output "$work/profile-report.json" --fail-on none --quiet \
      > "$work/profile-output.txt" 2>&1 || true
    if [ ! -s "$collapsed" ]; then
      echo "profile.sh: the profiled scan left no samples; what it printed:" >&2
      cat "$work/profile-output.txt" >&2
      exit 1
    fi
    python3 - "$collapsed" <<'PY'
import collections, sys
# A stack belongs to the first stage of this list that one of its frames names; the JIT compiler's and the
# collector's threads are stages of their own.
STAGES = [
    ("read", ("SplitSnapshotReader", "JsonOutline", "SnapshotIO.read")),
    ("analyze", ("SnapshotAnalyzer",)),
    ("load rules", ("RuleCompiler", "PrecompiledPack")),
    ("rules", ("RuleEvaluator",)),
    ("report", ("io/imdsguard/report/", "ReportOutputs")),
    ("JIT compiler", ("CompileBroker",)),
    ("garbage collector", ("GangWorker", "PSPromotion", "PSScavenge", "PSParallelCompact", "ParallelGC", "WorkerThread")),
]
stages, own = collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    stack, n = line.rsplit(" ", 1)
    stage = next((name for name, marks in STAGES if any(mark in stack for mark in marks)), "other (start-up, waits)")
    stages[stage] += int(n)
    own[stack.rsplit(";", 1)[-1]] += int(n)
total = sum(stages.values())
print(f"CPU samples per stage ({total} samples of 1 ms, all threads):")
for stage, n in stages.most_common():
    print(f"  {stage:<28} {100 * n / total:5.1f}%")
print("frames with the most CPU of their own:")
for frame, n in own.most_common(15):
    print(f"  {100 * n / total:5.1f}% {frame[:110]}")
PY
    echo "collapsed stacks: $collapsed"
    exit 0 ;;
esac

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

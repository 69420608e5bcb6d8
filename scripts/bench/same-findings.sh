#!/usr/bin/env bash
# Checks that two builds find the same: scans one synthetic fleet with both jars and compares the JSON
# reports modulo their timestamps (scan.startedAt, scan.finishedAt). Run it after any performance change,
# with the jar of the commit before it. Exit 0 when the reports agree, 1 when they differ.
# Usage: scripts/bench/same-findings.sh OLD.jar NEW.jar [instances] [accounts] [regions]
# Example (the old commit's jar only, its tests are not the point here):
#   git worktree add /tmp/old f20275f && (cd /tmp/old && mvn -B -q -DskipTests package)
#          scripts/bench/same-findings.sh /tmp/old/target/imdsguard.jar target/imdsguard.jar 100000
set -euo pipefail
old="$1"; new="$2"; n="${3:-100000}"; accounts="${4:-1}"; regions="${5:-2}"
work="${BENCH_DIR:-target/bench}"
mkdir -p "$work"
snapshot="$work/fleet-$n-a$accounts-r$regions-s42.json"
if [ ! -f "$snapshot" ]; then
  java -Xmx12g -jar "$new" bench synth --instances "$n" --accounts "$accounts" --regions "$regions" --output "$snapshot"
fi
for side in old new; do
  jar="$old"; [ "$side" = new ] && jar="$new"
  java -Xmx8g -jar "$jar" scan --snapshot "$snapshot" --format json --output "$work/same-$side.json" --fail-on none \
    --quiet
done
python3 - "$work/same-old.json" "$work/same-new.json" <<'PY'
import json, sys
reports = []
for path in sys.argv[1:]:
    with open(path) as f:
        report = json.load(f)
    report["scan"].pop("startedAt", None)
    report["scan"].pop("finishedAt", None)
    reports.append(report)
old, new = reports
if old == new:
    print(f"same findings: {len(new['findings'])} findings, summary {new['summary']}")
    sys.exit(0)
for key in sorted(set(old) | set(new)):
    if old.get(key) != new.get(key):
        print(f"reports differ in '{key}'")
if old["findings"] != new["findings"]:
    for i, (a, b) in enumerate(zip(old["findings"], new["findings"])):
        if a != b:
            print(f"first differing finding #{i}:\n  old: {json.dumps(a)[:400]}\n  new: {json.dumps(b)[:400]}")
            break
    print(f"findings: old {len(old['findings'])}, new {len(new['findings'])}")
sys.exit(1)
PY

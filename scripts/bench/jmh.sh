#!/usr/bin/env bash
# Microbenchmarks (JMH) of the analyzers and the rule engine, from the test classes; not part of the test
# suite. Arguments go to JMH, e.g. a benchmark name pattern and options:
#   scripts/bench/jmh.sh                                  # everything (about 5 minutes)
#   scripts/bench/jmh.sh AnalyzerBenchmark -p accounts=1  # one benchmark, one parameter value
#   scripts/bench/jmh.sh RuleEngineBenchmark.evaluate -f 1 -wi 2 -i 3
set -euo pipefail
cd "$(dirname "$0")/../.."
# Only the benchmark classes are needed here; the test suite itself is .ci/run's job, not a benchmark's.
mvn -B -q -DskipTests test-compile >&2
cp_file=target/bench/jmh.classpath
mkdir -p target/bench
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
exec java -cp "target/test-classes:target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main "$@"

#!/usr/bin/env bash
# The performance benchmark: the gateway against direct storage, the audit, start-up and memory.
# It compiles nothing: build first with `mvn -q -DskipTests package` (the jar and the test classes).
# Usage: bench/run.sh [options]   (bench/run.sh --help lists them; the Markdown report goes to standard output
# and to target/bench-report.md, progress to standard error)
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ ! -f target/sehr-cloud.jar || ! -f target/classes/application.properties || ! -f target/test-classes/eu/sehr/cloud/bench/Benchmark.class ]]; then
  echo "bench: target/sehr-cloud.jar or the test classes are missing: run mvn -q -DskipTests package first" >&2
  exit 2
fi

# The dependencies of the test classes (JUnit for the in-process starter, HdrHistogram, ...)
mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test

exec java ${BENCH_JAVA_OPTS:-} -Dbench.command="bench/run.sh $*" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  eu.sehr.cloud.bench.Benchmark "$@"

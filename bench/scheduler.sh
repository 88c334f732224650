#!/usr/bin/env bash
# Scheduler lag benchmark: 10,000 tcp-probe-like tasks at a 10 s period against a loopback
# listener, measured over 3 periods after one warm-up period.
# Usage: bench/scheduler.sh [tasks] [periodSeconds] [measuredPeriods]   (MVN_FLAGS=-o for offline)
set -euo pipefail
cd "$(dirname "$0")/.."
# Compile through the reactor (no install) and write each module's test classpath, in which the
# sibling modules appear as their target/classes directories.
mvn -q ${MVN_FLAGS:-} -pl host -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="host/target/test-classes:host/target/classes:$(cat host/target/bench-classpath.txt)"
ulimit -n 65536 2>/dev/null || true
echo "nproc: $(nproc)"; free -g | head -2; java -version 2>&1 | head -1
exec java -Xms512m -Xmx2g -cp "$cp" io.bkmonitorbeat.host.schedule.bench.SchedulerLagBenchmark "$@"

#!/usr/bin/env bash
# processbeat CPU per run: N spawned `sleep` processes on the host, 50 definitions (all named
# "sleep", each selecting one process by paramregex and expecting one TCP port), perf and port
# events built each run; netlink and /proc/net socket detectors.
# Usage: bench/processbeat/processbeat.sh [spawned] [definitions] [runs]   (MVN_FLAGS=-o offline)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q ${MVN_FLAGS:-} -pl plugins/processbeat -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
m=plugins/processbeat
cp="$m/target/test-classes:$m/target/classes:plugins/proc-common/target/classes:$(cat $m/target/bench-classpath.txt)"
echo "nproc: $(nproc)"; uptime; java -version 2>&1 | head -1
exec java -Xmx256m -cp "$cp" io.bkmonitorbeat.plugin.processbeat.ProcessbeatRunBenchmark "$@"

#!/usr/bin/env bash
# procconf CPU per run: N CMDB processes (2 bindings each) rendered and compared every run;
# half the measured runs also write (temp + fsync + rename).
# Usage: bench/procconf/procconf.sh [processes] [runs]   (MVN_FLAGS=-o for offline)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q ${MVN_FLAGS:-} -pl plugins/procconf -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
m=plugins/procconf
cp="$m/target/test-classes:$m/target/classes:plugins/config-writer/target/classes:$(cat $m/target/bench-classpath.txt)"
echo "nproc: $(nproc)"; uptime; java -version 2>&1 | head -1
exec java -Xmx256m -cp "$cp" io.bkmonitorbeat.plugin.procconf.ProcconfRunBenchmark "$@"

#!/usr/bin/env bash
# Publisher throughput benchmark: ~500-byte events through GseOutput over a real unix socket.
# Usage: bench/publisher.sh [events] [producers]   (defaults 2000000 1)
# Builds with the reactor (no mvn install), then runs the benchmark main on the test classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN_OFFLINE=${MVN_OFFLINE--o}  # MVN_OFFLINE= (empty) for the first, online run
# One reactor run: testkit and plugin-api resolve to their target/classes, nothing is installed.
mvn -q $MVN_OFFLINE -pl host -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="host/target/test-classes:host/target/classes:$(cat host/target/bench.classpath)"
exec java ${BENCH_JAVA_OPTS:-} -Xms512m -Xmx512m -cp "$CP" \
  -Dlogback.configurationFile=/dev/null \
  io.bkmonitorbeat.host.publish.bench.PublisherBenchmark "${1:-2000000}" "${2:-1}"

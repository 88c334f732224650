#!/usr/bin/env bash
# Agreement of basereport with node_exporter over the same window (default 10 s) with CPU, disk
# and loopback load: cpu usage, memory used, per-interface and per-disk byte rates.
# Usage: bench/basereport/agreement.sh [seconds]   (MVN_FLAGS=-o for offline)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
port=${NODE_EXPORTER_PORT:-9100}
mvn -q ${MVN_FLAGS:-} -pl plugins/basereport -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
m=plugins/basereport
cp="$m/target/test-classes:$m/target/classes:plugins/host-common/target/classes:$(cat $m/target/bench-classpath.txt)"
echo "nproc: $(nproc)"; uptime
# lo is excluded by default (^lo$); exclude nothing so the loopback traffic is compared.
prometheus-node-exporter --web.listen-address=127.0.0.1:$port --collector.netdev.device-exclude="^$" \
  >/tmp/node_exporter.agreement.log 2>&1 &
ne=$!
trap 'kill $ne 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:$port/metrics && break; sleep 0.2; done
java -Xmx256m -cp "$cp" io.bkmonitorbeat.plugin.basereport.BasereportAgreement \
  "http://127.0.0.1:$port/metrics" "$seconds" 2>&1 | grep -v '^SLF4J'

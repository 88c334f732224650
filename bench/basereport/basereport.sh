#!/usr/bin/env bash
# CPU per basereport collection (all sections) vs one scrape of Debian's prometheus-node-exporter,
# measured in the same run on the same machine.
# Usage: bench/basereport/basereport.sh [runs] [scrapes]   (MVN_FLAGS=-o for offline)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-500}
scrapes=${2:-200}
port=${NODE_EXPORTER_PORT:-9100}
mvn -q ${MVN_FLAGS:-} -pl plugins/basereport -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
m=plugins/basereport
cp="$m/target/test-classes:$m/target/classes:plugins/host-common/target/classes:$(cat $m/target/bench-classpath.txt)"
echo "nproc: $(nproc)"; uptime; java -version 2>&1 | head -1
echo "tcp sockets in /proc/net/tcp{,6}: $(( $(wc -l < /proc/net/tcp) + $(wc -l < /proc/net/tcp6) - 2 ))"

# node_exporter: CPU = utime+stime of its process over N scrapes (after a warm-up), run twice:
# with its default collectors, and with tcpstat + processes added (the TCP-state counts and the
# process scan basereport does and node_exporter's defaults do not).
hz=$(getconf CLK_TCK)
measure() { # $1 = label, rest = extra flags; prints "<ms per scrape>"
  local label=$1; shift
  prometheus-node-exporter --web.listen-address=127.0.0.1:$port "$@" >/tmp/node_exporter.bench.log 2>&1 &
  local ne=$!
  for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:$port/metrics && break; sleep 0.2; done
  for _ in $(seq 20); do curl -sf -o /dev/null http://127.0.0.1:$port/metrics; done  # warm-up
  local t0 t1 bytes
  t0=$(awk '{print $14 + $15}' /proc/$ne/stat)
  for _ in $(seq "$scrapes"); do curl -sf -o /dev/null http://127.0.0.1:$port/metrics; done
  t1=$(awk '{print $14 + $15}' /proc/$ne/stat)
  bytes=$(curl -sf http://127.0.0.1:$port/metrics | wc -c)
  kill $ne; wait $ne 2>/dev/null || true
  local ms
  ms=$(awk -v d=$((t1 - t0)) -v n="$scrapes" -v hz="$hz" 'BEGIN { printf "%.3f", d * 1000 / hz / n }')
  echo "node_exporter $(prometheus-node-exporter --version 2>&1 | head -1 | awk '{print $3}') ($label), $scrapes scrapes: $ms ms CPU/scrape ($bytes bytes/scrape)" >&2
  echo "$ms"
}
ne_ms=$(measure "default collectors")
ne_full_ms=$(measure "defaults + tcpstat + processes" --collector.tcpstat --collector.processes)

out=$(java -Xmx256m -XX:+UseSerialGC -cp "$cp" io.bkmonitorbeat.plugin.basereport.BasereportBenchmark "$runs")
echo "$out"
br_ms=$(echo "$out" | sed -n 's/.*: \([0-9.]*\) ms CPU\/collection.*/\1/p')
jvm_ms=$(echo "$out" | sed -n 's/.*GC and JIT \([0-9.]*\) ms.*/\1/p')
awk -v a="$br_ms" -v j="$jvm_ms" -v b="$ne_ms" -v c="$ne_full_ms" 'BEGIN {
  printf "ratio basereport/node_exporter (collecting thread): %.2f vs default collectors, %.2f vs defaults+tcpstat+processes (goal <= 0.5)\n", a / b, a / c
  printf "ratio basereport/node_exporter (whole JVM):         %.2f vs default collectors, %.2f vs defaults+tcpstat+processes\n", j / b, j / c }'

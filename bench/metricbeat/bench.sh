#!/usr/bin/env bash
# metricbeat benchmarks:
#  1. parse rate (one thread, thread CPU time) for node_exporter's real /metrics and for a
#     generated 100,000-sample payload;
#  2. scrape-and-parse through the real collector (HTTP + parse + events), process CPU per
#     scrape, against a real prometheus-node-exporter on loopback and against the 100,000-sample
#     payload served by python3 -m http.server (both separate processes: their CPU is not counted).
# Usage: bench/metricbeat/bench.sh [parse_rounds] [scrape_rounds]   (MVN_FLAGS=-o for offline)
# Needs: prometheus-node-exporter, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
PARSE_ROUNDS=${1:-2000}
SCRAPE_ROUNDS=${2:-200}
mvn -q ${MVN_FLAGS:-} -pl plugins/metricbeat -am test-compile -Dsurefire.failIfNoSpecifiedTests=false
# The class path by hand (maven-dependency-plugin is not in the offline repository): our modules'
# classes plus slf4j and Jackson from the local repository at the versions the root pom manages.
repo=${MAVEN_REPO:-$HOME/.m2/repository}
prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
jv=$(prop jackson.version); sv=$(prop slf4j.version)
m=plugins/metricbeat
cp="$m/target/test-classes:$m/target/classes:plugins/prom-common/target/classes:plugin-api/target/classes:testkit/target/classes"
cp="$cp:$repo/org/slf4j/slf4j-api/$sv/slf4j-api-$sv.jar"
for a in jackson-databind jackson-core jackson-annotations; do cp="$cp:$repo/com/fasterxml/jackson/core/$a/$jv/$a-$jv.jar"; done
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
NE_PORT=19190; PY_PORT=19191
prometheus-node-exporter --web.listen-address=127.0.0.1:$NE_PORT >"$work/ne.log" 2>&1 & pids+=($!)
run() { java -Xmx512m -XX:+UseSerialGC -cp "$cp" io.bkmonitorbeat.plugin.metricbeat.ScrapeBenchmark "$@"; }
run generate "$work/payload100k.prom" 100000
(cd "$work" && exec python3 -m http.server $PY_PORT --bind 127.0.0.1 >"$work/py.log" 2>&1) & pids+=($!)
for i in $(seq 50); do curl -sf -o "$work/node_exporter.prom" http://127.0.0.1:$NE_PORT/metrics && break; sleep 0.2; done
for i in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:$PY_PORT/payload100k.prom && break; sleep 0.2; done
echo "nproc: $(nproc)"; uptime; java -version 2>&1 | head -1
run parse "$work/node_exporter.prom" "$((PARSE_ROUNDS * 20))"
run parse "$work/payload100k.prom" "$((PARSE_ROUNDS / 20))"
run pipeline "$work/node_exporter.prom" "$((SCRAPE_ROUNDS * 5))"
run pipeline "$work/payload100k.prom" "$((SCRAPE_ROUNDS / 10))"
run scrape "http://127.0.0.1:$NE_PORT/metrics" "$SCRAPE_ROUNDS"
run scrape "http://127.0.0.1:$PY_PORT/payload100k.prom" "$((SCRAPE_ROUNDS / 10))"
uptime

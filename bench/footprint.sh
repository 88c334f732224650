#!/usr/bin/env bash
# Footprint benchmark (issue 2): RSS after 60 s with the tcp plugin and 100 tasks, and the time
# from exec to the first event on the GSE socket. Loopback only.
#   bench/footprint.sh                      (after: mvn -q -B package -DskipTests)
#   BKM_TRANSPORT=jdk bench/footprint.sh    the GSE output's transport: jnr (default) or jdk
#   ONLY_PLUGINS=tcp bench/footprint.sh     only the tcp plugin installed
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
work=$(mktemp -d /tmp/bkm-footprint.XXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
tar -xzf "$root/dist/target/bkmonitorbeat-$version.tar.gz" -C "$work"
home="$work/bkmonitorbeat-$version"
# ONLY_PLUGINS="tcp" keeps just those plugin jars (an installation with only the collectors it
# runs); by default every plugin of the tarball stays installed.
if [ -n "${ONLY_PLUGINS:-}" ]; then
  for jar in "$home"/plugins/*.jar; do
    keep=
    for id in $ONLY_PLUGINS; do case $(basename "$jar") in bkmonitorbeat-plugin-$id-*) keep=1;; esac; done
    [ -n "$keep" ] || rm "$jar"
  done
  echo "plugins: $(cd "$home/plugins" && echo *.jar)"
fi

# A loopback TCP listener for the 100 probes (accepts and closes).
python3 - "$work/port" <<'PY' &
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(512)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
while True:
    c, _ = s.accept(); c.close()
PY
python3 "$root/bench/fake_gse.py" "$work/gse.sock" "$work/first" &
gse_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && [ -S "$work/gse.sock" ] && break; sleep 0.1; done
port=$(cat "$work/port")

{
  echo "output.bkpipe: {endpoint: $work/gse.sock, transport: ${BKM_TRANSPORT:-jnr}}"
  echo "path.data: $work/data"
  echo "path.pid: $work"
  echo "logging.level: warning"
  echo "logging.path: $work"
  echo "bkmonitorbeat:"
  echo "  mode: daemon"
  echo "  node_id: '0:127.0.0.1'"
  echo "  ip: 127.0.0.1"
  echo "  bk_cloud_id: 0"
  echo "  bk_biz_id: 2"
  echo "  ignore_cmdb_level: true"
  echo "  heart_beat: {global_dataid: 1100001, period: 60s, publish_immediately: true}"
  echo "  tcp_task:"
  echo "    dataid: 1009"
  echo "    max_timeout: 30s"
  echo "    min_period: 1s"
  echo "    tasks:"
  for i in $(seq 1 100); do
    echo "      - {task_id: $i, period: 10s, timeout: 3s, target_host: 127.0.0.1, target_port: $port}"
  done
} > "$work/bench.yml"

start=$(date +%s%N)
"$home/bin/bkmonitorbeat" -c "$work/bench.yml" &
agent=$!
sleep 60
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$agent/status)
hwm_kb=$(awk '/VmHWM/ {print $2}' /proc/$agent/status)
kill -TERM $agent; wait $agent || true
kill -TERM $gse_pid; wait $gse_pid 2>/dev/null || true

first_any=$(awk '$1 != "frames" {print $2}' "$work/first" | sort -n | head -1)
first_tcp=$(awk '$1 == 1009 {print $2}' "$work/first")
echo "transport: ${BKM_TRANSPORT:-jnr}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "rss_after_60s_mb=$(awk "BEGIN {printf \"%.1f\", $rss_kb / 1024}") peak_rss_mb=$(awk "BEGIN {printf \"%.1f\", $hwm_kb / 1024}")"
echo "exec_to_first_event_ms=$(( (first_any - start) / 1000000 ))"
[ -n "$first_tcp" ] && echo "exec_to_first_tcp_event_ms=$(( (first_tcp - start) / 1000000 ))"
grep frames "$work/first"

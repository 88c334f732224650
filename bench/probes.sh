#!/usr/bin/env bash
# Probe throughput and CPU per probe (issue 3): our agent vs Debian's prometheus-blackbox-exporter,
# same machine, same run, the same loopback target (nginx on 127.0.0.1 for http and tcp,
# 127.0.0.1 for icmp). Loopback only.
#
#   bench/probes.sh [kind ...]      kinds: http tcp icmp (default: all three)
#   TASKS=3000 WINDOW=20 bench/probes.sh http
#
# blackbox_exporter is driven as peers.md section 6 does: `hey -z 10s -c 16` against /probe; its
# probes/s is hey's request rate, its CPU the exporter's utime+stime over the run (hey's own CPU
# is not counted). Our agent runs TASKS tasks of the kind at a 1 s period (so it is asked for
# TASKS probes/s), console output to a file; after a warm-up, probes/s is the number of events
# written during WINDOW seconds, CPU the agent's utime+stime over the same window (the JSON
# encoding and writing of every event included). Run it after `mvn -q -B package -DskipTests`.
# Needs: prometheus-blackbox-exporter hey nginx-light (apt).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
kinds=("$@"); [ ${#kinds[@]} -eq 0 ] && kinds=(http tcp icmp)
tasks=${TASKS:-3000}
window=${WINDOW:-20}
warmup=${WARMUP:-15}
BB_PORT=${BB_PORT:-29115}   # blackbox_exporter listen port on 127.0.0.1
work=$(mktemp -d /tmp/bkm-probes.XXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
tar -xzf "$root/dist/target/bkmonitorbeat-$version.tar.gz" -C "$work"
home="$work/bkmonitorbeat-$version"
clk=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

cat > "$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:18080 backlog=8192; location / { return 200 "ok\n"; } } }
EOF
nginx -c "$work/nginx.conf"

cat > "$work/blackbox.yml" <<EOF
modules:
  http_2xx: {prober: http, timeout: 5s, http: {preferred_ip_protocol: ip4}}
  tcp_connect: {prober: tcp, timeout: 5s, tcp: {preferred_ip_protocol: ip4}}
  icmp: {prober: icmp, timeout: 5s, icmp: {preferred_ip_protocol: ip4}}
EOF
prometheus-blackbox-exporter --config.file="$work/blackbox.yml" \
  --web.listen-address=127.0.0.1:${BB_PORT} >"$work/blackbox.log" 2>&1 &
bb=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/${BB_PORT}) 2>/dev/null && break; sleep 0.1; done
kill -0 $bb 2>/dev/null || { echo "blackbox_exporter did not start:" >&2; cat "$work/blackbox.log" >&2; exit 1; }

blackbox() { # kind -> "probes_per_s cpu_ms_per_probe"
  local module target
  case $1 in
    http) module=http_2xx; target=http://127.0.0.1:18080/ ;;
    tcp) module=tcp_connect; target=127.0.0.1:18080 ;;
    icmp) module=icmp; target=127.0.0.1 ;;
  esac
  local before after rate
  before=$(cpu_ticks $bb)
  rate=$(hey -z 10s -c 16 "http://127.0.0.1:${BB_PORT}/probe?module=$module&target=$target" \
    | awk '/Requests\/sec/ {print $2}')
  after=$(cpu_ticks $bb)
  awk -v r="$rate" -v t=$((after - before)) -v clk="$clk" \
    'BEGIN {printf "%.0f %.3f\n", r, (t * 1000 / clk) / (r * 10)}'
}

agent_config() { # kind
  echo "output.console: {}"
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
  echo "  heart_beat: {global_dataid: 1100001, period: 60s}"
  echo "  $1_task:"
  echo "    dataid: 1000"
  echo "    max_timeout: 5s"
  echo "    min_period: 1s"
  echo "    tasks:"
  local i
  for i in $(seq 1 "$tasks"); do
    case $1 in
      http) echo "      - {task_id: $i, period: 1s, timeout: 5s, steps: [{url: 'http://127.0.0.1:18080/', method: GET, response_code: 200}]}" ;;
      tcp) echo "      - {task_id: $i, period: 1s, timeout: 5s, target_host: 127.0.0.1, target_port: 18080}" ;;
      ping) echo "      - {task_id: $i, period: 1s, timeout: 5s, max_rtt: 5s, total_num: 1, targets: [{target: 127.0.0.1, target_type: ip}]}" ;;
    esac
  done
}

ours() { # kind -> "probes_per_s cpu_ms_per_probe"
  local type=$1; [ "$1" = icmp ] && type=ping
  agent_config "$type" > "$work/$1.yml"
  "$home/bin/bkmonitorbeat" -c "$work/$1.yml" > "$work/$1.out" 2>"$work/$1.err" &
  local agent=$!
  sleep "$warmup"
  local lines0 ticks0 lines1 ticks1
  lines0=$(wc -l < "$work/$1.out"); ticks0=$(cpu_ticks $agent)
  sleep "$window"
  lines1=$(wc -l < "$work/$1.out"); ticks1=$(cpu_ticks $agent)
  kill -TERM $agent; wait $agent || true
  local failed
  failed=$(tail -n 2000 "$work/$1.out" | grep -c '"status":[1-9]' || true)
  [ "$failed" -gt 0 ] && echo "warning: $failed of the last 2000 $1 events failed" >&2
  awk -v n=$((lines1 - lines0)) -v t=$((ticks1 - ticks0)) -v w="$window" -v clk="$clk" \
    'BEGIN {printf "%.0f %.3f\n", n / w, (t * 1000 / clk) / n}'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); tasks=$tasks window=${window}s"
printf "%-5s %18s %18s %14s %16s %8s %8s\n" kind "blackbox probes/s" "blackbox ms/probe" "ours probes/s" "ours ms/probe" "rate x" "cpu x"
for kind in "${kinds[@]}"; do
  read -r bb_rate bb_cpu < <(blackbox "$kind")
  read -r our_rate our_cpu < <(ours "$kind")
  printf "%-5s %18s %18s %14s %16s %8s %8s\n" "$kind" "$bb_rate" "$bb_cpu" "$our_rate" "$our_cpu" \
    "$(awk -v a="$our_rate" -v b="$bb_rate" 'BEGIN {printf "%.2f", a / b}')" \
    "$(awk -v a="$our_cpu" -v b="$bb_cpu" 'BEGIN {printf "%.2f", a / b}')"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# ICMP fan-out (issue 3): one ping task with TARGETS loopback addresses (127.0.x.y) and
# total_num 3, run once in -check mode; false loss (every 127/8 address answers locally, so any
# loss is ours) and the time of the round, next to fping over the same addresses in the same run.
#
#   bench/ping_fanout.sh                       TARGETS=2000, send_interval 500us (the default)
#   SEND_INTERVAL=0s ROUNDS=5 bench/ping_fanout.sh
#
# Needs root (raw ICMP) and fping (apt). Run after `mvn -q -B package -DskipTests`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
targets=${TARGETS:-2000}
rounds=${ROUNDS:-3}
send_interval=${SEND_INTERVAL:-500us}
work=$(mktemp -d /tmp/bkm-fanout.XXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
tar -xzf "$root/dist/target/bkmonitorbeat-$version.tar.gz" -C "$work"
home="$work/bkmonitorbeat-$version"

addresses() { local i; for i in $(seq 0 $((targets - 1))); do echo "127.0.$((i / 250 + 1)).$((i % 250 + 1))"; done; }
addresses > "$work/targets.txt"
{
  echo "output.console: {}"
  echo "path.data: $work/data"
  echo "logging.level: warning"
  echo "logging.path: $work"
  echo "bkmonitorbeat:"
  echo "  node_id: '0:127.0.0.1'"
  echo "  ip: 127.0.0.1"
  echo "  ignore_cmdb_level: true"
  echo "  ping_task:"
  echo "    dataid: 1100003"
  echo "    max_timeout: 100s"
  echo "    min_period: 1s"
  echo "    send_interval: $send_interval"
  echo "    tasks:"
  echo "      - task_id: 1"
  echo "        period: 1m"
  echo "        timeout: 60s"
  echo "        max_rtt: 1s"
  echo "        total_num: 3"
  echo "        targets:"
  sed 's/.*/          - {target: &, target_type: ip}/' "$work/targets.txt"
} > "$work/fanout.yml"
# The same agent with one target: its exec-to-exit time (JVM start, plugin loading, one echo) is
# subtracted from the fan-out's to give the time of the round itself.
awk '/targets:/ {print; getline; print; skip = 1; next} skip && /target_type/ {next} {print}' \
  "$work/fanout.yml" > "$work/one.yml"

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), fping $(fping -v 2>&1 | head -1)"
echo "targets=$targets total_num=3 send_interval=$send_interval; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  b0=$(date +%s%N)
  "$home/bin/bkmonitorbeat" -c "$work/one.yml" -check > /dev/null 2>&1 || true
  t0=$(date +%s%N)
  "$home/bin/bkmonitorbeat" -c "$work/fanout.yml" -check > "$work/ours.out" 2>"$work/ours.err" || true
  t1=$(date +%s%N)
  events=$(grep -c '"type":"ping"' "$work/ours.out" || true)
  lossy=$(grep '"type":"ping"' "$work/ours.out" | grep -vc '"loss_percent":0.0' || true)
  t2=$(date +%s%N)
  fping -q -C 3 -i 0 -p 20 -t 1000 < "$work/targets.txt" 2> "$work/fping.out" || true
  t3=$(date +%s%N)
  fping_lossy=$(grep -c ' - ' "$work/fping.out" || true)
  printf "round %d: ours %d events, %d with loss, round %d ms (exec-to-exit %d ms minus %d ms for one target) | fping %d targets with loss, %d ms\n" \
    "$round" "$events" "$lossy" $(((t1 - t0 - (t0 - b0)) / 1000000)) $(((t1 - t0) / 1000000)) $(((t0 - b0) / 1000000)) "$fping_lossy" $(((t3 - t2) / 1000000))
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

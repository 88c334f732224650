#!/usr/bin/env bash
# Trap reception rate (issue 3): a real SNMPv2c trap, captured once from net-snmp's `snmptrap`,
# replayed at fixed rates to our agent's snmptrap task and to net-snmp's `snmptrapd`, one
# receiver at a time, in the same run. Per rate: traps sent, traps received, loss. Loopback only.
#
#   bench/traps.sh                       rates 2000 5000 10000 20000, 5 s each
#   RATES="5000 40000" SECONDS_PER_RATE=10 bench/traps.sh
#
# Received means: a line per trap in the agent's console output (aggregate: false, so one event
# per trap) and a line per trap in snmptrapd's log (-F with a one-line format). The receiver gets
# 3 s after the last datagram to finish. Needs snmp and snmptrapd (apt). Run after
# `mvn -q -B package -DskipTests`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
read -r -a rates <<< "${RATES:-2000 5000 10000 20000}"
seconds=${SECONDS_PER_RATE:-5}
work=$(mktemp -d /tmp/bkm-traps.XXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
tar -xzf "$root/dist/target/bkmonitorbeat-$version.tar.gz" -C "$work"
home="$work/bkmonitorbeat-$version"
port=11162

# 1. Capture one real v2c trap datagram.
python3 - "$work/trap.bin" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 11163)); s.settimeout(20)
open(sys.argv[1], "wb").write(s.recv(65535))
PY
catcher=$!
for _ in $(seq 200); do grep -q "127.0.0.1:11163" <(ss -lun) && break; sleep 0.1; done
snmptrap -m '' -v 2c -c public 127.0.0.1:11163 '' 1.3.6.1.4.1.8072.2.3.0.1 \
  1.3.6.1.4.1.8072.2.3.2.1 i 123456 1.3.6.1.2.1.1.5.0 s bench-host
wait $catcher
echo "captured trap: $(stat -c %s "$work/trap.bin") bytes"

# 2. The replayer: RATE datagrams/s for SECONDS, paced per millisecond.
cat > "$work/replay.py" <<'PY'
import socket, sys, time
payload = open(sys.argv[1], "rb").read()
rate, seconds, port = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
total = int(rate * seconds); sent = 0; start = time.perf_counter()
while sent < total:
    due = min(total, int((time.perf_counter() - start) * rate) + 1)
    while sent < due:
        s.sendto(payload, ("127.0.0.1", port)); sent += 1
    time.sleep(0.0005)
print(sent)
PY

rcvbuf_errors() { awk '/^Udp:/ {n++} /^Udp:/ && n == 2 {print $7}' /proc/net/snmp; }

ours() { # rate -> "sent received"
  cat > "$work/ours.yml" <<EOF
output.console: {}
path.data: $work/data
logging.level: warning
logging.path: $work
bkmonitorbeat:
  mode: daemon
  node_id: '0:127.0.0.1'
  ip: 127.0.0.1
  ignore_cmdb_level: true
  heart_beat: {global_dataid: 1100001, period: 60s}
  snmptrap_task:
    dataid: 0
    tasks:
      - {task_id: 1, dataid: 1100099, listen_ip: 127.0.0.1, listen_port: $port, snmp_version: v2c,
         community: public, aggregate: false, period: 1m}
EOF
  "$home/bin/bkmonitorbeat" -c "$work/ours.yml" > "$work/ours.out" 2>"$work/ours.err" &
  local agent=$!
  for _ in $(seq 100); do grep -q "127.0.0.1:$port" <(ss -lun) && break; sleep 0.1; done
  sleep 1
  local sent; sent=$(python3 "$work/replay.py" "$work/trap.bin" "$1" "$seconds" "$port")
  sleep 3
  kill -TERM $agent; wait $agent || true
  echo "$sent $(grep -c '"type":"snmptrap"' "$work/ours.out" || true)"
}

snmptrapd_run() { # rate -> "sent received"
  echo "disableAuthorization yes" > "$work/snmptrapd.conf"
  : > "$work/traps.log"
  MIBS= snmptrapd -f -C -c "$work/snmptrapd.conf" -Lf "$work/traps.log" -n -On \
    -F "TRAP %v\n" udp:127.0.0.1:$port &
  local trapd=$!
  for _ in $(seq 100); do grep -q "127.0.0.1:$port" <(ss -lun) && break; sleep 0.1; done
  sleep 1
  local sent; sent=$(python3 "$work/replay.py" "$work/trap.bin" "$1" "$seconds" "$port")
  sleep 3
  kill -TERM $trapd; wait $trapd || true
  echo "$sent $(grep -c '^TRAP' "$work/traps.log" || true)"
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), net-snmp $(snmptrapd --version 2>&1 | grep -m1 -o '[0-9]\.[0-9.]*')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); ${seconds}s per rate"
printf "%8s | %8s %8s %7s | %8s %8s %7s | %s\n" rate "ours tx" "ours rx" "loss" "trapd tx" "trapd rx" "loss" "RcvbufErrors +ours/+trapd"
for rate in "${rates[@]}"; do
  e0=$(rcvbuf_errors); read -r o_sent o_recv < <(ours "$rate")
  e1=$(rcvbuf_errors); read -r t_sent t_recv < <(snmptrapd_run "$rate")
  e2=$(rcvbuf_errors)
  printf "%8s | %8s %8s %6.2f%% | %8s %8s %6.2f%% | +%d/+%d\n" "$rate" "$o_sent" "$o_recv" \
    "$(awk -v s="$o_sent" -v r="$o_recv" 'BEGIN {print 100 * (s - r) / s}')" "$t_sent" "$t_recv" \
    "$(awk -v s="$t_sent" -v r="$t_recv" 'BEGIN {print 100 * (s - r) / s}')" $((e1 - e0)) $((e2 - e1))
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Script runs per second, ours (the real script collector: setsid process group, exec, wait,
# parse, events) and Zabbix agent 2's system.run on the same 2-line shell script, sequentially.
# Usage: bench/script/script_runs.sh [seconds]   (MVN_FLAGS=-o for offline)
# Zabbix part: needs zabbix_agent2 (Debian package zabbix-agent2); skipped if absent.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
BENCH=$(mktemp -d /tmp/bkm-script-bench.XXXXXX)
chmod 755 "$BENCH"
trap 'rm -rf "$BENCH"' EXIT
printf '#!/bin/sh\necho "bench_metric{source=\\"script\\"} 1"\n' > "$BENCH/metric.sh"
chmod 755 "$BENCH/metric.sh"

mvn -q ${MVN_FLAGS:-} -pl plugins/script -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
m=plugins/script
cp="$m/target/test-classes:$m/target/classes:plugins/prom-common/target/classes:$(cat $m/target/bench-classpath.txt)"
# The JVM options of bin/bkmonitorbeat (serial GC, small heap, C1 only), as deployed.
JOPTS=${JOPTS:--XX:+UseSerialGC -Xms8m -Xmx96m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k}
echo "nproc: $(nproc)"; uptime; java -version 2>&1 | head -1; echo "JVM options: $JOPTS"
run() { java $JOPTS -cp "$cp" io.bkmonitorbeat.plugin.script.ScriptRunBenchmark "$@" 2>&1 | grep -v '^SLF4J'; }
run "$BENCH/metric.sh" "$seconds" 1
run "$BENCH/metric.sh" "$seconds" 2
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
  run "$BENCH/metric.sh" "$seconds" 1 nobody
fi

if ! command -v zabbix_agent2 >/dev/null; then
  echo "zabbix_agent2 not installed (apt-get install zabbix-agent2): Zabbix baseline skipped"
  exit 0
fi
cat > "$BENCH/zabbix_agent2.conf" <<CONF
Server=127.0.0.1
ListenIP=127.0.0.1
ListenPort=10050
Hostname=bench
ControlSocket=$BENCH/zabbix_agent2.sock
PidFile=$BENCH/zabbix_agent2.pid
LogFile=$BENCH/zabbix_agent2.log
AllowKey=system.run[*]
Timeout=10
CONF
zabbix_agent2 -c "$BENCH/zabbix_agent2.conf" -f > "$BENCH/zabbix.out" 2>&1 &
zpid=$!
trap 'kill $zpid 2>/dev/null; wait $zpid 2>/dev/null; rm -rf "$BENCH"' EXIT
python3 - "$zpid" "$BENCH/metric.sh" "$seconds" <<'PY'
import os, socket, struct, sys, time
pid, script, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
def ticks(children=False):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(f[13]) + int(f[14]) if children else int(f[11]) + int(f[12])  # c/utime + c/stime
def get(key):
    s = socket.create_connection(("127.0.0.1", 10050), timeout=10)
    body = key.encode()
    s.sendall(b"ZBXD\x01" + struct.pack("<Q", len(body)) + body)
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    return data[13:].decode()
for _ in range(100):  # wait for the listener
    try:
        get("agent.ping"); break
    except OSError:
        time.sleep(0.1)
key = f"system.run[{script}]"
print("zabbix_agent2 answer:", get(key).strip())
end = time.time() + 3
while time.time() < end:
    get(key)
t0, c0, k0, n, bad = time.time(), ticks(), ticks(True), 0, 0
end = t0 + seconds
while time.time() < end:
    if "bench_metric" not in get(key):
        bad += 1
    n += 1
wall = time.time() - t0
cpu_ms = (ticks() - c0) * 1000 / os.sysconf("SC_CLK_TCK")
script_ms = (ticks(True) - k0) * 1000 / os.sysconf("SC_CLK_TCK")
print(f"zabbix_agent2 system.run[{script}], 1 client, {wall:.1f} s: {n} runs ({bad} not OK), "
      f"{n / wall:.1f} runs/s, agent CPU {cpu_ms / n:.2f} ms/run, script CPU {script_ms / n:.2f} ms/run")
PY

#!/usr/bin/env bash
# Keyword matching throughput: our keyword collector (offsets persisted) and collectd's tail
# plugin on the same ~200 MiB log, one regex (ERROR, 1% of the lines), in the same run.
# Usage: bench/keyword/keyword.sh [lines] [runs]   (MVN_FLAGS=-o for offline)
set -euo pipefail
cd "$(dirname "$0")/../.."
LINES=${1:-1920000}
RUNS=${2:-3}
B=$(mktemp -d /tmp/kwbench.XXXXXX)
trap 'kill $(cat "$B/collectd.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$B"' EXIT

python3 bench/keyword/gen_log.py "$B/app.log" "$LINES"
EXPECT=$(grep -c ERROR "$B/app.log")
echo "nproc: $(nproc)"; uptime; java -version 2>&1 | head -1
echo "log: $(du -m "$B/app.log" | cut -f1) MB, $LINES lines, $EXPECT with ERROR"

echo "== ours: keyword collector, offsets persisted =="
mvn -q ${MVN_FLAGS:-} -pl plugins/keyword -am test-compile
R=${M2_REPO:-$HOME/.m2/repository}
m=plugins/keyword
cp="$m/target/test-classes:$m/target/classes:plugins/tail-common/target/classes:testkit/target/classes"
cp="$cp:plugin-api/target/classes:$R/org/pf4j/pf4j/3.15.0/pf4j-3.15.0.jar:$R/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"
java -Xmx256m -cp "$cp" io.bkmonitorbeat.plugin.keyword.KeywordBenchmark "$B/app.log" ERROR "$RUNS"
echo "== ours, a regex without a required literal (every line goes through java.util.regex) =="
java -Xmx256m -cp "$cp" io.bkmonitorbeat.plugin.keyword.KeywordBenchmark "$B/app.log" 'E[R]ROR' "$RUNS"

echo "== collectd tail plugin (no offsets) =="
mkdir -p "$B/cd/csv"
: > "$B/cd/app.log"
cat > "$B/cd/collectd.conf" <<CONF
Interval 1
BaseDir "$B/cd"
PIDFile "$B/collectd.pid"
Hostname "bench"
LoadPlugin tail
LoadPlugin csv
<Plugin csv>
  DataDir "$B/cd/csv"
  StoreRates false
</Plugin>
<Plugin tail>
  <File "$B/cd/app.log">
    Instance "app"
    <Match>
      Regex "ERROR"
      DSType "CounterInc"
      Type "counter"
      Instance "errors"
    </Match>
  </File>
</Plugin>
CONF
collectd -f -C "$B/cd/collectd.conf" >"$B/cd/out.log" 2>&1 &
CD=$!
sleep 2
ticks() { awk '{print $14+$15}' /proc/$CD/stat; }
T0=$(ticks); W0=$(date +%s.%N)
cat "$B/app.log" >> "$B/cd/app.log"
for i in $(seq 1 600); do
  f=$(ls "$B"/cd/csv/bench/tail-app/counter-errors-* 2>/dev/null | tail -1 || true)
  if [ -n "$f" ] && [ "$(tail -1 "$f" | cut -d, -f2 | cut -d. -f1)" = "$EXPECT" ]; then break; fi
  sleep 0.1
done
T1=$(ticks); W1=$(date +%s.%N)
HZ=$(getconf CLK_TCK)
echo "collectd: counter $(tail -1 "$f" | cut -d, -f2), CPU $(( T1 - T0 )) ticks of 1/$HZ s, wall $(echo "$W1 - $W0" | bc) s (1 s interval bound)" \
  " -> $(echo "scale=0; $(stat -c %s "$B/app.log") * $HZ / 1048576 / ($T1 - $T0)" | bc) MiB/CPU-s"
kill $CD
uptime

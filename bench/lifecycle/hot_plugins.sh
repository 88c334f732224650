#!/usr/bin/env bash
# Plugin lifecycle benchmark (issue 7), against the real tarball run as a daemon:
#  1. time from a jar appearing in plugins/ (atomic rename) to its first event on stdout, and
#     from its removal to its last task stopped (the agent's log line); goal <= 1 s each;
#  2. metaspace (jstat MU) and RSS (VmRSS) after 1 and after CYCLES add/remove cycles; goal <= 5%.
# The bench plugin is a streaming collector that emits one event from a host thread at start()
# (a polled task's first run also waits for its schedule slot within its period, by design).
#   bench/lifecycle/hot_plugins.sh              (after: mvn -q -B package -DskipTests)
#   CYCLES=200 SETTLE=300ms bench/lifecycle/hot_plugins.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
cycles=${CYCLES:-200}
settle=${SETTLE:-300ms}
work=$(mktemp -d /tmp/bkm-lifecycle.XXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
tar -xzf "$root/dist/target/bkmonitorbeat-$version.tar.gz" -C "$work"
home="$work/bkmonitorbeat-$version"

# The bench plugin, compiled against the installation's lib/ (the plugin API and PF4J).
mkdir -p "$work/src/bench" "$work/classes/META-INF"
cat > "$work/src/bench/TickProvider.java" <<'JAVA'
package bench;
import io.bkmonitorbeat.api.*;
public class TickProvider implements CollectorProvider {
  public String type() { return "benchtick"; }
  public Collector create(CollectorContext context) {
    return new StreamingCollector() {
      private Thread worker;
      public void start() {
        worker = context.threadFactory("tick").newThread(() -> {
          context.sink().emit(Event.builder("benchtick", context.task().dataId()).put("status", 0).build());
          try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }
        });
        worker.start();
      }
      public void close() {
        worker.interrupt();
        try { worker.join(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
      }
    };
  }
}
JAVA
javac --release 17 -cp "$home/lib/*" -d "$work/classes" "$work/src/bench/TickProvider.java"
echo "bench.TickProvider" > "$work/classes/META-INF/extensions.idx"
printf 'Plugin-Id: benchtick\nPlugin-Version: 1.0.0\nPlugin-Requires: >=1.0.0 & <2.0.0\nPlugin-Provider: bench\n' > "$work/manifest"
jar --create --file "$work/benchtick.jar" --manifest "$work/manifest" -C "$work/classes" .

cat > "$work/bench.yml" <<YML
output.console: {}
path.data: $work/data
path.pid: $work
logging.level: info
plugins: {settle: $settle}
bkmonitorbeat:
  mode: daemon
  node_id: '0:127.0.0.1'
  ip: 127.0.0.1
  bk_cloud_id: 0
  bk_biz_id: 2
  heart_beat: {global_dataid: 1100001, period: 60s, publish_immediately: false}
  benchtick_task:
    dataid: 1500300
    tasks: [{task_id: 1}]
YML

# NMT=1: the launcher's JVM options plus native memory tracking, for the breakdown below;
# EXTRA_OPTS: more JVM options on top (e.g. -Xint, to see what the JIT's code cache adds).
if [ "${NMT:-0}" = 1 ] || [ -n "${EXTRA_OPTS:-}" ]; then
  export BKM_JAVA_OPTS="-XX:+UseSerialGC -Xms8m -Xmx96m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -XX:+ExitOnOutOfMemoryError ${EXTRA_OPTS:-}"
  [ "${NMT:-0}" = 1 ] && BKM_JAVA_OPTS="$BKM_JAVA_OPTS -XX:NativeMemoryTracking=summary"
fi
"$home/bin/bkmonitorbeat" -c "$work/bench.yml" > "$work/events" 2> "$work/log" &
agent=$!
for _ in $(seq 300); do grep -q "started (pid" "$work/log" && break; sleep 0.1; done
sleep 1 # the watcher's first look

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
log_ms() { # the time stamp of the n-th log line matching $1, in epoch ms
  local line; line=$(grep -F "$1" "$work/log" | sed -n "${2}p" | cut -d' ' -f1)
  [ -n "$line" ] && echo $(( $(date -d "$line" +%s%N) / 1000000 ))
}
wait_for() { # $1 command that succeeds when done
  for _ in $(seq 2000); do eval "$1" && return 0; sleep 0.005; done
  echo "timed out waiting for: $1" >&2; tail -20 "$work/log" >&2; exit 1
}
footprint() {
  jcmd $agent GC.run > /dev/null; sleep 0.5; jcmd $agent GC.run > /dev/null; sleep 0.5
  local mu; mu=$(jstat -gc $agent | awk 'NR==1 {for (i=1;i<=NF;i++) if ($i=="MU") c=i} NR==2 {print $c}')
  local rss; rss=$(awk '/VmRSS/ {print $2}' /proc/$agent/status)
  echo "$mu $rss"
}
checkpoint() { # one line per checkpoint: RSS, metaspace, heap, and with NMT=1 the committed areas
  local line; line="cycle $1: RSS $(awk '/VmRSS/ {print $2}' /proc/$agent/status) KB"
  line="$line, heap committed $(jstat -gc $agent | awk 'NR==2 {printf "%.0f", $1+$2+$5+$7}') KB"
  if [ "${NMT:-0}" = 1 ]; then
    line="$line, NMT committed KB: $(jcmd $agent VM.native_memory summary | awk '
      /^-/ && /committed=/ {name=$2; for (i=1;i<=NF;i++) if ($i ~ /^committed=/) {v=$i; gsub(/[^0-9]/,"",v); printf "%s=%s ", name, v}}')"
  fi
  echo "$line" >> "$work/checkpoints"
}

add_times=() ; remove_times=()
for i in $(seq 1 "$cycles"); do
  cp "$work/benchtick.jar" "$home/plugins/.benchtick.jar.part"
  t0=$(now_ms)
  mv "$home/plugins/.benchtick.jar.part" "$home/plugins/benchtick.jar"
  wait_for "[ \$(grep -c '\"dataid\":1500300' '$work/events') -ge $i ]"
  t1=$(now_ms)
  add_times+=($((t1 - t0)))
  t0=$(now_ms)
  rm "$home/plugins/benchtick.jar"
  wait_for "[ \$(grep -c \"Stopped 1 task(s) of plugin 'benchtick'\" '$work/log') -ge $i ]"
  t1=$(log_ms "Stopped 1 task(s) of plugin 'benchtick'" "$i")
  remove_times+=($((t1 - t0)))
  wait_for "[ \$(grep -c \"Plugin 'benchtick@1.0.0' unloaded\" '$work/log') -ge $i ]"
  if [ "$i" -eq 1 ]; then read -r mu1 rss1 <<< "$(footprint)"; fi
  case " 1 10 50 100 150 200 300 $cycles " in *" $i "*) checkpoint "$i";; esac
done
read -r mun rssn <<< "$(footprint)"
checkpoint "$cycles (after GC)"
kill -TERM $agent; wait $agent || true

stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "min %d ms, median %d ms, p90 %d ms, max %d ms (n=%d)", a[1], a[int((NR+1)/2)], a[int(NR*0.9+0.5)], a[NR], NR}'; }
echo "settle time: $settle"
echo "jar appears -> first event:        $(stats "${add_times[@]}")"
echo "jar removed -> last task stopped:  $(stats "${remove_times[@]}")"
awk -v a="$mu1" -v b="$mun" -v c="$rss1" -v d="$rssn" -v n="$cycles" 'BEGIN {
  printf "metaspace used after 1 cycle %.0f KB, after %d cycles %.0f KB (%+.1f%%)\n", a, n, b, (b-a)*100/a;
  printf "RSS after 1 cycle %d KB, after %d cycles %d KB (%+.1f%%)\n", c, n, d, (d-c)*100/c }'
cat "$work/checkpoints"
echo "leaks reported: $(grep -c 'class loader is still reachable' "$work/log" || true)"
echo "load: $(uptime)"

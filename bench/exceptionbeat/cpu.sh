#!/usr/bin/env bash
# exceptionbeat CPU: the agent's CPU over a measured window with
#   base    - no task but the heartbeat
#   fast    - exceptionbeat with all four detectors, both disk checks every second and thresholds
#             this machine trips (one disk-space alarm per real file system per second)
#   default - exceptionbeat as the template configures it (checks every 60 s): the idle cost of
#             the detectors (core watcher, /dev/kmsg reader)
# CPU = utime + stime of the agent from /proc/<pid>/stat (clock ticks) between the end of the
# warm-up and the end of the window; "detector threads" = the same for the agent's threads named
# collector-exceptionbeat-* (comm "collector-excep") and the JDK's inotify thread
# (FileSystemWatcher), which isolates the plugin from the JVM's and the host's own work. Events go
# to the console output, redirected to a file.
#   bench/exceptionbeat/cpu.sh [window seconds, default 60]   (after: mvn -q -B package -DskipTests)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
window=${1:-60}
warmup=15
work=$(mktemp -d /tmp/bkm-exb.XXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
tar -xzf "$root/dist/target/bkmonitorbeat-$version.tar.gz" -C "$work"
home="$work/bkmonitorbeat-$version"
mkdir -p "$work/cores"
hz=$(getconf CLK_TCK)

config() { # name, exceptionbeat section (may be empty)
  cat > "$work/$1.yml" <<YML
output.console: {}
path.data: $work/data-$1
path.pid: $work/pid-$1
logging.level: warning
logging.path: $work
bkmonitorbeat:
  mode: daemon
  node_id: '0:127.0.0.1'
  ip: 127.0.0.1
  bk_cloud_id: 0
  bk_biz_id: 2
  ignore_cmdb_level: true
  heart_beat: {global_dataid: 1100001, period: 60s}
$2
YML
  mkdir -p "$work/pid-$1"
}

config base ""
config fast "  exceptionbeat_task:
    task_id: 102
    dataid: 1000
    check_bit: 'C_DISK_SPACE|C_DISKRO|C_CORE|C_OOM'
    check_disk_ro_interval: 1
    check_disk_space_interval: 1
    used_max_disk_space_percent: 1
    free_min_disk_space: 1000000
    corefile_pattern: $work/cores/core_%e_%s_%t"
config default "  exceptionbeat_task:
    task_id: 102
    dataid: 1000
    check_bit: 'C_DISK_SPACE|C_DISKRO|C_CORE|C_OOM'
    check_disk_ro_interval: 60
    check_disk_space_interval: 60
    used_max_disk_space_percent: 95
    free_min_disk_space: 10
    corefile_pattern: $work/cores/core_%e_%s_%t"

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
thread_ticks() { # pid: ticks of the detector threads (threads that ended are not counted)
  local sum=0 t
  for t in /proc/$1/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      collector-excep*|FileSystemWatch*) sum=$((sum + $(awk '{print $14 + $15}' "$t/stat"))) ;;
    esac
  done
  echo $sum
}

echo "machine: $(nproc) cores, $(uname -r); real file systems: $(awk 'NR==FNR {if ($1=="nodev") n[$2]=1; next} $1!="none" && !($3 in n)' /proc/filesystems /proc/1/mounts | wc -l)"
echo "load before: $(uptime)"
for name in base fast default; do
  "$home/bin/bkmonitorbeat" -c "$work/$name.yml" > "$work/$name.out" 2> "$work/$name.err" &
  agent=$!
  sleep $warmup
  t0=$(ticks $agent); d0=$(thread_ticks $agent); e0=$(grep -c '"exceptionbeat"' "$work/$name.out" || true)
  sleep "$window"
  t1=$(ticks $agent); d1=$(thread_ticks $agent); e1=$(grep -c '"exceptionbeat"' "$work/$name.out" || true)
  kill -TERM $agent; wait $agent || true
  awk -v n="$name" -v d=$((t1 - t0)) -v dt=$((d1 - d0)) -v hz="$hz" -v w="$window" -v ev=$((e1 - e0)) \
    'BEGIN { printf "%-8s agent CPU %6.2f ms/s (%d ticks in %d s); detector threads %6.2f ms/s (%d ticks); %d exceptionbeat events\n", n, d * 1000 / hz / w, d, w, dt * 1000 / hz / w, dt, ev }'
done
echo "load after: $(uptime)"

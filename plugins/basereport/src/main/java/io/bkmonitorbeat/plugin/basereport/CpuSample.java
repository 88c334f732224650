package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.CpuTimes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU deltas of one sampling interval.
 *
 * @param perCpu per-CPU tick deltas, named {@code cpuN}, in /proc/stat order
 * @param total the aggregate tick delta
 * @param perUsage busy percentage per CPU, same order
 * @param totalUsage busy percentage of all CPUs
 */
record CpuSample(List<CpuTimes> perCpu, CpuTimes total, List<Double> perUsage, double totalUsage) {
  /** USER_HZ: 100 on every Linux architecture basereport runs on. */
  static final double TICKS_PER_SECOND = 100.0;

  /** The {@code per_stat}/{@code total_stat} object of one delta, in seconds. */
  static Map<String, Object> stat(CpuTimes t, String name) {
    Map<String, Object> m = new LinkedHashMap<>(16);
    m.put("cpu", name);
    m.put("user", t.user() / TICKS_PER_SECOND);
    m.put("system", t.system() / TICKS_PER_SECOND);
    m.put("idle", t.idle() / TICKS_PER_SECOND);
    m.put("nice", t.nice() / TICKS_PER_SECOND);
    m.put("iowait", t.iowait() / TICKS_PER_SECOND);
    m.put("irq", t.irq() / TICKS_PER_SECOND);
    m.put("softirq", t.softirq() / TICKS_PER_SECOND);
    m.put("steal", t.steal() / TICKS_PER_SECOND);
    m.put("guest", t.guest() / TICKS_PER_SECOND);
    m.put("guestNice", t.guestNice() / TICKS_PER_SECOND);
    return m;
  }

  List<Map<String, Object>> perStat() {
    List<Map<String, Object>> l = new ArrayList<>(perCpu.size());
    for (CpuTimes t : perCpu) {
      l.add(stat(t, t.name()));
    }
    return l;
  }

  Map<String, Object> totalStat() {
    return stat(total, "cpu-total");
  }
}

package io.bkmonitorbeat.plugin.processbeat;

import io.bkmonitorbeat.proc.PerfSample;
import io.bkmonitorbeat.proc.ProcessSampler;
import io.bkmonitorbeat.proc.RateTracker;
import io.bkmonitorbeat.proc.SystemInfo;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the records of the perf event's {@code perf} list (spec 5.3). Stateless. */
final class PerfRecord {
  private PerfRecord() {}

  /**
   * The record of a matched process. Blocks whose source was unreadable are left out; {@code
   * cpu} and {@code io} also on the first sample of a pid (no rate yet).
   *
   * @param pid the pid to report: the real one, or its slot with {@code converge_pid}
   * @param converged whether {@code converge_pid} is on ({@code ppid} 0, state sleeping)
   */
  static Map<String, Object> exists(ProcessConfig config, ProcessSampler.Sampled sampled, int pid,
      boolean converged, SystemInfo system, long nowMillis, ZoneId zone) {
    PerfSample perf = sampled.perf();
    RateTracker.Rates rates = sampled.rates();
    long created = system.createdMillis(sampled.process().startTicks());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("pid", pid);
    r.put("ppid", converged ? 0 : sampled.process().ppid());
    if (converged) {
      r.put("pgid", 0);
    }
    r.put("name", config.name());
    r.put("state", converged ? "sleeping" : sampled.process().stateName());
    r.put("username", sampled.username());
    r.put("cmdline", sampled.process().cmdline());
    r.put("cwd", sampled.cwd());
    r.put("exe", sampled.process().exe());
    if (created != 0) {
      r.put("uptime", Math.max(0, (nowMillis - created) / 1000));
    }
    if (perf.hasMemory()) {
      double pct = system.memTotalBytes() > 0 ? (double) perf.memRss() / system.memTotalBytes() : 0;
      Map<String, Object> memory = new LinkedHashMap<>();
      memory.put("size", perf.memSize());
      memory.put("rss", ordered("bytes", perf.memRss(), "pct", pct));
      memory.put("share", perf.memShare());
      r.put("memory", memory);
    }
    if (rates.hasCpu()) {
      Map<String, Object> total = new LinkedHashMap<>();
      total.put("value", perf.cpuTotalMillis());
      total.put("pct", rates.cpuPct());
      total.put("norm", Map.of("pct", rates.cpuPct() / system.cpuCount()));
      total.put("ticks", perf.cpuTotalMillis());
      Map<String, Object> cpu = new LinkedHashMap<>();
      cpu.put("total", total);
      cpu.put("start_time", EventTime.rfc3339(created, zone));
      cpu.put("user", Map.of("ticks", perf.cpuUserMillis()));
      cpu.put("system", Map.of("ticks", perf.cpuSystemMillis()));
      r.put("cpu", cpu);
    }
    if (perf.hasFd()) {
      r.put("fd", ordered("open", perf.fdOpen(),
          "limit", ordered("soft", Math.max(0, perf.fdSoft()), "hard", Math.max(0, perf.fdHard()))));
    }
    if (perf.hasIo() && rates.hasIo()) {
      Map<String, Object> io = new LinkedHashMap<>();
      io.put("read_speed", rates.readSpeed());
      io.put("write_speed", rates.writeSpeed());
      io.put("read_bytes", perf.ioReadBytes());
      io.put("write_bytes", perf.ioWriteBytes());
      r.put("io", io);
    }
    r.put("exists", true);
    r.put("paramregex", config.paramRegex());
    r.put("displayname", config.displayName());
    return r;
  }

  /** The record of a definition no process matched. */
  static Map<String, Object> notExists(ProcessConfig config) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("exists", false);
    r.put("name", config.name());
    r.put("paramregex", config.paramRegex());
    r.put("displayname", config.displayName());
    return r;
  }

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}

package io.bkmonitorbeat.plugin.proccustom;

import io.bkmonitorbeat.proc.PerfSample;
import io.bkmonitorbeat.proc.ProcessSampler;
import io.bkmonitorbeat.proc.RateTracker;
import io.bkmonitorbeat.proc.SocketEntry;
import io.bkmonitorbeat.proc.SystemInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the v2 records of proccustom perf and port events (spec 7.3). Stateless. */
final class Records {
  private Records() {}

  /**
   * The dimensions shared by a process's records, lowest precedence first: tags, extracted
   * dimensions, then pid, process name and user (label keys are added per record, last).
   */
  static Map<String, String> baseDimensions(Map<String, String> tags, Map<String, String> extracted,
      String pid, String processName, String username) {
    Map<String, String> dims = new LinkedHashMap<>(tags);
    dims.putAll(extracted);
    dims.put("pid", pid);
    dims.put("process_name", processName);
    dims.put("process_username", username);
    return dims;
  }

  /** One record per label map: the label keys override, the target comes from the label. */
  static List<Object> perLabel(List<Map<String, String>> labels, Map<String, String> dims,
      Map<String, Object> metrics, long timestampSeconds) {
    List<Object> records = new ArrayList<>();
    for (Map<String, String> label : labels) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("timestamp", timestampSeconds);
      record.put("target", label.get("bk_target_cloud_id") + ":" + label.get("bk_target_ip"));
      Map<String, String> dimension = new LinkedHashMap<>(dims);
      dimension.putAll(label);
      record.put("dimension", dimension);
      record.put("metrics", metrics);
      records.add(record);
    }
    return records;
  }

  /** The perf metrics; blocks whose source is unknown (or without a rate yet) are left out. */
  static Map<String, Object> perfMetrics(ProcessSampler.Sampled sampled, SystemInfo system) {
    PerfSample perf = sampled.perf();
    RateTracker.Rates rates = sampled.rates();
    Map<String, Object> m = new LinkedHashMap<>();
    if (perf.hasMemory()) {
      m.put("memory_size", perf.memSize());
      m.put("memory_rss_bytes", perf.memRss());
      m.put("memory_rss_pct",
          system.memTotalBytes() > 0 ? (double) perf.memRss() / system.memTotalBytes() : 0.0);
      m.put("memory_share", perf.memShare());
    }
    if (rates.hasCpu()) {
      m.put("cpu_start_time", system.createdMillis(sampled.process().startTicks()));
      m.put("cpu_user", perf.cpuUserMillis());
      m.put("cpu_system", perf.cpuSystemMillis());
      m.put("cpu_total_ticks", perf.cpuTotalMillis());
      m.put("cpu_total_pct", rates.cpuPct());
    }
    if (perf.hasFd()) {
      m.put("fd_open", perf.fdOpen());
      m.put("fd_limit_soft", Math.max(0, perf.fdSoft()));
      m.put("fd_limit_hard", Math.max(0, perf.fdHard()));
    }
    if (perf.hasIo() && rates.hasIo()) {
      m.put("io_read_bytes", perf.ioReadBytes());
      m.put("io_write_bytes", perf.ioWriteBytes());
      m.put("io_read_speed", rates.readSpeed());
      m.put("io_write_speed", rates.writeSpeed());
    }
    return m;
  }

  /**
   * The port records of one process: one per socket it holds (listening TCP and bound UDP), with
   * {@code alive} 1 since the kernel's table shows the socket listening right now; a process with
   * no socket gets one record with empty address and port and {@code alive} 0.
   */
  static List<Object> portRecords(List<Map<String, String>> labels, Map<String, String> dims,
      List<SocketEntry> sockets, long timestampSeconds) {
    List<Object> records = new ArrayList<>();
    if (sockets.isEmpty()) {
      records.addAll(perLabel(labels, portDims(dims, "", "", ""), Map.of("alive", 0),
          timestampSeconds));
      return records;
    }
    for (SocketEntry socket : sockets) {
      records.addAll(perLabel(labels, portDims(dims, socket.ip(), Integer.toString(socket.port()),
          socket.protocol().text()), Map.of("alive", 1), timestampSeconds));
    }
    return records;
  }

  private static Map<String, String> portDims(Map<String, String> dims, String address,
      String port, String protocol) {
    Map<String, String> result = new LinkedHashMap<>(dims);
    result.put("listen_address", address);
    result.put("listen_port", port);
    result.put("listen_protocol", protocol);
    return result;
  }
}

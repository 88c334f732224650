package io.bkmonitorbeat.plugin.processbeat;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.proc.DefaultIps;
import io.bkmonitorbeat.proc.PidMapper;
import io.bkmonitorbeat.proc.ProcessInfo;
import io.bkmonitorbeat.proc.ProcessSampler;
import io.bkmonitorbeat.proc.ProcessScanner;
import io.bkmonitorbeat.proc.SocketDetector;
import io.bkmonitorbeat.proc.SocketEntry;
import io.bkmonitorbeat.proc.SystemInfo;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processbeat task (spec 5): each run scans the process table, matches the definitions,
 * samples every matched process once, and emits one perf event ({@code perfdataid}) and one port
 * event ({@code portdataid}). Runs never overlap (host guarantee), so the state needs no locking;
 * the counters are atomics because the host reads them from its own thread.
 */
final class ProcessbeatCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(ProcessbeatCollector.class);
  static final String TYPE = "processbeat";

  private final CollectorContext context;
  private final ProcessbeatSettings settings;
  private final ProcessScanner scanner;
  private final ProcessSampler sampler;
  private final SocketDetector detector;
  private final SystemInfo system;
  private final ProcessMatcher matcher;
  private final PortCheck portCheck;
  private final PidMapper pidMapper = new PidMapper();
  private final ZoneId zone;
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong matched = new AtomicLong();
  private final AtomicLong socketFailures = new AtomicLong();
  private final AtomicLong trackedPids = new AtomicLong();

  ProcessbeatCollector(CollectorContext context, ProcessbeatSettings settings,
      ProcessScanner scanner, ProcessSampler sampler, SocketDetector detector, SystemInfo system,
      DefaultIps defaultIps, ZoneId zone) {
    this.context = context;
    this.settings = settings;
    this.scanner = scanner;
    this.sampler = sampler;
    this.detector = detector;
    this.system = system;
    this.zone = zone;
    this.matcher = new ProcessMatcher(settings.processes(), context.task().label());
    this.portCheck = new PortCheck(defaultIps, settings.maxNoListenPorts());
  }

  @Override
  public void collect(Instant deadline) {
    runs.incrementAndGet();
    // The scan may answer from its cache; what matched there is re-read and matched again, so
    // matching and sampling always see fresh data.
    Map<Integer, ProcessInfo> candidates = new TreeMap<>();
    matcher.match(scanner.scan()).values().forEach(
        list -> list.forEach(p -> candidates.put(p.pid(), p)));
    Map<ProcessConfig, List<ProcessInfo>> matches =
        matcher.match(scanner.refresh(candidates.values()));
    Set<ProcessInfo> all = new LinkedHashSet<>();
    matches.values().forEach(all::addAll);
    matched.addAndGet(all.size());
    Map<Integer, ProcessSampler.Sampled> samples = sampler.sample(all);
    trackedPids.set(sampler.trackedPids());
    Instant now = context.clock().instant();
    if (settings.perfDataId() != 0) {
      context.sink().emit(perfEvent(matches, samples, now));
    }
    if (settings.portDataId() != 0) {
      Event port = portEvent(matches, now);
      if (port != null) {
        context.sink().emit(port);
      }
    }
  }

  private Event perfEvent(Map<ProcessConfig, List<ProcessInfo>> matches,
      Map<Integer, ProcessSampler.Sampled> samples, Instant now) {
    if (settings.convergePid()) {
      List<PidMapper.Member> members = new ArrayList<>();
      matches.forEach((config, processes) -> processes.forEach(
          p -> members.add(new PidMapper.Member(group(config), p.pid()))));
      pidMapper.refresh(members);
    }
    List<Object> exists = new ArrayList<>();
    List<Object> notExists = new ArrayList<>();
    matches.forEach((config, processes) -> {
      if (processes.isEmpty()) {
        notExists.add(PerfRecord.notExists(config));
      }
      for (ProcessInfo process : processes) {
        int pid = settings.convergePid() ? pidMapper.slot(group(config), process.pid()) : process.pid();
        exists.add(PerfRecord.exists(config, samples.get(process.pid()), pid,
            settings.convergePid(), system, now.toEpochMilli(), zone));
      }
    });
    List<Object> perf = new ArrayList<>(exists);
    perf.addAll(notExists);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dataid", settings.perfDataId());
    fields.put("data", Map.of("perf", perf));
    EventTime.put(fields, now, zone);
    return Event.of(TYPE, fields);
  }

  private static String group(ProcessConfig config) {
    return config.name() + "##BK##" + config.paramRegex();
  }

  private Event portEvent(Map<ProcessConfig, List<ProcessInfo>> matches, Instant now) {
    Set<Integer> pids = new LinkedHashSet<>();
    matches.values().forEach(list -> list.forEach(p -> pids.add(p.pid())));
    Map<Integer, List<SocketEntry>> sockets;
    try {
      sockets = detector.socketsOf(pids);
    } catch (IOException e) {
      // Both detectors failed: the original sent no port event; so does this, and counts it.
      socketFailures.incrementAndGet();
      log.warn("{}: cannot read the socket table ({}); no port event this run",
          context.task().label(), e.toString());
      return null;
    }
    List<Object> records = new ArrayList<>();
    matches.forEach((config, processes) -> {
      List<SocketEntry> owned = new ArrayList<>();
      Set<Integer> seen = new LinkedHashSet<>();
      for (ProcessInfo process : processes) {
        if (seen.add(process.pid())) {
          owned.addAll(sockets.getOrDefault(process.pid(), List.of()));
        }
      }
      records.addAll(portCheck.check(config, !processes.isEmpty(), owned));
    });
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dataid", settings.portDataId());
    fields.put("data", Map.of("processes", records));
    EventTime.put(fields, now, zone);
    return Event.of(TYPE, fields);
  }

  @Override
  public Map<String, Long> counters() {
    return Map.of(
        "runs", runs.get(),
        "matched_processes", matched.get(),
        "socket_table_failures", socketFailures.get(),
        "netlink_failures", detector.netlinkFailures(),
        "tracked_pids", trackedPids.get(),
        "scan_cache_hits", scanner.cacheHits(),
        "malformed_stat_lines", scanner.malformed(),
        "malformed_socket_lines", detector.malformedLines());
  }

  @Override
  public void close() {}
}

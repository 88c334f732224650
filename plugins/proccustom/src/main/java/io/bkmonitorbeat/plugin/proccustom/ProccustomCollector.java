package io.bkmonitorbeat.plugin.proccustom;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.GatherUp;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.proc.PidMapper;
import io.bkmonitorbeat.proc.ProcessDetails;
import io.bkmonitorbeat.proc.ProcessInfo;
import io.bkmonitorbeat.proc.ProcessSampler;
import io.bkmonitorbeat.proc.SocketDetector;
import io.bkmonitorbeat.proc.SocketEntry;
import io.bkmonitorbeat.proc.SystemInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proccustom task (spec 7): each run selects processes, then emits per process one perf event
 * ({@code dataid} above 0) and one port event ({@code port_detect} and {@code port_dataid} above
 * 0). Runs never overlap (host guarantee); counters are atomics for the host's thread.
 */
final class ProccustomCollector implements PolledCollector {
  private static final Logger log = LoggerFactory.getLogger(ProccustomCollector.class);
  static final String TYPE = "proccustom";

  private final CollectorContext context;
  private final ProccustomSettings settings;
  private final ProcessSelector selector;
  private final ProcessSampler sampler;
  private final ProcessDetails details;
  private final SocketDetector detector;
  private final SystemInfo system;
  private final PidMapper pidMapper = new PidMapper();
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong emptyRounds = new AtomicLong();
  private final AtomicLong selected = new AtomicLong();
  private final AtomicLong socketFailures = new AtomicLong();
  private String lastProblem = "";

  ProccustomCollector(CollectorContext context, ProccustomSettings settings,
      ProcessSelector selector, ProcessSampler sampler, ProcessDetails details,
      SocketDetector detector, SystemInfo system) {
    this.context = context;
    this.settings = settings;
    this.selector = selector;
    this.sampler = sampler;
    this.details = details;
    this.detector = detector;
    this.system = system;
  }

  @Override
  public void collect(Instant deadline) {
    runs.incrementAndGet();
    List<ProcessInfo> processes;
    try {
      processes = selector.select();
    } catch (ProcessSelector.NothingSelected e) {
      // No events this round, as in the original; said once per distinct reason, and counted.
      emptyRounds.incrementAndGet();
      if (!e.getMessage().equals(lastProblem)) {
        log.info("{}: {}; nothing reported this round", context.task().label(), e.getMessage());
        lastProblem = e.getMessage();
      }
      return;
    }
    lastProblem = "";
    selected.addAndGet(processes.size());
    List<String> names = new ArrayList<>(processes.size());
    List<PidMapper.Member> members = new ArrayList<>(processes.size());
    for (ProcessInfo process : processes) {
      String name = Dimensions.processName(settings.processName(), process);
      names.add(name);
      members.add(new PidMapper.Member(name, process.pid()));
    }
    // Gap 19: refreshed once per run in port-only mode too (the original refreshed it per
    // process there, so every process got slot 0).
    pidMapper.refresh(members);
    long now = context.clock().instant().getEpochSecond();
    Map<Integer, ProcessSampler.Sampled> samples =
        settings.perfEnabled() ? sampler.sample(processes) : Map.of();
    Map<Integer, List<SocketEntry>> sockets = null;
    boolean complete = true;
    if (settings.portEnabled()) {
      try {
        sockets = detector.socketsOf(processes.stream().map(ProcessInfo::pid).toList());
      } catch (IOException e) {
        socketFailures.incrementAndGet();
        complete = false;
        log.warn("{}: cannot read the socket table ({}); no port events this run",
            context.task().label(), e.toString());
      }
    }
    for (int i = 0; i < processes.size(); i++) {
      ProcessInfo process = processes.get(i);
      String pid = settings.disableMapping()
          ? Integer.toString(process.pid())
          : Integer.toString(pidMapper.slot(names.get(i), process.pid()));
      ProcessSampler.Sampled sampled = samples.get(process.pid());
      String username = sampled != null ? sampled.username() : details.username(process.pid());
      Map<String, String> dims = Records.baseDimensions(settings.tags(),
          Dimensions.extracted(settings.extractPattern(), process.cmdline()), pid, names.get(i),
          username);
      if (sampled != null) {
        emit(settings.dataId(), Records.perLabel(settings.labels(), dims,
            Records.perfMetrics(sampled, system), now));
      }
      if (sockets != null) {
        emit(settings.portDataId(), Records.portRecords(settings.labels(), dims,
            sockets.getOrDefault(process.pid(), List.of()), now));
      }
    }
    // The original ends a complete run with an "up" event (none when the socket table failed).
    Event up = complete
        ? GatherUp.event(context.task(), TYPE, context.gatherUpDataId(), ErrorCode.OK, 1, Map.of(),
            context.clock().instant())
        : null;
    if (up != null) {
      context.sink().emit(up);
    }
  }

  private void emit(int dataId, List<Object> records) {
    context.sink().emit(Event.builder(TYPE, dataId).put("version", "v2").put("data", records)
        .build());
  }

  @Override
  public Map<String, Long> counters() {
    return Map.of(
        "runs", runs.get(),
        "empty_rounds", emptyRounds.get(),
        "selected_processes", selected.get(),
        "socket_table_failures", socketFailures.get(),
        "netlink_failures", detector.netlinkFailures(),
        "malformed_stat_lines", selector.malformedStatLines(),
        "malformed_socket_lines", detector.malformedLines());
  }

  @Override
  public void close() {}
}

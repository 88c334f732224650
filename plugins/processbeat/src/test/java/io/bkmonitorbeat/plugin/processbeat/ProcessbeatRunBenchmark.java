package io.bkmonitorbeat.plugin.processbeat;

import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU per processbeat run (bench/processbeat/processbeat.sh): spawns N {@code sleep} processes
 * ({@code sleep 600.<1000+i>}), configures 50 definitions that all have the name {@code sleep}
 * and each a {@code paramregex} selecting one of them plus one expected TCP port (the worst
 * case for matching: every definition is a candidate for every sleep process), and measures the
 * CPU time of the collecting thread per run, perf and port events included, with the netlink and
 * the /proc/net socket detectors.
 */
public final class ProcessbeatRunBenchmark {
  private ProcessbeatRunBenchmark() {}

  public static void main(String[] args) throws Exception {
    int spawn = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int configs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    List<Process> children = new ArrayList<>();
    try {
      for (int i = 0; i < spawn; i++) {
        children.add(new ProcessBuilder("sleep", "600." + (1000 + i)).start());
      }
      Thread.sleep(1000); // let every child exec sleep
      int total = new java.io.File("/proc").list((dir, name) -> name.matches("\\d+")).length;
      for (boolean disableNetlink : new boolean[] {false, true}) {
        measure(disableNetlink, configs, runs, spawn, total);
      }
    } finally {
      children.forEach(Process::destroyForcibly);
    }
  }

  private static void measure(boolean disableNetlink, int configs, int runs, int spawn, int total)
      throws Exception {
    List<Object> processes = new ArrayList<>();
    for (int i = 0; i < configs; i++) {
      processes.add(Map.of("name", "sleep", "displayname", "sleep-" + i,
          "paramregex", "^sleep 600\\." + (1000 + i * (spawn / configs)) + "$",
          "bind_info", List.of(Map.of("ip", "", "ports", List.of(20000 + i), "protocol", "tcp"))));
    }
    Map<String, Object> settings = new HashMap<>();
    settings.put("perfdataid", 1007);
    settings.put("portdataid", 1013);
    settings.put("disable_netlink", disableNetlink);
    settings.put("processes", processes);
    RecordingContext context = new RecordingContext(Tasks.processbeat(settings));
    PolledCollector collector = (PolledCollector) new ProcessbeatCollectorProvider().create(context);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < 30; i++) { // warm-up (JIT)
      collector.collect(Instant.MAX);
    }
    context.events.clear();
    long thread = cpu.getCurrentThreadCpuTime();
    long process = os.getProcessCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      collector.collect(Instant.MAX);
    }
    double threadMs = (cpu.getCurrentThreadCpuTime() - thread) / 1e6 / runs;
    double processMs = (os.getProcessCpuTime() - process) / 1e6 / runs;
    double wallMs = (System.nanoTime() - wall) / 1e6 / runs;
    System.out.printf("processbeat, %d pids on the host (%d spawned sleeps), %d definitions,"
        + " detector %s, %d runs: %.2f ms CPU/run (collecting thread), %.2f ms CPU/run (whole"
        + " JVM incl. GC/JIT), %.2f ms wall/run, %d events, counters %s%n",
        total, spawn, configs, disableNetlink ? "proc" : "netlink", runs, threadMs, processMs,
        wallMs, context.events.size(), collector.counters());
    collector.close();
  }
}

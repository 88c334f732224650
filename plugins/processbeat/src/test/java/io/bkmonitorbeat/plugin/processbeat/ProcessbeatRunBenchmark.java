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
 * CPU per processbeat run (bench/processbeat/processbeat.sh): spawns N {@code sleep} processes,
 * 50 of them started through symlinks named {@code proc-<i>} (so they have their own names), and
 * measures the CPU time of the collecting thread per run, perf and port events included, for two
 * sets of 50 definitions each expecting one TCP port:
 *
 * <ul>
 *   <li>{@code distinct}: definitions named {@code proc-0..49} (a host's CMDB list: each name its
 *       own program);
 *   <li>{@code same-name}: 50 definitions all named {@code sleep}, each selecting one process by
 *       {@code paramregex} (worst case for matching: every sleep is a candidate of all 50);
 * </ul>
 *
 * each with the netlink and the /proc/net socket detector.
 */
public final class ProcessbeatRunBenchmark {
  private ProcessbeatRunBenchmark() {}

  public static void main(String[] args) throws Exception {
    int spawn = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int configs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    java.nio.file.Path bin = java.nio.file.Files.createTempDirectory("pbbench");
    String sleep = java.nio.file.Path.of("/bin/sleep").toRealPath().toString();
    List<Process> children = new ArrayList<>();
    try {
      for (int i = 0; i < spawn; i++) {
        String program = "sleep";
        if (i < configs) {
          java.nio.file.Path link = bin.resolve("proc-" + i);
          java.nio.file.Files.createSymbolicLink(link, java.nio.file.Path.of(sleep));
          program = link.toString();
        }
        children.add(new ProcessBuilder(program, "600." + (1000 + i)).start());
      }
      Thread.sleep(1000); // let every child exec sleep
      int total = new java.io.File("/proc").list((dir, name) -> name.matches("\\d+")).length;
      for (String scenario : new String[] {"distinct", "same-name"}) {
        for (boolean disableNetlink : new boolean[] {false, true}) {
          measure(scenario, disableNetlink, configs, runs, spawn, total);
        }
      }
    } finally {
      children.forEach(Process::destroyForcibly);
    }
  }

  private static void measure(String scenario, boolean disableNetlink, int configs, int runs,
      int spawn, int total) throws Exception {
    List<Object> processes = new ArrayList<>();
    for (int i = 0; i < configs; i++) {
      List<Object> binds = List.of(Map.of("ip", "", "ports", List.of(20000 + i), "protocol", "tcp"));
      if ("distinct".equals(scenario)) {
        processes.add(Map.of("name", "proc-" + i, "displayname", "proc-" + i, "bind_info", binds));
      } else {
        // the sleeps after the symlinked ones, spread over the rest
        int target = 1000 + configs + i * ((spawn - configs) / configs);
        processes.add(Map.of("name", "sleep", "displayname", "sleep-" + i,
            "paramregex", "^sleep 600\\." + target + "$", "bind_info", binds));
      }
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
    System.out.printf("processbeat %s, %d pids on the host (%d spawned sleeps), %d definitions,"
        + " detector %s, %d runs: %.2f ms CPU/run (collecting thread), %.2f ms CPU/run (whole"
        + " JVM incl. GC/JIT), %.2f ms wall/run, %d events, counters %s%n",
        scenario, total, spawn, configs, disableNetlink ? "proc" : "netlink", runs, threadMs,
        processMs, wallMs, context.events.size(), collector.counters());
    collector.close();
  }
}

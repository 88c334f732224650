package io.bkmonitorbeat.plugin.procconf;

import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.PolledCollector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPU per procconf run (bench/procconf/procconf.sh): N CMDB processes, each with two bindings;
 * "unchanged" runs render and compare only, "changed" runs also write, fsync and rename.
 */
public final class ProcconfRunBenchmark {
  private ProcconfRunBenchmark() {}

  public static void main(String[] args) throws Exception {
    int processes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path dir = Files.createTempDirectory("procconf-bench");
    TestContext context = new TestContext(TestContext.task(dir.resolve("main.conf").toString(),
        Map.of("perfdataid", 1007, "portdataid", 1013, "dst_dir", dir.resolve("out").toString())));
    PolledCollector collector = (PolledCollector) new ProcconfCollectorProvider().create(context);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

    context.cmdb = cmdb(processes, 0);
    for (int i = 0; i < 50; i++) { // warm-up
      context.cmdb = cmdb(processes, i % 2);
      collector.collect(Instant.MAX);
    }
    context.cmdb = cmdb(processes, 0);
    collector.collect(Instant.MAX);
    long start = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < runs; i++) {
      collector.collect(Instant.MAX);
    }
    double unchanged = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / runs;
    start = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < runs; i++) {
      context.cmdb = cmdb(processes, i % 2 + 1);
      collector.collect(Instant.MAX);
    }
    double changed = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / runs;
    System.out.printf("procconf, %d CMDB processes, %d runs: unchanged %.2f ms CPU/run,"
        + " changed (write+fsync+rename) %.2f ms CPU/run, file %d bytes, reloads %d%n",
        processes, runs, unchanged, changed,
        Files.size(dir.resolve("out/bkmonitorbeat_processbeat.conf")), context.reloads.size());
  }

  private static HostCmdb cmdb(int n, int variant) {
    List<HostCmdb.Process> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new HostCmdb.Process("proc" + i, "display " + i, "", "", "", "-c conf" + variant,
          true, List.of(new HostCmdb.Bind(true, "3", (8000 + i) + "," + (9000 + i), "1"),
              new HostCmdb.Bind(true, "1", "20000-20004", "2"))));
    }
    return new HostCmdb(true, "10.0.0.5", "203.0.113.7", list);
  }
}

package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * CPU time and allocation per basereport collection with every section (bench/basereport), with
 * the default template's settings but stat_times 1, so each collection reads every file once,
 * like one node_exporter scrape.
 * Measured on the collecting thread with ThreadMXBean (CPU time, allocated bytes), and for the
 * whole JVM process (GC and JIT threads included) with OperatingSystemMXBean.
 */
public final class BasereportBenchmark {
  private BasereportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    // The default template's settings, with one sample per collection.
    RecordingContext ctx = new RecordingContext(Tasks.basereport(Duration.ofSeconds(60), Map.of(
        "cpu", Map.of("stat_times", 1),
        "net", Map.of("stat_times", 1,
            "interface_black_list", List.of("veth", "cni", "docker", "flannel", "tunnat", "cbr",
                "kube-ipvs", "dummy"),
            "force_report_list", List.of("bond")),
        "disk", Map.of("collect_all_device", true,
            "mountpoint_black_list", List.of("docker", "container", "k8s", "kubelet", "blueking"),
            "fs_type_white_list", List.of("overlay", "btrfs", "ext2", "ext3", "ext4", "reiser",
                "xfs", "ffs", "ufs", "jfs", "jfs2", "vxfs", "hfs", "apfs", "refs", "ntfs", "fat32",
                "zfs")))));
    PolledCollector c = (PolledCollector) new BasereportCollectorProvider().create(ctx);
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int i = 0; i < warmup; i++) {
      c.collect(Instant.MAX);
      ctx.events.clear();
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long proc0 = os.getProcessCpuTime();
    long cpu0 = mx.getCurrentThreadCpuTime();
    long alloc0 = mx.getThreadAllocatedBytes(tid);
    long wall0 = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      c.collect(Instant.MAX);
      ctx.events.clear();
    }
    double cpuMs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / runs;
    double procMs = (os.getProcessCpuTime() - proc0) / 1e6 / runs;
    double allocKb = (mx.getThreadAllocatedBytes(tid) - alloc0) / 1024.0 / runs;
    double wallMs = (System.nanoTime() - wall0) / 1e6 / runs;
    c.collect(Instant.MAX);
    System.out.printf("basereport, all sections, %d collections: %.3f ms CPU/collection"
        + " (collecting thread; whole JVM incl. GC and JIT %.3f ms), %.1f KiB allocated/collection,"
        + " %.3f ms wall/collection, counters %s%n",
        runs, cpuMs, procMs, allocKb, wallMs, c.counters());
    c.close();
  }
}

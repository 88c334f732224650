package io.bkmonitorbeat.plugin.keyword;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Keyword throughput (bench/keyword/keyword.sh): the real collector follows one log from its
 * beginning with one regex rule, offsets committed to a registry file, and is closed (flush and
 * commit) once every line is read. Prints MiB per CPU-second for the whole JVM process (JIT and
 * GC included) and for the tailer thread alone. Run {@code runs} times, each with a fresh state
 * directory; the first run is the cold one.
 */
public final class KeywordBenchmark {
  private KeywordBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path log = Path.of(args[0]).toAbsolutePath();
    String regex = args.length > 1 ? args[1] : "ERROR";
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long size = Files.size(log);
    long lines;
    try (var stream = Files.lines(log)) {
      lines = stream.count();
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf("file %s: %.1f MiB, %d lines, regex '%s'%n", log, size / 1048576.0, lines, regex);
    for (int run = 1; run <= runs; run++) {
      Path state = Files.createTempDirectory("keyword-bench");
      Map<String, Object> settings = Map.of("paths", List.of(log.toString()),
          "keywords", List.of(Map.of("name", "error", "pattern", regex)),
          "report_period", "1h", "from_beginning", true);
      KeywordTestContext ctx = new KeywordTestContext(settings, List.of(), state);
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      KeywordCollector collector = (KeywordCollector) new KeywordCollectorProvider().create(ctx);
      collector.start();
      while (collector.counters().get("lines_read") < lines) {
        Thread.sleep(5);
      }
      long tailerCpu = ctx.threads.stream().mapToLong(t -> threads.getThreadCpuTime(t.getId())).sum();
      collector.close();
      long wall = System.nanoTime() - wall0;
      long cpu = os.getProcessCpuTime() - cpu0;
      double mib = size / 1048576.0;
      System.out.printf("run %d: matches %d, wall %.2f s, process CPU %.2f s -> %.0f MiB/CPU-s;"
              + " tailer thread CPU %.2f s -> %.0f MiB/CPU-s; registry %s%n",
          run, ctx.totalCount(), wall / 1e9, cpu / 1e9, mib / (cpu / 1e9), tailerCpu / 1e9,
          mib / (tailerCpu / 1e9), Files.exists(state.resolve("keyword-offsets")) ? "written" : "MISSING");
    }
  }
}

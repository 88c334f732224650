package io.bkmonitorbeat.plugin.script;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Script runs per second (bench/script/script_runs.sh): the real collector runs {@code command}
 * back to back — each run is setsid (+ setpriv with a user), exec, wait, read, parse, events —
 * on {@code threads} threads, each with its own task, for {@code seconds}. Prints runs/s, the
 * agent's own CPU per run (this JVM, not the scripts) and the scripts' CPU per run (reaped
 * children, from /proc/self/stat).
 *
 * <p>Usage: {@code ScriptRunBenchmark <command> [seconds] [threads] [username]}
 */
public final class ScriptRunBenchmark {
  private ScriptRunBenchmark() {}

  public static void main(String[] args) throws Exception {
    String command = args[0];
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String username = args.length > 3 ? args[3] : "";
    Map<String, Object> settings = new HashMap<>(Map.of("command", command));
    if (!username.isEmpty()) {
      settings.put("username", username);
    }
    // warm-up: JIT, class loading
    runFor(settings, Duration.ofSeconds(3), 1);
    long cpu0 = processCpuNanos();
    long children0 = childrenCpuNanos();
    long wall0 = System.nanoTime();
    long[] result = runFor(settings, Duration.ofSeconds(seconds), threads);
    double wall = (System.nanoTime() - wall0) / 1e9;
    double cpuMs = (processCpuNanos() - cpu0) / 1e6;
    double childrenMs = (childrenCpuNanos() - children0) / 1e6;
    long runs = result[0];
    System.out.printf("script %s%s, %d thread(s), %.1f s: %d runs (%d not OK), %.1f runs/s,"
        + " agent CPU %.2f ms/run, script CPU %.2f ms/run%n", command,
        username.isEmpty() ? "" : " as " + username, threads, wall, runs, result[1], runs / wall,
        cpuMs / runs, childrenMs / runs);
  }

  /** Returns {runs, runs whose gather-up code was not 0}. */
  private static long[] runFor(Map<String, Object> settings, Duration duration, int threads) throws Exception {
    AtomicLong runs = new AtomicLong();
    AtomicLong bad = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        TestContext context = new TestContext(TestContext.task(settings, Duration.ofSeconds(10)));
        try (ScriptCollector collector = (ScriptCollector) new ScriptCollectorProvider().create(context)) {
          while (System.nanoTime() - end < 0) {
            context.events.clear();
            collector.collect(Instant.now().plusSeconds(10));
            runs.incrementAndGet();
            Object code = context.onlyGatherUp().get("code");
            if (!"0".equals(code) && bad.incrementAndGet() <= 3) {
              System.err.println("run not OK: code " + code + ": " + collector.lastProblem());
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return new long[] {runs.get(), bad.get()};
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** cutime + cstime of this process (CPU of reaped children), in nanoseconds. */
  private static long childrenCpuNanos() throws Exception {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // fields 16, 17 of stat
    return ticks * 10_000_000L; // USER_HZ = 100
  }
}

package io.bkmonitorbeat.host.schedule.bench;

import io.bkmonitorbeat.host.schedule.Phase;
import io.bkmonitorbeat.host.schedule.ScheduledTask;
import io.bkmonitorbeat.host.schedule.Scheduler;
import io.bkmonitorbeat.host.schedule.SchedulerOptions;
import io.bkmonitorbeat.host.schedule.SchedulerStats;
import io.bkmonitorbeat.host.schedule.TimeSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scheduler lag with many tcp-probe-like tasks: each run connects to a loopback listener and
 * closes. Every task must run exactly once per period in the measured window.
 *
 * <p>Usage: {@code SchedulerLagBenchmark [tasks=10000] [periodSeconds=10] [measuredPeriods=3]}.
 * The client closes with SO_LINGER 0 (RST) so 1,000 connects/s leave no TIME_WAIT behind to
 * exhaust the ephemeral ports; the listener closes normally.
 */
public final class SchedulerLagBenchmark {
  private SchedulerLagBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    long periodSeconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
    int periods = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long periodMicros = periodSeconds * 1_000_000;
    Duration period = Duration.ofSeconds(periodSeconds);
    Duration timeout = Duration.ofSeconds(Math.min(3, periodSeconds));

    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket server = new ServerSocket(0, 4096, loopback)) {
      Thread acceptor = new Thread(() -> acceptAndClose(server), "bench-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
      InetSocketAddress target = new InetSocketAddress(loopback, server.getLocalPort());

      AtomicIntegerArray inWindow = new AtomicIntegerArray(tasks);
      AtomicLong errors = new AtomicLong();
      long[] window = new long[2]; // [from, to) in epoch micros, set before it starts
      window[0] = Long.MAX_VALUE;
      window[1] = Long.MAX_VALUE;
      Scheduler scheduler = new Scheduler(SchedulerOptions.defaults());
      for (int i = 0; i < tasks; i++) {
        scheduler.add(new ProbeTask(i, period, timeout, target, inWindow, errors, window));
      }
      long now = TimeSource.system().wallMicros();
      // One warm-up period, then measure whole periods on period boundaries.
      long from = (Math.floorDiv(now, periodMicros) + 2) * periodMicros;
      long to = from + periods * periodMicros;
      window[0] = from;
      window[1] = to;
      scheduler.start();
      sleepUntil(from);
      scheduler.resetLagStatistics();
      SchedulerStats before = scheduler.stats();
      sleepUntil(to);
      SchedulerStats after = scheduler.stats();
      sleepUntil(to + timeout.toNanos() / 1_000); // runs of slots just before `to` finish
      scheduler.close(Duration.ofSeconds(5));
      report(tasks, periods, inWindow, errors.get(), before, after);
    }
  }

  private static void report(int tasks, int periods, AtomicIntegerArray inWindow, long errors,
      SchedulerStats before, SchedulerStats after) {
    int exact = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int i = 0; i < tasks; i++) {
      int n = inWindow.get(i);
      exact += n == periods ? 1 : 0;
      min = Math.min(min, n);
      max = Math.max(max, n);
    }
    SchedulerStats.Counts b = before.total();
    SchedulerStats.Counts a = after.total();
    SchedulerStats.Lag lag = after.lag();
    System.out.printf(Locale.ROOT, "tasks=%d periods=%d runs in window per task: min=%d max=%d"
        + " exact=%d/%d connect errors=%d%n", tasks, periods, min, max, exact, tasks, errors);
    System.out.printf(Locale.ROOT, "window counters: runs=%d skipped=%d missed=%d timeouts=%d"
        + " failures=%d rejected=%d%n", a.runs() - b.runs(), a.skipped() - b.skipped(),
        a.missed() - b.missed(), a.timeouts() - b.timeouts(), a.failures() - b.failures(),
        a.rejected() - b.rejected());
    System.out.printf(Locale.ROOT, "lag over %d runs: p50=%.3f ms p99=%.3f ms max=%.3f ms%n",
        lag.count(), lag.p50Micros() / 1000.0, lag.p99Micros() / 1000.0,
        lag.maxMicros() / 1000.0);
    boolean ok = exact == tasks && errors == 0;
    System.out.println(ok ? "RESULT: every task ran every period" : "RESULT: FAILED");
    if (!ok) {
      System.exit(1);
    }
  }

  private static void acceptAndClose(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        // Plain close (FIN): a reset here could reach the client before its connect completes.
        s.getLocalPort();
      } catch (IOException e) {
        if (!server.isClosed()) {
          System.err.println("accept failed: " + e);
        }
      }
    }
  }

  private static void sleepUntil(long epochMicros) throws InterruptedException {
    long ms = (epochMicros - TimeSource.system().wallMicros()) / 1_000;
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  /** Connects to the loopback listener and closes, as the tcp probe does without payload. */
  private static final class ProbeTask implements ScheduledTask {
    private final int index;
    private final String ident;
    private final Duration period;
    private final Duration timeout;
    private final long periodMicros;
    private final long phaseMicros;
    private final InetSocketAddress target;
    private final AtomicIntegerArray inWindow;
    private final AtomicLong errors;
    private final long[] window;

    ProbeTask(int index, Duration period, Duration timeout, InetSocketAddress target,
        AtomicIntegerArray inWindow, AtomicLong errors, long[] window) {
      this.index = index;
      this.ident = "tcp-bench-" + index;
      this.period = period;
      this.timeout = timeout;
      this.periodMicros = period.toNanos() / 1_000;
      this.phaseMicros = Phase.phaseMicros(ident, index, periodMicros);
      this.target = target;
      this.inWindow = inWindow;
      this.errors = errors;
      this.window = window;
    }

    @Override
    public String ident() {
      return ident;
    }

    @Override
    public String type() {
      return "tcp";
    }

    @Override
    public int taskId() {
      return index;
    }

    @Override
    public Duration period() {
      return period;
    }

    @Override
    public Duration timeout() {
      return timeout;
    }

    @Override
    public void run(Instant deadline) {
      // The planned slot: the last slot at or before the actual start (lag < period).
      long start = deadline.getEpochSecond() * 1_000_000 + deadline.getNano() / 1_000
          - timeout.toNanos() / 1_000;
      long slot = Phase.slotAtOrBefore(start, periodMicros, phaseMicros);
      if (slot >= window[0] && slot < window[1]) {
        inWindow.incrementAndGet(index);
      }
      try (Socket s = new Socket()) {
        s.setSoLinger(true, 0); // the client resets on close: no TIME_WAIT on either side
        s.connect(target, (int) timeout.toMillis());
      } catch (IOException e) {
        if (errors.getAndIncrement() == 0) {
          System.err.println("first connect error: " + e);
        }
      }
    }
  }
}

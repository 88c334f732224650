package io.bkmonitorbeat.host.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A task whose body is a lambda; records each run's deadline and thread. */
final class TestTask implements ScheduledTask {
  interface Body {
    void run(Instant deadline) throws Exception;
  }

  /** One run as observed by the task. */
  record Run(Instant deadline, String thread) {}

  final BlockingQueue<Run> started = new LinkedBlockingQueue<>();
  final BlockingQueue<Run> finished = new LinkedBlockingQueue<>();
  private final String ident;
  private final Duration period;
  private final Duration timeout;
  private final Body body;

  TestTask(String ident, Duration period, Duration timeout, Body body) {
    this.ident = ident;
    this.period = period;
    this.timeout = timeout;
    this.body = body;
  }

  static TestTask quick(String ident, Duration period) {
    return new TestTask(ident, period, period, d -> {});
  }

  @Override
  public String ident() {
    return ident;
  }

  @Override
  public String type() {
    return "test";
  }

  @Override
  public int taskId() {
    return 7;
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
  public void run(Instant deadline) throws Exception {
    Run r = new Run(deadline, Thread.currentThread().getName());
    started.add(r);
    try {
      body.run(deadline);
    } finally {
      finished.add(r);
    }
  }

  Run awaitStarted() throws InterruptedException {
    Run r = started.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError(ident + " did not start within 5 s");
    }
    return r;
  }

  Run awaitFinished() throws InterruptedException {
    Run r = finished.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError(ident + " did not finish within 5 s");
    }
    return r;
  }

  long phaseMicros() {
    return Phase.phaseMicros(ident, taskId(), period.toNanos() / 1_000);
  }
}

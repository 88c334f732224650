package io.bkmonitorbeat.host.schedule;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a job on a worker thread: measures its lag, arms its deadline (actual start +
 * timeout), runs the task, counts the outcome and clears the job's in-flight flag when the thread
 * leaves the task.
 *
 * <p>At the deadline the watchdog thread interrupts the worker and the run is abandoned (counted as
 * a timeout); the job stays in flight until the thread returns, so a task that ignores interrupts
 * pins one thread and its later slots are skipped. The interrupt and the run's end are serialised
 * on {@link #stateLock} so a late interrupt can never hit the next run on the same pooled thread.
 */
final class ScheduledRun implements Runnable {
  private enum State {
    PENDING,
    RUNNING,
    DONE,
    TIMED_OUT
  }

  /** What every run of one scheduler shares. */
  record Environment(
      TimeSource time,
      ScheduledExecutorService watchdog,
      LagHistogram lag,
      ThrottledLog warnings) {}

  private final Job job;
  private final long slotMicros;
  private final long tickWallMicros;
  private final long tickNanos;
  private final Environment env;
  private final Object stateLock = new Object();
  private State state = State.PENDING; // guarded by stateLock
  private Thread thread; // guarded by stateLock

  ScheduledRun(Job job, long slotMicros, long tickWallMicros, long tickNanos, Environment env) {
    this.job = job;
    this.slotMicros = slotMicros;
    this.tickWallMicros = tickWallMicros;
    this.tickNanos = tickNanos;
    this.env = env;
  }

  @Override
  public void run() {
    // Wall time of the start from the tick's wall/monotonic pair: one clock read per run, and
    // microsecond resolution without reading the (coarser, steppable) wall clock again.
    long startNanos = env.time().nanoTime();
    long startMicros = tickWallMicros + (startNanos - tickNanos) / 1_000;
    env.lag().record(startMicros - slotMicros);
    long deadlineMicros = startMicros + job.timeoutNanos / 1_000;
    synchronized (stateLock) {
      state = State.RUNNING;
      thread = Thread.currentThread();
    }
    ScheduledFuture<?> watchdog = armWatchdog();
    try {
      job.task.run(TimeSource.toInstant(deadlineMicros));
    } catch (Exception | LinkageError e) {
      if (!timedOut()) {
        job.counters.failures.increment();
        env.warnings().warn(job.ident, "run failed", e);
      }
    } finally {
      if (watchdog != null) {
        watchdog.cancel(false);
      }
      synchronized (stateLock) {
        if (state == State.RUNNING) {
          state = State.DONE;
        }
        thread = null;
      }
      // An interrupt aimed at this run (deadline, shutdown) must not leak into the next task
      // this pooled thread runs.
      Thread.interrupted();
      job.release();
    }
  }

  private ScheduledFuture<?> armWatchdog() {
    try {
      return env.watchdog().schedule(this::expire, job.timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null; // the scheduler is closing; close() interrupts what is left
    }
  }

  private boolean timedOut() {
    synchronized (stateLock) {
      return state == State.TIMED_OUT;
    }
  }

  /** Runs on the watchdog thread at the deadline. */
  private void expire() {
    synchronized (stateLock) {
      if (state != State.RUNNING) {
        return;
      }
      state = State.TIMED_OUT;
      thread.interrupt();
    }
    job.counters.timeouts.increment();
    env.warnings().warn(job.ident, String.format(Locale.ROOT,
        "run exceeded its timeout of %s; interrupted and abandoned",
        Duration.ofNanos(job.timeoutNanos)), null);
  }
}

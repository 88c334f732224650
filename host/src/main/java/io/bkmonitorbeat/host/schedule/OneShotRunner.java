package io.bkmonitorbeat.host.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Check mode (spec 3.3, 8.4): runs each task once, in ident order, at most {@code parallelism} at
 * a time (1 = sequentially, as the original), each with its deadline (start + timeout), and
 * reports the outcome of every task.
 *
 * <p>Runs go to daemon threads {@code collector-check-N}; at its deadline a run is interrupted and
 * abandoned, and its parallelism slot is given to the next task at once, so a task that ignores
 * interrupts holds a thread but never stalls the check. Thread-safe; {@link #close()} stops the
 * threads.
 */
public final class OneShotRunner implements AutoCloseable {
  private final int parallelism;
  private final TimeSource time;
  private final ExecutorService workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10,
      TimeUnit.SECONDS, new SynchronousQueue<>(), new HostThreadFactory("collector-check"));
  private final ScheduledThreadPoolExecutor watchdog =
      new ScheduledThreadPoolExecutor(1, new HostThreadFactory("collector-check-deadline"));

  public OneShotRunner(int parallelism) {
    this(parallelism, TimeSource.system());
  }

  OneShotRunner(int parallelism, TimeSource time) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
    }
    this.parallelism = parallelism;
    this.time = time;
    watchdog.setRemoveOnCancelPolicy(true);
  }

  /** Runs every task once; returns the results in ident order when all have ended or expired. */
  public List<OneShotResult> runAll(List<? extends ScheduledTask> tasks)
      throws InterruptedException {
    List<ScheduledTask> sorted = new ArrayList<>(tasks);
    sorted.sort(Comparator.comparing(ScheduledTask::ident));
    Semaphore slots = new Semaphore(parallelism);
    List<CompletableFuture<OneShotResult>> results = new ArrayList<>();
    for (ScheduledTask task : sorted) {
      slots.acquire();
      results.add(start(task, slots::release));
    }
    List<OneShotResult> out = new ArrayList<>();
    for (CompletableFuture<OneShotResult> r : results) {
      out.add(r.join()); // bounded: every result completes by its deadline
    }
    return out;
  }

  /** Runs one task once and waits for its outcome. */
  public OneShotResult runOnce(ScheduledTask task) throws InterruptedException {
    return runAll(List.of(task)).get(0);
  }

  private CompletableFuture<OneShotResult> start(ScheduledTask task, Runnable onEnd) {
    CompletableFuture<OneShotResult> result = new CompletableFuture<>();
    long timeoutNanos = Math.max(1, Math.min(task.timeout().toNanos(), task.period().toNanos()));
    long startNanos = time.nanoTime();
    long deadlineMicros = time.wallMicros() + timeoutNanos / 1_000;
    Runnable body = () -> {
      try {
        task.run(TimeSource.toInstant(deadlineMicros));
        end(result, onEnd, task, OneShotResult.Outcome.SUCCEEDED, startNanos, null);
      } catch (Exception | LinkageError e) {
        end(result, onEnd, task, OneShotResult.Outcome.FAILED, startNanos, e);
      }
    };
    Future<?> running;
    try {
      running = workers.submit(body);
    } catch (RejectedExecutionException e) {
      end(result, onEnd, task, OneShotResult.Outcome.FAILED, startNanos, e);
      return result;
    }
    watchdog.schedule(() -> {
      if (end(result, onEnd, task, OneShotResult.Outcome.TIMED_OUT, startNanos, null)) {
        running.cancel(true);
      }
    }, timeoutNanos, TimeUnit.NANOSECONDS);
    return result;
  }

  /** Records the first of completion and expiry; returns whether this call decided it. */
  private boolean end(CompletableFuture<OneShotResult> result, Runnable onEnd, ScheduledTask task,
      OneShotResult.Outcome outcome, long startNanos, Throwable error) {
    Duration elapsed = Duration.ofNanos(time.nanoTime() - startNanos);
    boolean first = result.complete(
        new OneShotResult(task.ident(), task.type(), outcome, elapsed, error));
    if (first) {
      onEnd.run();
    }
    return first;
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    workers.shutdownNow();
  }
}

package io.bkmonitorbeat.probe;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ConcurrencyLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the probes of one task run, one per target address, each holding a permit of the
 * context's {@link ConcurrencyLimiter}: a single target on the calling thread, several in
 * parallel on a small pool made by the context's thread factory ({@code "probe"} threads).
 *
 * <p>The pool is created on first need and stopped by {@link #close}. Thread-safe; {@link
 * #probeAll} is meant to be called by one run at a time.
 */
public final class ProbePool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProbePool.class);

  /** One probe of one target; called while holding a permit. */
  @FunctionalInterface
  public interface Probe<T> {
    /**
     * Probes {@code target} and emits its event.
     *
     * @throws InterruptedException if the thread was interrupted
     * @throws Exception an unexpected failure, rethrown by {@link #probeAll}
     */
    void probe(T target) throws Exception;
  }

  private final CollectorContext context;
  private final int maxThreads;
  private final Object lock = new Object();
  private ThreadPoolExecutor pool; // guarded by lock
  private boolean closed; // guarded by lock

  /**
   * @param context the task's context (limiter, clock, thread factory)
   * @param maxThreads the most probes run at the same time by this pool
   */
  public ProbePool(CollectorContext context, int maxThreads) {
    this.context = Objects.requireNonNull(context, "context");
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be positive, was " + maxThreads);
    }
    this.maxThreads = maxThreads;
  }

  /** Returns an executor on the pool's threads, e.g. for a {@link TargetResolver}. */
  public Executor executor() {
    return command -> pool().execute(command);
  }

  /**
   * Probes every target, each with one permit, and returns when all are done or at {@code
   * deadline}, whichever is first; probes still running at the deadline are interrupted and
   * their targets reported by nobody. A target that gets no permit before the deadline is skipped
   * (logged).
   *
   * @throws InterruptedException if the calling thread was interrupted, or a probe was
   * @throws Exception the first unexpected failure of a probe
   */
  public <T> void probeAll(List<T> targets, Instant deadline, Probe<T> probe) throws Exception {
    if (targets.size() == 1) {
      probeWithPermit(targets.get(0), deadline, probe);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(targets.size());
    for (T target : targets) {
      futures.add(pool().submit(() -> {
        probeWithPermit(target, deadline, probe);
        return null;
      }));
    }
    Exception failure = null;
    try {
      for (Future<?> future : futures) {
        long waitNanos = Duration.between(context.clock().instant(), deadline).toNanos();
        try {
          future.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          if (failure == null && e.getCause() instanceof Exception cause) {
            failure = cause;
          }
        } catch (TimeoutException e) {
          log.debug("{}: probes still running at the deadline", context.task().label());
          return;
        }
      }
    } finally {
      futures.forEach(future -> future.cancel(true));
    }
    if (failure != null) {
      throw failure;
    }
  }

  private <T> void probeWithPermit(T target, Instant deadline, Probe<T> probe) throws Exception {
    ConcurrencyLimiter.Permit permit;
    try {
      permit = context.limiter().acquire(deadline);
    } catch (TimeoutException e) {
      log.debug("{}: no concurrency permit for {} before the deadline",
          context.task().label(), target);
      return;
    }
    try (permit) {
      probe.probe(target);
    }
  }

  private ThreadPoolExecutor pool() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("collector " + context.task().label() + " is closed");
      }
      if (pool == null) {
        pool = new ThreadPoolExecutor(maxThreads, maxThreads, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), context.threadFactory("probe"));
        pool.allowCoreThreadTimeOut(true);
      }
      return pool;
    }
  }

  /** Interrupts running probes and waits briefly for the threads to end. Idempotent. */
  @Override
  public void close() {
    ThreadPoolExecutor toStop;
    synchronized (lock) {
      closed = true;
      toStop = pool;
      pool = null;
    }
    if (toStop != null) {
      toStop.shutdownNow();
      try {
        if (!toStop.awaitTermination(500, TimeUnit.MILLISECONDS)) {
          log.debug("{}: probe threads still running after close", context.task().label());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

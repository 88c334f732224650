package io.bkmonitorbeat.host.runtime;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces the reload requests of collectors ({@link
 * io.bkmonitorbeat.api.CollectorContext#requestReload}) into one reload: the first request
 * schedules a reload {@code delay} later on the agent's own thread, and the requests that arrive
 * before it runs join it. So a collector that writes several child files, or several collectors
 * writing at once, cause one reload, and a reload never runs on a collector's thread. Thread-safe.
 */
final class ReloadDebouncer {
  private static final Logger log = LoggerFactory.getLogger(ReloadDebouncer.class);

  private final ScheduledExecutorService executor;
  private final Duration delay;
  private final Consumer<String> reload;
  private final Object lock = new Object();
  private Set<String> pending; // guarded by lock; null when no reload is scheduled

  /**
   * @param executor the agent's thread, on which {@code reload} runs
   * @param reload reloads the configuration; gets the requesters' reasons as one text
   */
  ReloadDebouncer(ScheduledExecutorService executor, Duration delay, Consumer<String> reload) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.delay = Objects.requireNonNull(delay, "delay");
    this.reload = Objects.requireNonNull(reload, "reload");
  }

  /**
   * Queues a reload for {@code reason} unless one is already queued; returns at once.
   *
   * @return false when the agent is shutting down and no reload will run
   */
  boolean request(String reason) {
    synchronized (lock) {
      if (pending != null) {
        pending.add(reason);
        return true;
      }
      try {
        executor.schedule(this::fire, delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        return false; // shutting down
      }
      pending = new LinkedHashSet<>();
      pending.add(reason);
    }
    log.info("Reload requested: {}", reason);
    return true;
  }

  private void fire() {
    Set<String> reasons;
    synchronized (lock) {
      reasons = pending;
      pending = null; // a request from now on schedules the next reload
    }
    reload.accept(String.join("; ", reasons));
  }
}

package io.bkmonitorbeat.host.schedule;

import io.bkmonitorbeat.api.ConcurrencyLimiter;
import io.bkmonitorbeat.host.config.ConcurrencyLimit;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The concurrency limits of spec 8.6 by task type, with gap G-11 fixed: each acquisition takes
 * exactly one permit from the type's process-wide semaphore ({@code per_instance}) and one from the
 * task's ({@code per_task}), all-or-nothing, waiting at most until the caller's deadline. Types
 * without a configured limit are not limited.
 *
 * <p>Limiters look the type up at each acquisition, so {@link #apply} (config reload) takes effect
 * for running tasks too; a type whose limit is unchanged keeps its semaphores and permits held
 * across the reload still count. A task's semaphore exists only while a permit of it is held or
 * awaited (reference-counted), and {@link #forget} drops it when the task is removed.
 *
 * <p>Thread-safe.
 */
public final class ConcurrencyLimits {
  private static final ConcurrencyLimiter.Permit NO_PERMIT = () -> {};

  private final TimeSource time;
  private final AtomicReference<Map<String, TypeLimit>> byType = new AtomicReference<>(Map.of());

  public ConcurrencyLimits(Map<String, ConcurrencyLimit> limits) {
    this(limits, TimeSource.system());
  }

  ConcurrencyLimits(Map<String, ConcurrencyLimit> limits, TimeSource time) {
    this.time = time;
    apply(limits);
  }

  /** Replaces the configuration; types with an unchanged limit keep their semaphores. */
  public void apply(Map<String, ConcurrencyLimit> limits) {
    Objects.requireNonNull(limits, "limits");
    Map<String, TypeLimit> old = byType.get();
    Map<String, TypeLimit> next = new HashMap<>();
    limits.forEach((type, limit) -> {
      TypeLimit kept = old.get(type);
      next.put(type, kept != null && kept.limit.equals(limit) ? kept : new TypeLimit(type, limit));
    });
    byType.set(Map.copyOf(next));
  }

  /** Returns the limiter a task of {@code type} with {@code ident} hands to its collector. */
  public ConcurrencyLimiter forTask(String type, String ident) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ident, "ident");
    return deadline -> acquire(type, ident, deadline);
  }

  /** Drops the per-task semaphores of a removed task. */
  public void forget(String ident) {
    for (TypeLimit t : byType.get().values()) {
      t.tasks.remove(ident);
    }
  }

  /** Returns how many per-task semaphores exist (for tests and self-metrics). */
  int taskSemaphores() {
    return byType.get().values().stream().mapToInt(t -> t.tasks.size()).sum();
  }

  private ConcurrencyLimiter.Permit acquire(String type, String ident, Instant deadline)
      throws InterruptedException, TimeoutException {
    TypeLimit limit = byType.get().get(type);
    if (limit == null) {
      return NO_PERMIT;
    }
    long startNanos = time.nanoTime();
    long waitNanos = Math.max(0, (toMicros(deadline) - time.wallMicros()) * 1_000);
    TaskPermits task = limit.retain(ident);
    boolean instanceTaken = false;
    boolean done = false;
    try {
      instanceTaken = limit.instance.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
      if (!instanceTaken) {
        throw limit.timeout("per_instance", limit.limit.perInstance(), ident);
      }
      long left = Math.max(0, waitNanos - (time.nanoTime() - startNanos));
      if (!task.semaphore.tryAcquire(left, TimeUnit.NANOSECONDS)) {
        throw limit.timeout("per_task", limit.limit.perTask(), ident);
      }
      done = true;
      return new TwoPermits(limit, ident, task);
    } finally {
      if (!done) { // roll back: all or nothing
        if (instanceTaken) {
          limit.instance.release();
        }
        limit.unretain(ident, task);
      }
    }
  }

  private static long toMicros(Instant i) {
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  private static int permits(long configured) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, configured));
  }

  /** The semaphores of one type under one configured limit. */
  private static final class TypeLimit {
    final String type;
    final ConcurrencyLimit limit;
    final Semaphore instance;
    final ConcurrentHashMap<String, TaskPermits> tasks = new ConcurrentHashMap<>();

    TypeLimit(String type, ConcurrencyLimit limit) {
      this.type = type;
      this.limit = limit;
      this.instance = new Semaphore(permits(limit.perInstance()));
    }

    /** Returns the task's semaphore, counting the caller as a user (under the map's lock). */
    TaskPermits retain(String ident) {
      return tasks.compute(ident, (k, v) -> {
        TaskPermits p = v != null ? v : new TaskPermits(new Semaphore(permits(limit.perTask())));
        p.users++;
        return p;
      });
    }

    /** Drops the task's semaphore once no permit of it is held or awaited. */
    void unretain(String ident, TaskPermits task) {
      tasks.computeIfPresent(ident, (k, v) -> {
        if (v != task) {
          return v; // forgotten and recreated meanwhile; ours is already gone
        }
        return --v.users == 0 ? null : v;
      });
    }

    TimeoutException timeout(String which, long permits, String ident) {
      return new TimeoutException(String.format(java.util.Locale.ROOT,
          "concurrency limit %s.%s (%d) of task '%s': no permit before the deadline",
          type, which, permits, ident));
    }
  }

  /** A task's semaphore and its number of users; {@code users} is guarded by the map. */
  private static final class TaskPermits {
    final Semaphore semaphore;
    int users;

    TaskPermits(Semaphore semaphore) {
      this.semaphore = semaphore;
    }
  }

  private static final class TwoPermits implements ConcurrencyLimiter.Permit {
    private final TypeLimit limit;
    private final String ident;
    private final TaskPermits task;
    private final AtomicBoolean closed = new AtomicBoolean();

    TwoPermits(TypeLimit limit, String ident, TaskPermits task) {
      this.limit = limit;
      this.ident = ident;
      this.task = task;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        task.semaphore.release();
        limit.instance.release();
        limit.unretain(ident, task);
      }
    }
  }
}

package io.bkmonitorbeat.host.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon-mode periodic scheduler (spec 8.2, with the fixes of gap G-16).
 *
 * <p>Each task runs at the wall-clock slots {@code k*period + phase} ({@link Phase}); a new task
 * first runs at its next slot. One tick thread ({@code collector-scheduler}) sleeps until the
 * earliest slot, then hands the due runs to the worker pool and only does that. Per run:
 *
 * <ul>
 *   <li>the deadline is the actual start plus the timeout (clamped to the period); at the deadline
 *       a watchdog thread ({@code collector-deadline}) interrupts the run and abandons it;
 *   <li>a slot whose previous run is still in flight, abandoned runs included, is skipped;
 *   <li>after a stall (suspended host, GC, clock step forward) the missed slots are counted and the
 *       task runs once, for the latest slot — no catch-up burst; a step backward realigns every
 *       task to its next slot;
 *   <li>a failure is counted and logged ({@link ThrottledLog}); the schedule is unaffected.
 * </ul>
 *
 * <p><b>Workers.</b> A {@link ThreadPoolExecutor} over a {@link SynchronousQueue} with daemon
 * threads {@code collector-worker-N}: a slot is handed to an idle worker or a new thread is
 * started, so a run never waits behind another and one hung task cannot delay the others. A task
 * that ignores interrupts pins exactly one thread because its later slots are skipped while it is
 * in flight. Core threads stay; extra ones retire after the keep-alive. The pool is bounded
 * ({@link SchedulerOptions#maxWorkers()}); a slot that finds it exhausted is counted {@code
 * rejected} rather than queued, because a queued run would start late and overlap its deadline.
 *
 * <p>Thread-safe. Task state is guarded by one lock, held briefly by the tick and by {@link
 * #add}/{@link #remove}.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  /** Wake up at least this often so a wall-clock step is noticed. */
  private static final long MAX_SLEEP_MICROS = 1_000_000;
  /** A wall clock this far behind the previous tick is a step backward, not jitter. */
  private static final long BACKWARD_STEP_MICROS = 1_000_000;

  private final SchedulerOptions options;
  private final TimeSource time;
  private final Object lock = new Object();
  private final Map<String, Job> jobs = new HashMap<>(); // guarded by lock
  private final PriorityQueue<Job> queue =
      new PriorityQueue<>(Comparator.comparingLong(j -> j.nextSlotMicros)); // guarded by lock
  private final SchedulerCounters counters = new SchedulerCounters();
  private final ThrottledLog warnings = new ThrottledLog(log);
  private final ScheduledThreadPoolExecutor ticker;
  private final ScheduledThreadPoolExecutor watchdog;
  private final ThreadPoolExecutor workers;
  private final ScheduledRun.Environment environment;
  private ScheduledFuture<?> nextTick; // guarded by lock
  private long nextTickMicros = Long.MAX_VALUE; // guarded by lock
  private long lastTickMicros = Long.MIN_VALUE; // guarded by lock
  private boolean started; // guarded by lock
  private boolean closed; // guarded by lock

  public Scheduler(SchedulerOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.time = options.time();
    this.ticker = singleThread("collector-scheduler");
    this.watchdog = singleThread("collector-deadline");
    this.workers = new ThreadPoolExecutor(options.coreWorkers(), options.maxWorkers(),
        options.workerKeepAlive().toNanos(), TimeUnit.NANOSECONDS, new SynchronousQueue<>(),
        new HostThreadFactory("collector-worker"), new ThreadPoolExecutor.AbortPolicy());
    this.environment = new ScheduledRun.Environment(time, watchdog, counters.lag, warnings);
  }

  private static ScheduledThreadPoolExecutor singleThread(String name) {
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, new HostThreadFactory(name));
    e.setRemoveOnCancelPolicy(true); // cancelled deadlines must not pile up in the queue
    e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return e;
  }

  /** Adds a task; it first runs at its next slot. Throws if the ident is already scheduled. */
  public void add(ScheduledTask task) {
    Objects.requireNonNull(task, "task");
    Job job = new Job(task, counters.forType(task.type()));
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("scheduler is closed");
      }
      if (jobs.containsKey(job.ident)) {
        throw new IllegalStateException("task '" + job.ident + "' is already scheduled");
      }
      long now = time.wallMicros();
      job.nextSlotMicros = options.firstRunImmediately()
          ? now : Phase.slotAtOrAfter(now, job.periodMicros, job.phaseMicros);
      jobs.put(job.ident, job);
      queue.add(job);
      armTick(job.nextSlotMicros);
    }
  }

  /**
   * Removes a task: no further run starts. The result completes when no run of it is in flight
   * (an in-flight run may continue until its deadline, an abandoned one until its thread returns);
   * it is already complete for an unknown ident.
   */
  public CompletableFuture<Void> remove(String ident) {
    Job job;
    synchronized (lock) {
      job = jobs.remove(ident);
      if (job == null) {
        return CompletableFuture.completedFuture(null);
      }
      queue.remove(job);
    }
    warnings.forget(ident);
    return job.markRemoved();
  }

  public boolean contains(String ident) {
    synchronized (lock) {
      return jobs.containsKey(ident);
    }
  }

  /** Returns the scheduled idents, sorted. */
  public Set<String> idents() {
    synchronized (lock) {
      return Set.copyOf(new TreeSet<>(jobs.keySet()));
    }
  }

  /** Starts ticking. */
  public void start() {
    int tasks;
    synchronized (lock) {
      if (closed || started) {
        return;
      }
      started = true;
      tasks = jobs.size();
      Job first = queue.peek();
      armTick(first == null ? Long.MAX_VALUE : first.nextSlotMicros);
    }
    log.info("scheduler started with {} tasks", tasks);
  }

  /** Dispatches every due slot; package-private so tests can drive it with a manual clock. */
  void tick() {
    synchronized (lock) {
      nextTick = null;
      nextTickMicros = Long.MAX_VALUE;
      if (closed) {
        return;
      }
      long now = time.wallMicros();
      long nanos = time.nanoTime();
      if (lastTickMicros != Long.MIN_VALUE && lastTickMicros - now > BACKWARD_STEP_MICROS) {
        realign(now);
      }
      lastTickMicros = now;
      for (Job job = queue.peek(); job != null && job.nextSlotMicros <= now; job = queue.peek()) {
        queue.poll();
        long slot = job.nextSlotMicros;
        long behind = (now - slot) / job.periodMicros;
        if (behind > 0) {
          job.counters.missed.add(behind);
          slot += behind * job.periodMicros;
        }
        job.nextSlotMicros = Phase.slotAtOrAfter(slot + 1, job.periodMicros, job.phaseMicros);
        queue.add(job);
        dispatch(job, slot, now, nanos);
      }
      Job first = queue.peek();
      armTick(first == null ? Long.MAX_VALUE : first.nextSlotMicros);
    }
  }

  private void dispatch(Job job, long slot, long now, long nanos) {
    if (!job.tryClaim()) {
      job.counters.skipped.increment();
      log.debug("task '{}': previous run still in flight, slot skipped", job.ident);
      return;
    }
    // Counted before the hand-off so the run is visible in the stats once the task starts.
    job.counters.runs.increment();
    try {
      workers.execute(new ScheduledRun(job, slot, now, nanos, environment));
    } catch (RejectedExecutionException e) {
      job.counters.runs.decrement();
      job.release();
      job.counters.rejected.increment();
      warnings.warn(job.ident, "all " + options.maxWorkers() + " workers busy, slot dropped", null);
    }
  }

  /** After the wall clock stepped back: every task continues at its next slot from now. */
  private void realign(long now) {
    log.warn("wall clock stepped back by {} ms; realigning {} tasks",
        (lastTickMicros - now) / 1_000, jobs.size());
    List<Job> all = new ArrayList<>(queue);
    queue.clear();
    for (Job job : all) {
      job.nextSlotMicros = Phase.slotAtOrAfter(now, job.periodMicros, job.phaseMicros);
      queue.add(job);
    }
  }

  /** Makes the tick thread wake at {@code dueMicros} (or within a second) unless due earlier. */
  private void armTick(long dueMicros) {
    if (!started || closed) {
      return;
    }
    long now = time.wallMicros();
    long delay = Math.max(0, Math.min(MAX_SLEEP_MICROS, dueMicros - now));
    long at = now + delay;
    if (nextTick != null) {
      if (nextTickMicros <= at) {
        return;
      }
      nextTick.cancel(false);
    }
    nextTickMicros = at;
    nextTick = ticker.schedule(this::tickSafely, delay, TimeUnit.MICROSECONDS);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      // Never let the tick chain die: re-arm and report.
      log.error("scheduler tick failed", e);
      synchronized (lock) {
        armTick(time.wallMicros() + MAX_SLEEP_MICROS);
      }
    }
  }

  /** Returns the counters and lag statistics. */
  public SchedulerStats stats() {
    return counters.snapshot();
  }

  /** Returns the number of worker threads running a task (for tests and self-metrics). */
  int activeRuns() {
    return workers.getActiveCount();
  }

  /** Forgets the lag recorded so far, e.g. after a warm-up. */
  public void resetLagStatistics() {
    counters.lag.reset();
  }

  /**
   * Stops ticking, waits up to {@code drain} for in-flight runs, interrupts what remains and shuts
   * the threads down. Idempotent; returns within about {@code drain} plus 100 ms.
   */
  public void close(Duration drain) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (nextTick != null) {
        nextTick.cancel(false);
      }
    }
    ticker.shutdownNow();
    workers.shutdown();
    int inFlight = workers.getActiveCount();
    log.info("scheduler stopping: waiting up to {} for {} in-flight runs", drain, inFlight);
    boolean drained = await(workers, drain.toNanos());
    if (!drained) {
      workers.shutdownNow();
      drained = await(workers, TimeUnit.MILLISECONDS.toNanos(100));
    }
    watchdog.shutdownNow();
    if (drained) {
      log.info("scheduler stopped");
    } else {
      log.warn("scheduler stopped; {} runs ignored interruption and still hold a worker thread",
          workers.getActiveCount());
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private static boolean await(ThreadPoolExecutor pool, long nanos) {
    try {
      return pool.awaitTermination(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

package io.bkmonitorbeat.host.schedule;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The scheduler's state of one task: its timing and the in-flight flag that makes an overlapping
 * slot be skipped (house style 23). {@link #nextSlotMicros} is confined to the scheduler lock; the
 * flag and the removal state are shared with the worker running the task.
 */
final class Job {
  final ScheduledTask task;
  final String ident;
  final long periodMicros;
  final long phaseMicros;
  /** The run deadline; clamped to the period although config cleaning already guarantees it. */
  final long timeoutNanos;

  final TypeCounters counters;
  long nextSlotMicros; // guarded by the scheduler lock

  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final CompletableFuture<Void> idle = new CompletableFuture<>();
  private volatile boolean removed;

  Job(ScheduledTask task, TypeCounters counters) {
    this.task = task;
    this.ident = task.ident();
    this.periodMicros = positiveMicros(task.period().toNanos(), "period");
    this.phaseMicros = Phase.phaseMicros(ident, task.taskId(), periodMicros);
    long timeout = Math.min(task.timeout().toNanos(), TimeUnit.MICROSECONDS.toNanos(periodMicros));
    this.timeoutNanos = Math.max(1, timeout);
    this.counters = counters;
  }

  private long positiveMicros(long nanos, String what) {
    long micros = nanos / 1_000;
    if (micros <= 0) {
      throw new IllegalArgumentException(
          "task '" + task.ident() + "': " + what + " must be positive, was " + nanos + "ns");
    }
    return micros;
  }

  /** Marks a run in flight; false if the previous run (possibly abandoned) has not returned. */
  boolean tryClaim() {
    return inFlight.compareAndSet(false, true);
  }

  /** Called when the run's thread has left the task (normally, by throwing, or abandoned late). */
  void release() {
    inFlight.set(false);
    if (removed) {
      idle.complete(null);
    }
  }

  boolean isRemoved() {
    return removed;
  }

  /** Stops future runs; the result completes once no run of this job is in flight. */
  CompletableFuture<Void> markRemoved() {
    removed = true;
    if (!inFlight.get()) {
      idle.complete(null);
    }
    return idle.copy();
  }
}

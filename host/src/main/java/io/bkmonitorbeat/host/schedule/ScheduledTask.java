package io.bkmonitorbeat.host.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * One periodic task as the scheduler sees it. The runtime adapts a plugin's polled collector to
 * this; the scheduler knows no plugin.
 */
public interface ScheduledTask {

  /** Returns the task's identity; the scheduler keys tasks by it. */
  String ident();

  /** Returns the task type, e.g. {@code tcp} (for per-type statistics and logs). */
  String type();

  /** Returns the configured task id (part of the deterministic phase). */
  int taskId();

  /** Returns the interval between runs (positive). */
  Duration period();

  /** Returns the longest a run may take (positive, at most the period). */
  Duration timeout();

  /**
   * Runs the task once on a worker thread; must return by {@code deadline}, after which the
   * thread is interrupted and the run abandoned.
   */
  void run(Instant deadline) throws Exception;
}

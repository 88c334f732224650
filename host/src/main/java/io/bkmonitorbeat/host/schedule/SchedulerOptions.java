package io.bkmonitorbeat.host.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Scheduler}. Immutable.
 *
 * @param time the clocks (system clocks in production)
 * @param coreWorkers worker threads kept while idle
 * @param maxWorkers most worker threads; a slot finding all busy is counted {@code rejected}
 * @param workerKeepAlive how long a worker above the core size may idle before it retires
 * @param firstRunImmediately run a new task at once instead of at its next slot (check mode,
 *     tests); later runs are at slots
 */
public record SchedulerOptions(
    TimeSource time,
    int coreWorkers,
    int maxWorkers,
    Duration workerKeepAlive,
    boolean firstRunImmediately) {

  public SchedulerOptions {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(workerKeepAlive, "workerKeepAlive");
    if (coreWorkers < 1 || maxWorkers < coreWorkers) {
      throw new IllegalArgumentException(
          "need 1 <= coreWorkers <= maxWorkers, was " + coreWorkers + ", " + maxWorkers);
    }
  }

  /**
   * System clocks; as many core workers as processors (at least 2); at most 1024 workers, which
   * bounds the memory of threads pinned by probes that wait on the network; idle extra workers
   * retire after a minute.
   */
  public static SchedulerOptions defaults() {
    int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
    return new SchedulerOptions(TimeSource.system(), cores, 1024, Duration.ofMinutes(1), false);
  }

  public SchedulerOptions withTime(TimeSource t) {
    return new SchedulerOptions(t, coreWorkers, maxWorkers, workerKeepAlive, firstRunImmediately);
  }

  public SchedulerOptions withWorkers(int core, int max) {
    return new SchedulerOptions(time, core, max, workerKeepAlive, firstRunImmediately);
  }

  public SchedulerOptions withFirstRunImmediately(boolean immediately) {
    return new SchedulerOptions(time, coreWorkers, maxWorkers, workerKeepAlive, immediately);
  }
}

package io.bkmonitorbeat.host.schedule;

import java.util.Map;

/**
 * A snapshot of the scheduler's counters (for self-metrics and the benchmark). Immutable.
 *
 * @param total counts over every task type
 * @param byType counts per task type
 * @param lag lag of run starts behind their planned slots, over every run
 */
public record SchedulerStats(Counts total, Map<String, Counts> byType, Lag lag) {

  public SchedulerStats {
    byType = Map.copyOf(byType);
  }

  /**
   * Counters of runs.
   *
   * @param runs runs handed to a worker
   * @param skipped slots not run because the previous run of the task was still in flight
   * @param missed slots not run because the scheduler was stalled past them (no catch-up)
   * @param timeouts runs interrupted and abandoned at their deadline
   * @param failures runs that threw
   * @param rejected slots not run because every worker thread was busy
   */
  public record Counts(
      long runs, long skipped, long missed, long timeouts, long failures, long rejected) {

    static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

    Counts plus(Counts o) {
      return new Counts(
          runs + o.runs,
          skipped + o.skipped,
          missed + o.missed,
          timeouts + o.timeouts,
          failures + o.failures,
          rejected + o.rejected);
    }
  }

  /**
   * Lag of actual start behind the planned slot, in microseconds (percentiles are bucket upper
   * bounds, at most 12.5% high).
   *
   * @param count runs measured
   * @param p50Micros median
   * @param p99Micros 99th percentile
   * @param maxMicros maximum
   */
  public record Lag(long count, long p50Micros, long p99Micros, long maxMicros) {}
}

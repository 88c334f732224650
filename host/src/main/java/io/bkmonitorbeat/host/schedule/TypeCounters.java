package io.bkmonitorbeat.host.schedule;

import java.util.concurrent.atomic.LongAdder;

/** Live counters of one task type; {@link LongAdder}s because workers update them at once. */
final class TypeCounters {
  final LongAdder runs = new LongAdder();
  final LongAdder skipped = new LongAdder();
  final LongAdder missed = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder failures = new LongAdder();
  final LongAdder rejected = new LongAdder();

  SchedulerStats.Counts snapshot() {
    return new SchedulerStats.Counts(
        runs.sum(),
        skipped.sum(),
        missed.sum(),
        timeouts.sum(),
        failures.sum(),
        rejected.sum());
  }
}

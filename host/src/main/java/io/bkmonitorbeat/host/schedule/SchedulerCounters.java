package io.bkmonitorbeat.host.schedule;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The scheduler's live counters by task type and its lag histogram. Thread-safe. */
final class SchedulerCounters {
  private final Map<String, TypeCounters> byType = new ConcurrentHashMap<>();
  final LagHistogram lag = new LagHistogram();

  TypeCounters forType(String type) {
    return byType.computeIfAbsent(type, t -> new TypeCounters());
  }

  SchedulerStats snapshot() {
    Map<String, SchedulerStats.Counts> counts = new HashMap<>();
    SchedulerStats.Counts total = SchedulerStats.Counts.ZERO;
    for (Map.Entry<String, TypeCounters> e : byType.entrySet()) {
      SchedulerStats.Counts c = e.getValue().snapshot();
      counts.put(e.getKey(), c);
      total = total.plus(c);
    }
    return new SchedulerStats(total, counts, lag.snapshot());
  }
}

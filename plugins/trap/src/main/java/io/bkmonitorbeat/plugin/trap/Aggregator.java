package io.bkmonitorbeat.plugin.trap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregation cache of one window: the first trap of each {@link TrapRecord#aggregationKey}
 * and how many traps had that key. Thread-safe.
 */
final class Aggregator {

  /** A flushed entry: the first trap of its key and the number of traps. */
  record Pending(TrapRecord first, long count) {}

  private final Map<String, Pending> entries = new LinkedHashMap<>();
  private final int maxKeys;
  private long overflow;

  /** @param maxKeys the most distinct keys kept per window; further new keys are dropped */
  Aggregator(int maxKeys) {
    this.maxKeys = maxKeys;
  }

  /** Adds a trap; returns false if it was dropped because the cache is full. */
  synchronized boolean add(TrapRecord record) {
    String key = record.aggregationKey();
    Pending pending = entries.get(key);
    if (pending != null) {
      entries.put(key, new Pending(pending.first(), pending.count() + 1));
      return true;
    }
    if (entries.size() >= maxKeys) {
      overflow++;
      return false;
    }
    entries.put(key, new Pending(record, 1));
    return true;
  }

  /** Returns every entry, in first-arrival order, and empties the cache. */
  synchronized List<Pending> drain() {
    List<Pending> result = new ArrayList<>(entries.values());
    entries.clear();
    return result;
  }

  /** Returns how many traps were dropped because the cache was full. */
  synchronized long overflow() {
    return overflow;
  }
}

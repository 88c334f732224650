package io.bkmonitorbeat.host.publish;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded queue between producers and an output's writer thread with an explicit overflow
 * policy. {@link #offer} never blocks. Thread-safe (many producers, one consumer).
 *
 * @param <T> the element type
 */
final class EventQueue<T> {
  private final ArrayBlockingQueue<T> queue;
  private final OverflowPolicy policy;

  EventQueue(int capacity, OverflowPolicy policy) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.policy = policy;
  }

  /**
   * Adds {@code item}, evicting per the policy when full.
   *
   * @return the number of events dropped to make this call complete (0 or 1): the evicted oldest
   *     one, or {@code item} itself under {@link OverflowPolicy#DROP_NEWEST}
   */
  int offer(T item) {
    if (queue.offer(item)) {
      return 0;
    }
    if (policy == OverflowPolicy.DROP_NEWEST) {
      return 1;
    }
    int dropped = 0;
    // Other producers race for the freed slot; loop until ours lands. Each eviction counts.
    do {
      if (queue.poll() != null) {
        dropped++;
      }
    } while (!queue.offer(item));
    return dropped;
  }

  /** Waits up to {@code timeoutNanos} for one element, then takes up to {@code max} in all. */
  int drainTo(List<T> into, int max, long timeoutNanos) throws InterruptedException {
    T first = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    if (first == null) {
      return 0;
    }
    into.add(first);
    return 1 + queue.drainTo(into, max - 1);
  }

  /** Removes everything still queued (shutdown). */
  int clear() {
    int n = queue.size();
    queue.clear();
    return n;
  }

  int size() {
    return queue.size();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }
}

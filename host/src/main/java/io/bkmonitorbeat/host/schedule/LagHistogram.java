package io.bkmonitorbeat.host.schedule;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed log-linear histogram of non-negative microsecond values: exact below 16 µs, then 8
 * buckets per power of two (at most 12.5% relative error), up to {@link Long#MAX_VALUE}. Recording
 * is two atomic updates and never allocates, so it can run on every scheduled run; percentiles
 * report the upper bound of the bucket (never optimistic), capped at the exact maximum.
 *
 * <p>Thread-safe. Snapshots taken while values are recorded are approximate (counts may be off by
 * the values recorded during the read).
 */
final class LagHistogram {
  private static final int SUB_BITS = 3;
  private static final int SUB_BUCKETS = 1 << SUB_BITS;
  private static final int LINEAR = 2 * SUB_BUCKETS; // values below 16 get their own bucket
  private static final int LINEAR_EXPONENT = SUB_BITS + 1;
  private static final int BUCKETS = LINEAR + (63 - LINEAR_EXPONENT) * SUB_BUCKETS;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong max = new AtomicLong();

  /** Records one value; negative values (a clock step) count as 0. */
  void record(long micros) {
    long v = Math.max(0, micros);
    counts.incrementAndGet(index(v));
    if (v > max.get()) {
      max.accumulateAndGet(v, Math::max);
    }
  }

  /** Forgets every recorded value (e.g. after a warm-up). */
  void reset() {
    for (int i = 0; i < BUCKETS; i++) {
      counts.set(i, 0);
    }
    max.set(0);
  }

  /** Returns the count and the 50th/99th percentiles and maximum in microseconds. */
  SchedulerStats.Lag snapshot() {
    long[] c = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      c[i] = counts.get(i);
      total += c[i];
    }
    long m = max.get();
    return new SchedulerStats.Lag(
        total, percentile(c, total, 0.50, m), percentile(c, total, 0.99, m), m);
  }

  static int index(long v) {
    if (v < LINEAR) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v); // >= LINEAR_EXPONENT
    int sub = (int) ((v >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1));
    return LINEAR + (exponent - LINEAR_EXPONENT) * SUB_BUCKETS + sub;
  }

  static long upperBound(int index) {
    if (index < LINEAR) {
      return index;
    }
    int exponent = (index - LINEAR) / SUB_BUCKETS + LINEAR_EXPONENT;
    int sub = (index - LINEAR) % SUB_BUCKETS;
    long width = 1L << (exponent - SUB_BITS);
    long lower = (SUB_BUCKETS + (long) sub) * width;
    return lower + (width - 1);
  }

  private static long percentile(long[] c, long total, double q, long max) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < c.length; i++) {
      seen += c[i];
      if (seen >= rank) {
        return Math.min(upperBound(i), max);
      }
    }
    return max;
  }
}

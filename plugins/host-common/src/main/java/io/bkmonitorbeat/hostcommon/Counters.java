package io.bkmonitorbeat.hostcommon;

/**
 * Differences of monotonic kernel counters. A counter that went backwards (a driver reset, a
 * 32-bit counter that wrapped, a re-created device) cannot be told apart from a wrap reliably, so
 * its difference is "unknown" and callers report 0 for that interval and re-baseline: a reset
 * never shows as a spike (bkmonitor-datalink #1496/#1502). Stateless.
 */
public final class Counters {
  /** Returned by {@link #delta} when the counter went backwards. */
  public static final long BACKWARDS = -1;

  private Counters() {}

  /**
   * Returns {@code current - previous} as an unsigned difference, or {@link #BACKWARDS} when the
   * counter decreased.
   */
  public static long delta(long previous, long current) {
    return Long.compareUnsigned(current, previous) < 0 ? BACKWARDS : current - previous;
  }

  /** Returns {@code current - previous}, or 0 when the counter decreased. */
  public static long deltaOrZero(long previous, long current) {
    long d = delta(previous, current);
    return d < 0 ? 0 : d;
  }
}

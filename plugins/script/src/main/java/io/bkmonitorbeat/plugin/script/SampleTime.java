package io.bkmonitorbeat.plugin.script;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Turns a sample's trailing timestamp into nanoseconds since the epoch the way bkmonitorbeat
 * does (spec 10.6 step 5), so that timestamps written in seconds and in milliseconds both land on
 * the right instant.
 *
 * <p>The number as written is first read as seconds and put on a millisecond scale (the
 * original's OpenMetrics parser, which accepts every well-formed sample line, does so); a missing
 * timestamp is "now" in milliseconds. That value is classified by magnitude: below 1e6 it is
 * minutes, below 1e12 seconds, below 1e15 milliseconds, below 1e18 microseconds, otherwise
 * nanoseconds. A result of zero, older than now minus {@code time_offset}, or too large for a
 * 64-bit nanosecond count (the original overflowed silently) becomes now; future values are kept.
 */
final class SampleTime {
  private static final BigDecimal NANOS_PER_MINUTE = BigDecimal.valueOf(60_000_000_000L);
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private SampleTime() {}

  /**
   * Returns the sample's time in nanoseconds since the epoch.
   *
   * @param written the timestamp as written, NaN when the line had none
   * @param nowNanos the run's "now" in nanoseconds since the epoch
   * @param timeOffset the oldest accepted age
   */
  static long toEpochNanos(double written, long nowNanos, Duration timeOffset) {
    if (Double.isInfinite(written)) {
      return nowNanos;
    }
    // Decimal arithmetic: a nanosecond count does not fit a double's 53 bits exactly.
    BigDecimal millis = Double.isNaN(written)
        ? BigDecimal.valueOf(nowNanos / 1_000_000L)
        : new BigDecimal(Double.toString(written)).movePointRight(3);
    double magnitude = millis.doubleValue();
    BigDecimal nanos;
    if (magnitude < 1e6) {
      nanos = millis.multiply(NANOS_PER_MINUTE);
    } else if (magnitude < 1e12) {
      nanos = millis.movePointRight(9);
    } else if (magnitude < 1e15) {
      nanos = millis.movePointRight(6);
    } else if (magnitude < 1e18) {
      nanos = millis.movePointRight(3);
    } else {
      nanos = millis;
    }
    if (nanos.signum() <= 0 || nanos.compareTo(MAX_NANOS) > 0) {
      return nowNanos; // zero, negative or beyond a long
    }
    long result = nanos.setScale(0, RoundingMode.DOWN).longValueExact();
    long oldest = nowNanos - Math.min(timeOffset.toNanos(), nowNanos);
    return result == 0 || result < oldest ? nowNanos : result;
  }
}

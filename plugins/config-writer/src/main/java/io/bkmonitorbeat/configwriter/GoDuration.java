package io.bkmonitorbeat.configwriter;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Formats a duration as Go's {@code time.Duration.String()} does ({@code 1m0s}, {@code 1h0m0s},
 * {@code 1.5s}, {@code 500ms}), the form the original wrote into generated child configs and the
 * host's duration parser reads back. Stateless.
 */
public final class GoDuration {
  private GoDuration() {}

  /** Returns Go's text for {@code duration}. */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    long nanos = duration.getNano();
    long seconds = duration.getSeconds();
    if (seconds == 0) {
      if (nanos == 0) {
        return "0s";
      }
      if (nanos < 1_000) {
        return nanos + "ns";
      }
      if (nanos < 1_000_000) {
        return decimal(nanos, 3) + "µs";
      }
      return decimal(nanos, 6) + "ms";
    }
    StringBuilder text = new StringBuilder();
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      text.append(minutes).append('m');
    }
    return text.append(decimal(seconds % 60 * 1_000_000_000L + nanos, 9)).append('s').toString();
  }

  // value / 10^scale without trailing zeros, e.g. (1500000000, 9) -> "1.5".
  private static String decimal(long value, int scale) {
    return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
  }
}

package io.bkmonitorbeat.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Durations as bkmonitorbeat's configuration writes them: Go syntax ({@code 1m30s}, {@code
 * 500ms}, {@code 1.5h}, units {@code ns us µs ms s m h}, an optional sign) or a bare number of
 * seconds ({@code 10}, {@code 0.5}).
 *
 * @since 1.0.0
 */
public final class Durations {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Durations() {}

  /**
   * Parses a configured duration value: a {@link Number} (seconds) or a string.
   *
   * @throws IllegalArgumentException if the value is not a duration; the message says why
   */
  public static Duration parse(Object value) {
    if (value instanceof Number number) {
      return ofSeconds(new BigDecimal(number.toString()));
    }
    String text = String.valueOf(value).trim();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (isDecimal(text)) {
      return ofSeconds(new BigDecimal(text));
    }
    return parseGo(text);
  }

  /** Formats a duration the way Go prints it, e.g. {@code 1m30s}, {@code 500ms}, {@code 0s}. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    long nanos = duration.toNanos();
    String sign = nanos < 0 ? "-" : "";
    nanos = Math.abs(nanos);
    if (nanos < NANOS_PER_SECOND) {
      if (nanos % 1_000_000 == 0) {
        return sign + nanos / 1_000_000 + "ms";
      }
      if (nanos % 1_000 == 0) {
        return sign + nanos / 1_000 + "us";
      }
      return sign + nanos + "ns";
    }
    long hours = nanos / (3600 * NANOS_PER_SECOND);
    long minutes = nanos / (60 * NANOS_PER_SECOND) % 60;
    BigDecimal seconds =
        BigDecimal.valueOf(nanos % (60 * NANOS_PER_SECOND), 9).stripTrailingZeros();
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(seconds.toPlainString()).append('s').toString();
  }

  private static Duration parseGo(String text) {
    int pos = 0;
    boolean negative = false;
    if (text.charAt(0) == '-' || text.charAt(0) == '+') {
      negative = text.charAt(0) == '-';
      pos = 1;
    }
    if (pos == text.length()) {
      throw new IllegalArgumentException("invalid duration '" + text + "'");
    }
    BigDecimal totalNanos = BigDecimal.ZERO;
    while (pos < text.length()) {
      int numberStart = pos;
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      if (numberStart == pos) {
        throw new IllegalArgumentException("invalid duration '" + text + "'");
      }
      BigDecimal number;
      try {
        number = new BigDecimal(text.substring(numberStart, pos));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid duration '" + text + "'", e);
      }
      int unitStart = pos;
      while (pos < text.length() && !Character.isDigit(text.charAt(pos)) && text.charAt(pos) != '.') {
        pos++;
      }
      String unit = text.substring(unitStart, pos).toLowerCase(Locale.ROOT);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("missing unit in duration '" + text + "'");
      }
      totalNanos = totalNanos.add(number.multiply(BigDecimal.valueOf(unitNanos(unit, text))));
    }
    long nanos = totalNanos.longValue();
    return Duration.ofNanos(negative ? -nanos : nanos);
  }

  private static long unitNanos(String unit, String text) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> NANOS_PER_SECOND;
      case "m" -> 60 * NANOS_PER_SECOND;
      case "h" -> 3600 * NANOS_PER_SECOND;
      default -> throw new IllegalArgumentException(
          "unknown unit '" + unit + "' in duration '" + text + "'");
    };
  }

  private static Duration ofSeconds(BigDecimal seconds) {
    return Duration.ofNanos(seconds.movePointRight(9).longValue());
  }

  private static boolean isDecimal(String text) {
    return text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)");
  }
}

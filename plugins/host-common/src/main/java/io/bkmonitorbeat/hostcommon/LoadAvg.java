package io.bkmonitorbeat.hostcommon;

import java.util.Optional;

/**
 * The load averages of {@code /proc/loadavg}.
 *
 * @param load1 1-minute average
 * @param load5 5-minute average
 * @param load15 15-minute average
 */
public record LoadAvg(double load1, double load5, double load15) {
  /** The file this parser reads. */
  public static final String FILE = "/proc/loadavg";

  /** Parses the first line ({@code 0.00 0.01 0.05 1/123 456}); empty when it is malformed. */
  public static Optional<LoadAvg> parse(String line) {
    String[] f = Numbers.fields(line);
    if (f.length < 3) {
      return Optional.empty();
    }
    double a = Numbers.doubleOr(f[0], Double.NaN);
    double b = Numbers.doubleOr(f[1], Double.NaN);
    double c = Numbers.doubleOr(f[2], Double.NaN);
    if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c)) {
      return Optional.empty();
    }
    return Optional.of(new LoadAvg(a, b, c));
  }
}

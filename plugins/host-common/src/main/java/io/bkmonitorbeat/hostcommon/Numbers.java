package io.bkmonitorbeat.hostcommon;

/** Fail-soft number parsing for kernel text (OSHI's ParseUtil idea). Stateless. */
public final class Numbers {
  private Numbers() {}

  /**
   * Parses a decimal counter. Kernel counters are unsigned 64-bit; a value above {@code
   * Long.MAX_VALUE} is kept as its two's-complement bits, which {@link Counters} handles.
   *
   * @throws NumberFormatException if the text is not a number
   */
  public static long parseCounter(String text) {
    if (!text.isEmpty() && text.charAt(0) == '-') {
      return Long.parseLong(text);
    }
    return Long.parseUnsignedLong(text);
  }

  /** Parses a decimal counter, or returns {@code fallback}. */
  public static long counterOr(String text, long fallback) {
    try {
      return parseCounter(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Parses a double, or returns {@code fallback}. */
  public static double doubleOr(String text, double fallback) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Parses an int, or returns {@code fallback}. */
  public static int intOr(String text, int fallback) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Splits on runs of spaces and tabs (String.split with a regex allocates a Pattern each call). */
  public static String[] fields(String line) {
    String s = line.strip();
    if (s.isEmpty()) {
      return new String[0];
    }
    int n = 1;
    for (int i = 1; i < s.length(); i++) {
      if (isBlank(s.charAt(i)) && !isBlank(s.charAt(i - 1))) {
        n++;
      }
    }
    String[] out = new String[n];
    int k = 0;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || isBlank(s.charAt(i))) {
        if (i > start) {
          out[k++] = s.substring(start, i);
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}

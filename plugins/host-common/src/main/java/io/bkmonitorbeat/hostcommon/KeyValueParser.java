package io.bkmonitorbeat.hostcommon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses key/value files: {@code /proc/meminfo} ({@code MemTotal:  16318412 kB}, kB converted to
 * bytes) and {@code /proc/vmstat} ({@code pgfault 123}). Stateless.
 */
public final class KeyValueParser {
  private KeyValueParser() {}

  /**
   * Returns key (without the colon) to value; a {@code kB} suffix multiplies by 1024. Lines
   * without a number are reported and skipped.
   */
  public static Map<String, Long> parse(List<String> lines, String source, Malformed malformed) {
    Map<String, Long> out = new HashMap<>(lines.size() * 2);
    for (String line : lines) {
      String[] f = Numbers.fields(line);
      if (f.length < 2) {
        if (f.length > 0) {
          malformed.line(source, line);
        }
        continue;
      }
      String key = f[0].endsWith(":") ? f[0].substring(0, f[0].length() - 1) : f[0];
      try {
        long v = Numbers.parseCounter(f[1]);
        if (f.length > 2 && f[2].equalsIgnoreCase("kB")) {
          v *= 1024;
        }
        out.put(key, v);
      } catch (NumberFormatException e) {
        malformed.line(source, line);
      }
    }
    return out;
  }
}

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
    return parse(lines, source, malformed, null);
  }

  /**
   * Like {@link #parse(List, String, Malformed)}, keeping only the keys of {@code keep} (null:
   * all); other lines are not split at all ({@code /proc/vmstat} has ~190 lines of which
   * basereport needs six).
   */
  public static Map<String, Long> parse(List<String> lines, String source, Malformed malformed,
      java.util.Set<String> keep) {
    Map<String, Long> out = new HashMap<>(keep == null ? lines.size() * 2 : keep.size() * 2);
    for (String line : lines) {
      if (keep != null) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != ':'
            && line.charAt(end) != '\t') {
          end++;
        }
        if (!keep.contains(line.substring(0, end))) {
          continue;
        }
      }
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

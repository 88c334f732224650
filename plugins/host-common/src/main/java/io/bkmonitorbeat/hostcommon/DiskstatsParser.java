package io.bkmonitorbeat.hostcommon;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code /proc/diskstats}. Stateless. */
public final class DiskstatsParser {
  /** The file this parser reads. */
  public static final String FILE = "/proc/diskstats";

  private DiskstatsParser() {}

  /** Parses the lines; lines with fewer than 14 columns or non-numbers are reported and skipped. */
  public static List<DiskStat> parse(List<String> lines, Malformed malformed) {
    List<DiskStat> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = Numbers.fields(line);
      if (f.length < 14) {
        malformed.line(FILE, line);
        continue;
      }
      try {
        long[] v = new long[11];
        for (int i = 0; i < 11; i++) {
          v[i] = Numbers.parseCounter(f[3 + i]);
        }
        out.add(new DiskStat(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2],
            v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]));
      } catch (NumberFormatException e) {
        malformed.line(FILE, line);
      }
    }
    return out;
  }
}

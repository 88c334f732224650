package io.bkmonitorbeat.hostcommon;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code /proc/net/dev}. Stateless. */
public final class NetDevParser {
  /** The file this parser reads. */
  public static final String FILE = "/proc/net/dev";

  private NetDevParser() {}

  /**
   * Parses the lines after the two header lines. The name ends at the last {@code :} (names may
   * contain {@code :} for aliases; 2.4-era kernels wrote {@code eth0:123} without a space).
   */
  public static List<NetDevCounters> parse(List<String> lines, Malformed malformed) {
    List<NetDevCounters> out = new ArrayList<>();
    for (int i = 2; i < lines.size(); i++) {
      String line = lines.get(i);
      int colon = line.lastIndexOf(':');
      if (colon < 0) {
        if (!line.isBlank()) {
          malformed.line(FILE, line);
        }
        continue;
      }
      String name = line.substring(0, colon).strip();
      String[] f = Numbers.fields(line.substring(colon + 1));
      if (name.isEmpty() || f.length < 16) {
        malformed.line(FILE, line);
        continue;
      }
      try {
        long[] v = new long[16];
        for (int k = 0; k < 16; k++) {
          v[k] = Numbers.parseCounter(f[k]);
        }
        out.add(new NetDevCounters(name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
            v[9], v[10], v[11], v[12], v[13], v[14], v[15]));
      } catch (NumberFormatException e) {
        malformed.line(FILE, line);
      }
    }
    return out;
  }
}

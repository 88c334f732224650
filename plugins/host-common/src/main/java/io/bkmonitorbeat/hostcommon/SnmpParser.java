package io.bkmonitorbeat.hostcommon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code /proc/net/snmp} (and the same-shaped {@code /proc/net/netstat}): pairs of a
 * header line {@code Tcp: RtoAlgorithm RtoMin ...} and a value line {@code Tcp: 1 200 ...}.
 * Stateless.
 */
public final class SnmpParser {
  /** The file this parser reads. */
  public static final String FILE = "/proc/net/snmp";

  private SnmpParser() {}

  /**
   * Returns protocol ({@code Tcp}, {@code Udp}, ...) to column name to value, in file order.
   * Values are signed ({@code MaxConn} is -1 for "dynamic"). A pair whose lengths differ or that
   * holds a non-number is reported and skipped.
   */
  public static Map<String, Map<String, Long>> parse(List<String> lines, Malformed malformed) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < lines.size(); i += 2) {
      String[] header = Numbers.fields(lines.get(i));
      String[] values = Numbers.fields(lines.get(i + 1));
      if (header.length < 2 || header.length != values.length || !header[0].equals(values[0])
          || !header[0].endsWith(":")) {
        malformed.line(FILE, lines.get(i));
        continue;
      }
      Map<String, Long> row = new LinkedHashMap<>();
      try {
        for (int k = 1; k < header.length; k++) {
          row.put(header[k], Long.parseLong(values[k]));
        }
      } catch (NumberFormatException e) {
        malformed.line(FILE, lines.get(i + 1));
        continue;
      }
      out.put(header[0].substring(0, header[0].length() - 1), row);
    }
    return out;
  }
}

package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.hostcommon.Numbers;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@code /proc/net/route} as {@code route -n} prints it, for {@code env.route}: the
 * original ran {@code route -n}, which is not installed everywhere (net-tools) and costs a process
 * per report. Stateless.
 */
final class RouteTable {
  static final String HEADER = "Kernel IP routing table\n"
      + "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n";

  private RouteTable() {}

  static String render(List<String> procNetRoute) {
    StringBuilder b = new StringBuilder(HEADER);
    for (int i = 1; i < procNetRoute.size(); i++) {
      String[] f = Numbers.fields(procNetRoute.get(i));
      if (f.length < 8) {
        continue;
      }
      int flags = (int) hex(f[3]);
      b.append(String.format(Locale.ROOT, "%-15s %-15s %-15s %-5s %-6d %-2d %7d %s%n",
          ip(f[1]), ip(f[2]), ip(f[7]), flags(flags), Numbers.counterOr(f[6], 0),
          Numbers.counterOr(f[4], 0), Numbers.counterOr(f[5], 0), f[0]));
    }
    return b.toString();
  }

  /** The kernel prints addresses as host-order (little-endian) hex. */
  static String ip(String hex) {
    long v = hex(hex);
    return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff);
  }

  static String flags(int f) {
    StringBuilder s = new StringBuilder();
    if ((f & 0x0001) != 0) {
      s.append('U');
    }
    if ((f & 0x0002) != 0) {
      s.append('G');
    }
    if ((f & 0x0004) != 0) {
      s.append('H');
    }
    if ((f & 0x0008) != 0) {
      s.append('R');
    }
    if ((f & 0x0010) != 0) {
      s.append('D');
    }
    if ((f & 0x0020) != 0) {
      s.append('M');
    }
    if ((f & 0x0200) != 0) {
      s.append('!');
    }
    return s.toString();
  }

  private static long hex(String s) {
    try {
      return Long.parseLong(s, 16);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

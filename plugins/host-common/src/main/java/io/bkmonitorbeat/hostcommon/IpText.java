package io.bkmonitorbeat.hostcommon;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Formats addresses as Go's {@code net.IPNet.String()} does: IPv4 dotted, IPv6 in RFC 5952
 * compressed form without a zone ({@code fe80::1}), the JDK writing {@code fe80:0:0:0:0:0:0:1%eth0}.
 * Stateless.
 */
public final class IpText {
  private IpText() {}

  /** Returns {@code addr/prefix}. */
  public static String cidr(InetAddress address, int prefix) {
    return text(address) + "/" + prefix;
  }

  /** Returns the address text. */
  public static String text(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    if (address instanceof Inet6Address) {
      return ipv6(address.getAddress());
    }
    return address.getHostAddress();
  }

  /** RFC 5952: lower-case hex, the longest run (≥ 2) of zero groups as {@code ::}. */
  static String ipv6(byte[] b) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestLen < 2) {
      bestStart = -1;
    }
    StringBuilder s = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLen - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(g[i]));
    }
    return s.toString();
  }
}

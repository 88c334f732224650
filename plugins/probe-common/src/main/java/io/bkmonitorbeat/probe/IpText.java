package io.bkmonitorbeat.probe;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as Go's {@code net.IP.String()} writes them, which is what consumers of {@code
 * resolved_ip} have always seen: dotted quads for IPv4, and for IPv6 the RFC 5952 form (lower
 * case, no leading zeros, the longest run of two or more zero groups as {@code ::}) — not Java's
 * {@code 0:0:0:0:0:0:0:1}. Thread-safe.
 */
public final class IpText {
  private IpText() {}

  /** Returns the text form of {@code address}, without a scope id. */
  public static String format(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not compressed
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}

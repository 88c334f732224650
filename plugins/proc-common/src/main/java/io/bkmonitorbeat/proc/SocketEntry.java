package io.bkmonitorbeat.proc;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * One socket of the socket table: a listening TCP socket or an unconnected (bound) UDP socket.
 * Immutable.
 *
 * @param protocol the protocol (IPv4-mapped addresses count as IPv4)
 * @param address the local address (an {@link java.net.Inet4Address} for a v4-mapped one)
 * @param port the local port
 * @param state {@code LISTEN} for TCP, {@code UNCONN} for UDP
 * @param inode the socket inode, which ties it to the processes holding it
 */
public record SocketEntry(
    SocketProtocol protocol, InetAddress address, int port, String state, long inode) {

  /** The state name of a listening TCP socket. */
  public static final String LISTEN = "LISTEN";
  /** The state name of a bound, unconnected UDP socket (netlink's name). */
  public static final String UNCONN = "UNCONN";

  /** Returns the address as text: dotted IPv4 or compressed IPv6 ({@code ::}, {@code ::1}). */
  public String ip() {
    return text(address);
  }

  /** Returns {@code ip:port}, the IPv6 address in brackets. */
  public String ipPort() {
    return address instanceof Inet6Address ? "[" + ip() + "]:" + port : ip() + ":" + port;
  }

  /** Formats an address: IPv6 in the shortest form (RFC 5952), as Go's net.IP.String does. */
  public static String text(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength && i - start >= 2) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append(i == 0 ? "::" : ":");
        i += bestLength - 1;
        continue;
      }
      out.append(Integer.toHexString(groups[i]));
      if (i < 7) {
        out.append(':');
      }
    }
    return out.toString();
  }
}

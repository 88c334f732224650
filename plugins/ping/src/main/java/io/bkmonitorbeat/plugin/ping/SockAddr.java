package io.bkmonitorbeat.plugin.ping;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Linux {@code struct sockaddr_in} / {@code sockaddr_in6} as byte arrays, for {@code sendto} and
 * {@code recvfrom}. The family and the IPv6 scope id are in native byte order, the port (always 0
 * for ICMP) and the address in network order. Pure; thread-safe.
 */
final class SockAddr {
  /** Linux {@code AF_INET}. */
  static final int AF_INET = 2;
  /** Linux {@code AF_INET6}. */
  static final int AF_INET6 = 10;
  /** Large enough for any socket address {@code recvfrom} may return. */
  static final int MAX_SIZE = 128;

  private SockAddr() {}

  /** Encodes {@code address} with port 0. */
  static byte[] encode(InetAddress address) {
    return encode(address, ByteOrder.nativeOrder());
  }

  static byte[] encode(InetAddress address, ByteOrder order) {
    if (address instanceof Inet4Address) {
      ByteBuffer buffer = ByteBuffer.allocate(16).order(order);
      buffer.putShort((short) AF_INET).putShort((short) 0).put(address.getAddress());
      return buffer.array();
    }
    ByteBuffer buffer = ByteBuffer.allocate(28).order(order);
    buffer.putShort((short) AF_INET6).putShort((short) 0).putInt(0).put(address.getAddress());
    buffer.putInt(((Inet6Address) address).getScopeId());
    return buffer.array();
  }

  /** Decodes the address of a {@code sockaddr} of {@code length} bytes, or {@code null}. */
  static InetAddress decode(byte[] sockaddr, int length) {
    return decode(sockaddr, length, ByteOrder.nativeOrder());
  }

  static InetAddress decode(byte[] sockaddr, int length, ByteOrder order) {
    if (length < 2) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(sockaddr).order(order);
    int family = buffer.getShort(0) & 0xffff;
    try {
      if (family == AF_INET && length >= 8) {
        byte[] ip = new byte[4];
        System.arraycopy(sockaddr, 4, ip, 0, 4);
        return InetAddress.getByAddress(ip);
      }
      if (family == AF_INET6 && length >= 24) {
        byte[] ip = new byte[16];
        System.arraycopy(sockaddr, 8, ip, 0, 16);
        return InetAddress.getByAddress(ip);
      }
    } catch (UnknownHostException e) {
      throw new IllegalStateException("unreachable: an address of 4 or 16 bytes", e);
    }
    return null;
  }
}

package io.bkmonitorbeat.plugin.ping;

/**
 * Building and parsing ICMP echo messages (RFC 792, RFC 4443). Pure functions on byte arrays, no
 * I/O. Thread-safe.
 *
 * <p>An echo message is an 8-byte header {@code type, code, checksum(2), identifier(2),
 * sequence(2)} followed by the payload. The payload starts with the send time in Unix nanoseconds,
 * big-endian, as bkmonitorbeat writes it; when the payload is shorter than 8 bytes (a {@code
 * ping_size} of 8 to 15, gap G-9) only its leading bytes are written. The time is informative:
 * round trips are measured from the send time kept in memory.
 */
final class IcmpPacket {
  /** The size of the ICMP echo header. */
  static final int HEADER_SIZE = 8;
  /** ICMPv4 echo reply. */
  static final int ECHO_REPLY_V4 = 0;
  /** ICMPv4 echo request. */
  static final int ECHO_REQUEST_V4 = 8;
  /** ICMPv6 echo request. */
  static final int ECHO_REQUEST_V6 = 128;
  /** ICMPv6 echo reply. */
  static final int ECHO_REPLY_V6 = 129;

  private IcmpPacket() {}

  /**
   * Builds an echo request.
   *
   * @param v6 ICMPv6 (type 128) instead of ICMPv4 (type 8)
   * @param identifier the 16-bit identifier
   * @param sequence the 16-bit sequence number
   * @param size the whole message size, header included, at least {@link #HEADER_SIZE}
   * @param unixNanos the send time written into the payload
   * @return the message; the checksum is set (for ICMPv6 the kernel computes it over the
   *     pseudo-header and overwrites the field, so it is left 0)
   */
  static byte[] echoRequest(boolean v6, int identifier, int sequence, int size, long unixNanos) {
    if (size < HEADER_SIZE) {
      throw new IllegalArgumentException("an echo message has at least 8 bytes, was " + size);
    }
    byte[] packet = new byte[size];
    packet[0] = (byte) (v6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4);
    putShort(packet, 4, identifier);
    putShort(packet, 6, sequence);
    int stamp = Math.min(8, size - HEADER_SIZE);
    for (int i = 0; i < stamp; i++) {
      packet[HEADER_SIZE + i] = (byte) (unixNanos >>> (56 - 8 * i));
    }
    if (!v6) {
      putShort(packet, 2, checksum(packet, 0, packet.length));
    }
    return packet;
  }

  /**
   * Returns the Internet checksum (RFC 1071) of {@code length} bytes at {@code offset}: the ones'
   * complement of the ones' complement sum of the 16-bit words, an odd last byte padded with 0. A
   * message whose checksum field is set sums to 0.
   */
  static int checksum(byte[] data, int offset, int length) {
    long sum = 0;
    int i = offset;
    int end = offset + length;
    for (; i + 1 < end; i += 2) {
      sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
    }
    if (i < end) {
      sum += (data[i] & 0xff) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  /**
   * Parses a received datagram as an echo reply.
   *
   * @param v6 whether it came from an ICMPv6 socket
   * @param withIpHeader whether it starts with the IPv4 header (raw IPv4 sockets deliver it;
   *     ICMPv6 raw sockets and datagram ICMP sockets do not)
   * @return the reply, or {@code null} when the datagram is not a well-formed echo reply (our own
   *     echo requests seen by a raw socket, unreachable messages, truncated data)
   */
  static Reply parseEchoReply(byte[] data, int length, boolean v6, boolean withIpHeader) {
    int offset = 0;
    if (withIpHeader) {
      if (length < 20 || ((data[0] & 0xf0) >>> 4) != 4) {
        return null;
      }
      offset = (data[0] & 0x0f) * 4;
      if (offset < 20) {
        return null;
      }
    }
    if (length - offset < HEADER_SIZE) {
      return null;
    }
    int type = data[offset] & 0xff;
    if (type != (v6 ? ECHO_REPLY_V6 : ECHO_REPLY_V4) || data[offset + 1] != 0) {
      return null;
    }
    return new Reply(getShort(data, offset + 4), getShort(data, offset + 6), length - offset);
  }

  /**
   * An echo reply.
   *
   * @param identifier its identifier (rewritten by the kernel for datagram sockets)
   * @param sequence its sequence number
   * @param size the ICMP message size, header included
   */
  record Reply(int identifier, int sequence, int size) {}

  private static void putShort(byte[] data, int offset, int value) {
    data[offset] = (byte) (value >>> 8);
    data[offset + 1] = (byte) value;
  }

  private static int getShort(byte[] data, int offset) {
    return ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff);
  }
}

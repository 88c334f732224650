package io.bkmonitorbeat.proc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The {@code NETLINK_SOCK_DIAG} wire format (linux/inet_diag.h, linux/netlink.h): building a
 * {@code SOCK_DIAG_BY_FAMILY} dump request and parsing the {@code inet_diag_msg} replies. Pure
 * Java, no native calls, so the format is tested on byte arrays. Header fields are in host byte
 * order, ports and addresses in network order. Stateless; thread-safe.
 */
final class SockDiag {
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int IPPROTO_TCP = 6;
  static final int IPPROTO_UDP = 17;
  /** TCP_LISTEN = 10; UDP's unconnected sockets are in TCP_CLOSE = 7 (as {@code ss} asks). */
  static final int STATES_LISTEN = 1 << 10;
  static final int STATES_UNCONNECTED = 1 << 7;

  private static final int SOCK_DIAG_BY_FAMILY = 20;
  private static final int NLM_F_REQUEST = 0x1;
  private static final int NLM_F_DUMP = 0x300;
  private static final int NLMSG_ERROR = 2;
  private static final int NLMSG_DONE = 3;
  private static final int HEADER = 16;
  private static final int REQUEST_LENGTH = HEADER + 56;
  private static final int MESSAGE_LENGTH = 72;

  private SockDiag() {}

  /** A dump request for sockets of {@code family}/{@code protocol} in the {@code states} mask. */
  static byte[] request(int family, int protocol, int states, int sequence) {
    ByteBuffer b = ByteBuffer.allocate(REQUEST_LENGTH).order(ByteOrder.nativeOrder());
    b.putInt(REQUEST_LENGTH).putShort((short) SOCK_DIAG_BY_FAMILY)
        .putShort((short) (NLM_F_REQUEST | NLM_F_DUMP)).putInt(sequence).putInt(0);
    b.put((byte) family).put((byte) protocol).put((byte) 0).put((byte) 0).putInt(states);
    // inet_diag_sockid: all zero (no filter)
    return b.array();
  }

  /**
   * Parses one datagram of replies into {@code out}.
   *
   * @return true when the dump is complete ({@code NLMSG_DONE})
   * @throws IOException for an {@code NLMSG_ERROR} reply or a truncated message
   */
  static boolean parse(byte[] data, int length, boolean tcp, List<SocketEntry> out)
      throws IOException {
    ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.nativeOrder());
    int offset = 0;
    while (offset + HEADER <= length) {
      int messageLength = b.getInt(offset);
      int type = b.getShort(offset + 4) & 0xffff;
      if (messageLength < HEADER || offset + messageLength > length) {
        throw new IOException("sock_diag: truncated message (" + messageLength + " bytes at "
            + offset + " of " + length + ")");
      }
      if (type == NLMSG_DONE) {
        return true;
      }
      if (type == NLMSG_ERROR) {
        int errno = messageLength >= HEADER + 4 ? -b.getInt(offset + HEADER) : 0;
        throw new IOException("sock_diag: the kernel answered error " + errno);
      }
      if (type == SOCK_DIAG_BY_FAMILY && messageLength >= HEADER + MESSAGE_LENGTH) {
        out.add(entry(data, offset + HEADER, b, tcp));
      }
      offset += (messageLength + 3) & ~3;
    }
    return false;
  }

  private static SocketEntry entry(byte[] data, int at, ByteBuffer b, boolean tcp)
      throws IOException {
    int family = data[at] & 0xff;
    int port = ((data[at + 4] & 0xff) << 8) | (data[at + 5] & 0xff);
    byte[] address = new byte[family == AF_INET6 ? 16 : 4];
    System.arraycopy(data, at + 8, address, 0, address.length);
    long inode = b.getInt(at + 68) & 0xffffffffL;
    InetAddress ip;
    try {
      ip = InetAddress.getByAddress(address); // a v4-mapped address comes back as IPv4
    } catch (UnknownHostException e) {
      throw new IOException("sock_diag: bad address", e);
    }
    boolean v6 = ip instanceof java.net.Inet6Address;
    return new SocketEntry(SocketProtocol.of(tcp, v6), ip, port,
        tcp ? SocketEntry.LISTEN : SocketEntry.UNCONN, inode);
  }
}

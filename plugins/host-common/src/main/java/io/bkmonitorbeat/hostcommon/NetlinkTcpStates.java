package io.bkmonitorbeat.hostcommon;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Counts TCP sockets by state through one NETLINK_INET_DIAG dump (as the original, but for IPv4
 * and IPv6 at once, gap 14). The kernel walks its whole socket hash for every dump, which on a
 * large-memory host costs about a millisecond even with few sockets; reading {@code /proc/net/tcp}
 * and {@code /proc/net/tcp6} pays that walk twice. The legacy {@code TCPDIAG_GETSOCK} request
 * accepts {@code AF_UNSPEC} and returns both families from one walk. Thread-safe (one socket per
 * call).
 */
public final class NetlinkTcpStates {
  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_INET_DIAG = 4;
  private static final short TCPDIAG_GETSOCK = 18;
  private static final short NLM_F_REQUEST = 0x1;
  private static final short NLM_F_DUMP = 0x300;
  private static final int NLMSG_ERROR = 2;
  private static final int NLMSG_DONE = 3;
  private static final int HEADER = 16;
  private static final int REQUEST = 60;
  // every state 1..12 (TCP_NEW_SYN_RECV = 12 counts as synRecv)
  private static final int ALL_STATES = 0x1FFE;
  private static final int BUFFER_SIZE = 65536;

  private NetlinkTcpStates() {}

  /** The slice of libc this class calls. */
  interface LibC extends Library {
    int socket(int domain, int type, int protocol) throws LastErrorException;

    int sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen)
        throws LastErrorException;

    long recv(int fd, Pointer buf, long len, int flags) throws LastErrorException;

    int close(int fd);
  }

  /**
   * Returns a native receive buffer for {@link #count}: native memory, so that JNA copies nothing
   * between the Java heap and the kernel's messages. Freed when unreachable.
   */
  public static Memory buffer() {
    return new Memory(BUFFER_SIZE);
  }

  /**
   * Adds the sockets of every state to {@code counts} (keys of {@link TcpStates#KEYS}).
   *
   * @param buffer a buffer from {@link #buffer()}, used by one thread at a time
   * @return false when netlink is not available (then {@code counts} is unchanged and the caller
   *     falls back to /proc/net/tcp)
   */
  public static boolean count(Map<String, Long> counts, Memory buffer) {
    long[] byState = new long[16];
    int fd = -1;
    try {
      LibC c = lib();
      fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_INET_DIAG);
      byte[] req = request();
      byte[] kernel = new byte[12];
      kernel[0] = AF_NETLINK; // sockaddr_nl {family, pad, pid 0 = kernel, groups}
      c.sendto(fd, req, req.length, 0, kernel, kernel.length);
      while (true) {
        long n = c.recv(fd, buffer, buffer.size(), 0);
        if (n <= 0) {
          return false;
        }
        ByteBuffer b = buffer.getByteBuffer(0, n).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + HEADER <= n) {
          int len = b.getInt(off);
          int type = b.getShort(off + 4) & 0xffff;
          if (type == NLMSG_DONE) {
            merge(byState, counts);
            return true;
          }
          if (type == NLMSG_ERROR || len < HEADER) {
            return false;
          }
          int state = b.get(off + HEADER + 1) & 0xff;
          if (state < byState.length) {
            byState[state]++;
          }
          off += (len + 3) & ~3;
        }
      }
    } catch (LinkageError | RuntimeException e) { // no libc binding, or netlink refused
      return false;
    } finally {
      if (fd >= 0) {
        lib().close(fd);
      }
    }
  }

  private static void merge(long[] byState, Map<String, Long> counts) {
    for (int s = 0; s < byState.length; s++) {
      String key = TcpStates.keyOf(s);
      if (key != null && byState[s] > 0) {
        counts.merge(key, byState[s], Long::sum);
      }
    }
  }

  /** nlmsghdr + struct inet_diag_req (v1): family AF_UNSPEC, every state. */
  static byte[] request() {
    ByteBuffer b = ByteBuffer.allocate(HEADER + REQUEST).order(ByteOrder.nativeOrder());
    b.putInt(HEADER + REQUEST);
    b.putShort(TCPDIAG_GETSOCK);
    b.putShort((short) (NLM_F_REQUEST | NLM_F_DUMP));
    b.putInt(1); // seq
    b.putInt(0); // pid
    // idiag_family = AF_UNSPEC, src_len, dst_len, ext, then the 48-byte socket id: all zero
    b.position(HEADER + 4 + 48);
    b.putInt(ALL_STATES);
    b.putInt(0); // idiag_dbs
    return b.array();
  }

  private static LibC lib() {
    return Libc.INSTANCE;
  }

  /** Binds libc at first use; a failure shows as a {@link LinkageError} at every call. */
  private static final class Libc {
    static final LibC INSTANCE = Native.load("c", LibC.class);
  }
}

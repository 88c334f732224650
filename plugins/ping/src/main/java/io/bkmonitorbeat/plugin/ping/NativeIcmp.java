package io.bkmonitorbeat.plugin.ping;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The only native code of the plugin: libc's {@code socket}, {@code setsockopt}, {@code sendto},
 * {@code recvfrom}, {@code poll} and {@code close} through jnr-ffi (which the host provides), with
 * Linux constants. Everything else (packets, addresses, the choice of socket) is pure Java.
 *
 * <p>libc is bound on first use; a failure to bind (not Linux, no jnr native stub) surfaces as an
 * {@link UnsatisfiedLinkError} or {@link LinkageError} from {@link #libc()}. Thread-safe.
 */
public final class NativeIcmp {
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int IPPROTO_IP = 0;
  private static final int IPPROTO_ICMP = 1;
  private static final int IPPROTO_IPV6 = 41;
  private static final int IPPROTO_ICMPV6 = 58;
  private static final int IP_TTL = 2;
  private static final int IPV6_UNICAST_HOPS = 16;
  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVBUF = 8;
  private static final int MSG_DONTWAIT = 0x40;
  private static final short POLLIN = 1;
  /** The TTL / hop limit of echo requests (spec 10.4). */
  private static final int TTL = 64;
  /** Room for bursts of replies from many targets (the kernel caps it at {@code rmem_max}). */
  private static final int RECEIVE_BUFFER = 1 << 20;

  private NativeIcmp() {}

  /** The libc functions used; public because jnr-ffi implements it in its own class loader. */
  public interface LibC {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int setsockopt(int fd, int level, int option, @In int[] value, int length);

    @SaveError
    long sendto(int fd, @In byte[] buffer, long length, int flags, @In byte[] address, int addressLength);

    @SaveError
    long recvfrom(int fd, @Out byte[] buffer, long length, int flags, @Out byte[] address,
        @In @Out int[] addressLength);

    @SaveError
    int poll(@In @Out byte[] fds, long count, int timeoutMillis);

    int close(int fd);

    String strerror(int errno);
  }

  private static final class Holder {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
  }

  private static LibC libc() {
    return Holder.LIBC;
  }

  private static int errno() {
    return Holder.RUNTIME.getLastError();
  }

  /** The system calls {@link SocketOpener} needs, on libc. */
  static SocketOpener.Syscalls syscalls() {
    return new SocketOpener.Syscalls() {
      @Override
      public int socket(boolean v6, boolean datagram) {
        int fd = libc().socket(
            v6 ? SockAddr.AF_INET6 : SockAddr.AF_INET,
            (datagram ? SOCK_DGRAM : SOCK_RAW) | SOCK_CLOEXEC,
            v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
        return fd >= 0 ? fd : -errno();
      }

      @Override
      public String strerror(int errno) {
        return NativeIcmp.strerror(errno);
      }
    };
  }

  static String strerror(int errno) {
    return libc().strerror(errno) + " (errno " + errno + ")";
  }

  /**
   * Opens the ICMP socket of one family and sets TTL / hop limit 64 and a large receive buffer.
   *
   * @throws SocketOpener.SocketOpenException if no kind of ICMP socket may be opened
   */
  static Socket open(boolean v6, boolean notPrivileged) throws SocketOpener.SocketOpenException {
    SocketOpener.Opened opened =
        new SocketOpener(syscalls(), SocketOpener::readPingGroupRange).open(v6, notPrivileged);
    Socket socket = new Socket(opened.fd(), v6, opened.datagram());
    LibC libc = libc();
    libc.setsockopt(opened.fd(), SOL_SOCKET, SO_RCVBUF, new int[] {RECEIVE_BUFFER}, 4);
    if (v6) {
      libc.setsockopt(opened.fd(), IPPROTO_IPV6, IPV6_UNICAST_HOPS, new int[] {TTL}, 4);
    } else {
      libc.setsockopt(opened.fd(), IPPROTO_IP, IP_TTL, new int[] {TTL}, 4);
    }
    return socket;
  }

  /**
   * Waits until one of {@code sockets} has a datagram to read, at most {@code timeoutMillis}.
   * Returns early (without error) when interrupted by a signal.
   */
  static void awaitReadable(List<? extends IcmpSocket> sockets, int timeoutMillis) {
    byte[] fds = new byte[8 * sockets.size()];
    ByteBuffer buffer = ByteBuffer.wrap(fds).order(ByteOrder.nativeOrder());
    for (int i = 0; i < sockets.size(); i++) {
      buffer.putInt(8 * i, sockets.get(i).fd());
      buffer.putShort(8 * i + 4, POLLIN);
    }
    libc().poll(fds, sockets.size(), timeoutMillis);
  }

  /** One ICMP socket on a libc descriptor. */
  static final class Socket implements IcmpSocket {
    private final int fd;
    private final boolean v6;
    private final boolean datagram;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final byte[] from = new byte[SockAddr.MAX_SIZE];
    private final int[] fromLength = new int[1];

    Socket(int fd, boolean v6, boolean datagram) {
      this.fd = fd;
      this.v6 = v6;
      this.datagram = datagram;
    }

    @Override
    public int fd() {
      return fd;
    }

    @Override
    public boolean v6() {
      return v6;
    }

    @Override
    public boolean datagram() {
      return datagram;
    }

    @Override
    public int send(byte[] packet, InetAddress to) {
      byte[] address = SockAddr.encode(to);
      long sent = libc().sendto(fd, packet, packet.length, 0, address, address.length);
      return sent >= 0 ? 0 : errno();
    }

    @Override
    public int receive(byte[] buffer) {
      fromLength[0] = from.length;
      long length = libc().recvfrom(fd, buffer, buffer.length, MSG_DONTWAIT, from, fromLength);
      return length < 0 ? -1 : (int) length; // EAGAIN: nothing pending
    }

    @Override
    public InetAddress lastSource() {
      return SockAddr.decode(from, Math.min(fromLength[0], from.length));
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        libc().close(fd);
      }
    }
  }
}

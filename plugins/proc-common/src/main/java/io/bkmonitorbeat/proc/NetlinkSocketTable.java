package io.bkmonitorbeat.proc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The socket table from the kernel's {@code NETLINK_SOCK_DIAG} interface (the original's default
 * detector, and what {@code ss} uses): four dumps, TCP LISTEN and UDP unconnected, IPv4 and IPv6,
 * each reply waited for at most 200 ms. One netlink socket per read, closed at its end. libc is
 * reached through jnr-ffi, which the host provides. Not thread-safe.
 */
public final class NetlinkSocketTable implements SocketTable {
  private static final int AF_NETLINK = 16;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_SOCK_DIAG = 4;
  private static final int MSG_DONTWAIT = 0x40;
  private static final short POLLIN = 1;
  private static final int RECEIVE_TIMEOUT_MILLIS = 200;
  private static final int EINTR = 4;

  private final byte[] buffer = new byte[64 * 1024];
  private int sequence;

  /** The libc functions used; public because jnr-ffi implements it in its own class loader. */
  public interface LibC {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    long sendto(int fd, @In byte[] buffer, long length, int flags, @In byte[] address, int addressLength);

    @SaveError
    long recv(int fd, @Out byte[] buffer, long length, int flags);

    @SaveError
    int poll(@In @Out byte[] fds, long count, int timeoutMillis);

    int close(int fd);

    String strerror(int errno);
  }

  private static final class Holder {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
  }

  @Override
  public String name() {
    return "netlink";
  }

  @Override
  public List<SocketEntry> read() throws IOException {
    LibC libc;
    try {
      libc = Holder.LIBC;
    } catch (LinkageError e) {
      throw new IOException("netlink: libc is not reachable through jnr-ffi: " + e, e);
    }
    int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0) {
      throw new IOException("netlink: socket(AF_NETLINK, NETLINK_SOCK_DIAG): " + error(libc));
    }
    try {
      List<SocketEntry> entries = new ArrayList<>();
      dump(libc, fd, SockDiag.AF_INET, SockDiag.IPPROTO_TCP, SockDiag.STATES_LISTEN, entries);
      dump(libc, fd, SockDiag.AF_INET6, SockDiag.IPPROTO_TCP, SockDiag.STATES_LISTEN, entries);
      dump(libc, fd, SockDiag.AF_INET, SockDiag.IPPROTO_UDP, SockDiag.STATES_UNCONNECTED, entries);
      dump(libc, fd, SockDiag.AF_INET6, SockDiag.IPPROTO_UDP, SockDiag.STATES_UNCONNECTED, entries);
      return entries;
    } finally {
      libc.close(fd);
    }
  }

  private void dump(LibC libc, int fd, int family, int protocol, int states,
      List<SocketEntry> entries) throws IOException {
    byte[] request = SockDiag.request(family, protocol, states, ++sequence);
    byte[] kernel = new byte[12]; // sockaddr_nl of the kernel: family, pad, pid 0, groups 0
    ByteBuffer.wrap(kernel).order(ByteOrder.nativeOrder()).putShort((short) AF_NETLINK);
    if (libc.sendto(fd, request, request.length, 0, kernel, kernel.length) < 0) {
      throw new IOException("netlink: send: " + error(libc));
    }
    boolean tcp = protocol == SockDiag.IPPROTO_TCP;
    while (true) {
      awaitReadable(libc, fd);
      long length = libc.recv(fd, buffer, buffer.length, MSG_DONTWAIT);
      if (length < 0) {
        int errno = Holder.RUNTIME.getLastError();
        if (errno == EINTR) {
          continue;
        }
        throw new IOException("netlink: receive: " + libc.strerror(errno));
      }
      if (SockDiag.parse(buffer, (int) length, tcp, entries)) {
        return;
      }
    }
  }

  private static void awaitReadable(LibC libc, int fd) throws IOException {
    byte[] pollfd = new byte[8];
    ByteBuffer.wrap(pollfd).order(ByteOrder.nativeOrder()).putInt(fd).putShort(POLLIN);
    int ready = libc.poll(pollfd, 1, RECEIVE_TIMEOUT_MILLIS);
    if (ready == 0) {
      throw new IOException("netlink: no reply within " + RECEIVE_TIMEOUT_MILLIS + " ms");
    }
    if (ready < 0 && Holder.RUNTIME.getLastError() != EINTR) {
      throw new IOException("netlink: poll: " + error(libc));
    }
  }

  private static String error(LibC libc) {
    int errno = Holder.RUNTIME.getLastError();
    return libc.strerror(errno) + " (errno " + errno + ")";
  }
}

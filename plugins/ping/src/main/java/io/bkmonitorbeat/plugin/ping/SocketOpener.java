package io.bkmonitorbeat.plugin.ping;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses the kind of ICMP socket (house style: raw sockets for root, unprivileged ICMP datagram
 * sockets where {@code net.ipv4.ping_group_range} allows them) and explains a refusal. The
 * system calls are behind {@link Syscalls} so the choice and the messages are unit-tested.
 * Thread-safe.
 *
 * <p>Order: raw first, then datagram; with {@code not_privileged} datagram first, then raw. Only
 * a permission refusal ({@code EPERM}, {@code EACCES}) moves on to the other kind; any other error
 * ends the attempt with that error.
 */
final class SocketOpener {
  static final int EPERM = 1;
  static final int EACCES = 13;
  /** The sysctl that admits groups to unprivileged ICMP sockets (IPv4 and IPv6 alike). */
  static final String PING_GROUP_RANGE = "/proc/sys/net/ipv4/ping_group_range";

  /** The socket system call. */
  interface Syscalls {
    /**
     * Opens an ICMP socket.
     *
     * @return the descriptor (0 or more), or minus the {@code errno}
     */
    int socket(boolean v6, boolean datagram);

    /** Returns the text of an {@code errno}. */
    String strerror(int errno);
  }

  /**
   * An opened socket.
   *
   * @param fd the descriptor
   * @param datagram whether it is an unprivileged ICMP datagram socket
   */
  record Opened(int fd, boolean datagram) {}

  private final Syscalls syscalls;
  private final Supplier<String> pingGroupRange;

  SocketOpener(Syscalls syscalls, Supplier<String> pingGroupRange) {
    this.syscalls = syscalls;
    this.pingGroupRange = pingGroupRange;
  }

  /**
   * Opens an ICMP socket of one family.
   *
   * @throws SocketOpenException with a message that names the missing permission
   */
  Opened open(boolean v6, boolean notPrivileged) throws SocketOpenException {
    boolean first = notPrivileged;
    int fd = syscalls.socket(v6, first);
    if (fd >= 0) {
      return new Opened(fd, first);
    }
    int firstErrno = -fd;
    if (!isPermission(firstErrno)) {
      throw new SocketOpenException(describe(v6, first, firstErrno));
    }
    fd = syscalls.socket(v6, !first);
    if (fd >= 0) {
      return new Opened(fd, !first);
    }
    int secondErrno = -fd;
    if (!isPermission(secondErrno)) {
      throw new SocketOpenException(describe(v6, !first, secondErrno));
    }
    int rawErrno = first ? secondErrno : firstErrno;
    int datagramErrno = first ? firstErrno : secondErrno;
    throw new SocketOpenException(String.format(Locale.ROOT,
        "cannot open an ICMP socket for %s: raw ICMP sockets need root or the CAP_NET_RAW"
            + " capability (%s), and unprivileged ICMP sockets need the process's group id inside"
            + " net.ipv4.ping_group_range, which is '%s' (%s)",
        v6 ? "IPv6" : "IPv4",
        describe(v6, false, rawErrno),
        pingGroupRange.get(),
        describe(v6, true, datagramErrno)));
  }

  private String describe(boolean v6, boolean datagram, int errno) {
    return String.format(Locale.ROOT, "socket(%s, %s, %s): %s",
        v6 ? "AF_INET6" : "AF_INET",
        datagram ? "SOCK_DGRAM" : "SOCK_RAW",
        v6 ? "IPPROTO_ICMPV6" : "IPPROTO_ICMP",
        syscalls.strerror(errno));
  }

  private static boolean isPermission(int errno) {
    return errno == EPERM || errno == EACCES;
  }

  /** Reads {@link #PING_GROUP_RANGE}, or says why it could not. */
  static String readPingGroupRange() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of(PING_GROUP_RANGE))
          .trim().replaceAll("\\s+", " ");
    } catch (java.io.IOException | RuntimeException e) {
      return "unreadable: " + e;
    }
  }

  /** An ICMP socket could not be opened; the message says why and what is missing. */
  static final class SocketOpenException extends Exception {
    private static final long serialVersionUID = 1L;

    SocketOpenException(String message) {
      super(message);
    }
  }
}

package io.bkmonitorbeat.proc;

import java.io.IOException;
import java.util.List;

/**
 * A source of the host's listening TCP sockets and bound UDP sockets (spec 1.7), with inodes.
 * Implementations: {@link NetlinkSocketTable} ({@code sock_diag}) and {@link ProcNetSocketTable}
 * ({@code /proc/net/*}).
 */
public interface SocketTable {

  /** Returns a short name for logs ({@code netlink}, {@code proc}). */
  String name();

  /**
   * Returns every listening TCP socket and every unconnected UDP socket, IPv4 and IPv6.
   *
   * @throws IOException if the table cannot be read
   */
  List<SocketEntry> read() throws IOException;
}

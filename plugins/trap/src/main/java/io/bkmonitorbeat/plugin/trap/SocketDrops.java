package io.bkmonitorbeat.plugin.trap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The kernel's per-socket drop counter ({@code drops}, the last column of Linux's
 * {@code /proc/net/udp} and {@code /proc/net/udp6}): datagrams that arrived for a socket but were
 * discarded, mostly because its receive buffer was full. Unlike {@code RcvbufErrors} in
 * {@code /proc/net/snmp}, which counts every socket of the host, this is ours alone. Parsing is
 * pure; {@link #read} reads the two files.
 */
final class SocketDrops {
  private static final Path UDP = Path.of("/proc/net/udp");
  private static final Path UDP6 = Path.of("/proc/net/udp6");

  private SocketDrops() {}

  /**
   * Returns the drops of the sockets bound to local {@code port} in the text of
   * {@code /proc/net/udp} or {@code udp6}, summed; empty when no such socket is listed.
   */
  static OptionalLong parse(String procNetUdp, int port) {
    String suffix = String.format(":%04X", port);
    long drops = 0;
    boolean found = false;
    for (String line : procNetUdp.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      // sl local_address rem_address st tx_queue:rx_queue tr:when retrnsmt uid timeout inode ref pointer drops
      if (fields.length < 13 || !fields[1].endsWith(suffix)) {
        continue;
      }
      try {
        drops += Long.parseLong(fields[fields.length - 1]);
        found = true;
      } catch (NumberFormatException e) {
        // the header line, or a format this parser does not know: not a socket of ours
      }
    }
    return found ? OptionalLong.of(drops) : OptionalLong.empty();
  }

  /** Reads the drops of the UDP sockets bound to {@code port}, IPv4 and IPv6 together. */
  static OptionalLong read(int port) throws IOException {
    OptionalLong v4 = parse(readIfPresent(UDP), port);
    OptionalLong v6 = parse(readIfPresent(UDP6), port);
    if (v4.isEmpty() && v6.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(v4.orElse(0) + v6.orElse(0));
  }

  private static String readIfPresent(Path file) throws IOException {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      return "";
    }
  }
}

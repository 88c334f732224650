package io.bkmonitorbeat.proc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket table from {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6} (the
 * original's "std" detector). Keeps TCP sockets in state {@code 0A} (LISTEN) and UDP sockets in
 * state {@code 07} (unbound peer: a bound, unconnected socket). A missing {@code tcp6}/{@code udp6}
 * (IPv6 disabled) is no error; a missing {@code tcp} is. Malformed lines are counted and skipped.
 * Not thread-safe.
 */
public final class ProcNetSocketTable implements SocketTable {
  private static final int TCP_LISTEN = 0x0A;
  private static final int UDP_UNCONNECTED = 0x07;

  private final ProcFs proc;
  private volatile long malformed; // read by the host's counter thread

  /** A table read from {@code <proc>/net/*}. */
  public ProcNetSocketTable(ProcFs proc) {
    this.proc = proc;
  }

  @Override
  public String name() {
    return "proc";
  }

  @Override
  public List<SocketEntry> read() throws IOException {
    List<SocketEntry> entries = new ArrayList<>();
    String tcp = proc.readString(proc.root() + "/net/tcp");
    if (tcp == null) {
      throw new IOException("cannot read " + proc.root() + "/net/tcp");
    }
    parse(tcp, true, entries);
    parseIfPresent("/net/tcp6", true, entries);
    parseIfPresent("/net/udp", false, entries);
    parseIfPresent("/net/udp6", false, entries);
    return entries;
  }

  /** Returns how many malformed lines were skipped so far. */
  public long malformed() {
    return malformed;
  }

  private void parseIfPresent(String name, boolean tcp, List<SocketEntry> entries) {
    String text = proc.readString(proc.root() + name);
    if (text != null) {
      parse(text, tcp, entries);
    }
  }

  private void parse(String text, boolean tcp, List<SocketEntry> entries) {
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      SocketEntry entry = parseLine(line, tcp);
      if (entry == null) {
        malformed = malformed + 1;
      } else if (entry != SKIPPED) {
        entries.add(entry);
      }
    }
  }

  private static final SocketEntry SKIPPED =
      new SocketEntry(SocketProtocol.TCP, InetAddress.getLoopbackAddress(), 0, "", 0);

  /**
   * Parses one line ({@code sl local rem st queues tr retrnsmt uid timeout inode ...}).
   *
   * @return the entry, {@link #SKIPPED} for a socket in another state, or null when malformed
   */
  static SocketEntry parseLine(String line, boolean tcp) {
    String[] fields = line.split("\\s+");
    if (fields.length < 10) {
      return null;
    }
    try {
      int state = Integer.parseInt(fields[3], 16);
      if (state != (tcp ? TCP_LISTEN : UDP_UNCONNECTED)) {
        return SKIPPED;
      }
      String local = fields[1];
      int colon = local.indexOf(':');
      if (colon < 0) {
        return null;
      }
      InetAddress address = address(local.substring(0, colon));
      int port = Integer.parseInt(local.substring(colon + 1), 16);
      long inode = Long.parseLong(fields[9]);
      boolean v6 = address instanceof java.net.Inet6Address;
      return new SocketEntry(SocketProtocol.of(tcp, v6), address, port,
          tcp ? SocketEntry.LISTEN : SocketEntry.UNCONN, inode);
    } catch (NumberFormatException | UnknownHostException e) {
      return null;
    }
  }

  /**
   * Decodes the kernel's hex address: 8 hex digits for IPv4, 32 for IPv6, each 32-bit word
   * printed in host byte order (little-endian on every platform this runs on). A v4-mapped IPv6
   * address comes back as IPv4 (the JDK folds it).
   */
  static InetAddress address(String hex) throws UnknownHostException {
    if (hex.length() != 8 && hex.length() != 32) {
      throw new UnknownHostException("bad address length: " + hex);
    }
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      long value = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
      for (int b = 0; b < 4; b++) {
        bytes[word * 4 + b] = (byte) (value >>> (8 * b)); // little-endian word
      }
    }
    return InetAddress.getByAddress(bytes);
  }
}

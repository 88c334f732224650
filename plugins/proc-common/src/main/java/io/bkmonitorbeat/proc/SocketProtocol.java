package io.bkmonitorbeat.proc;

/** The protocol of a socket as the events name it: IPv6 only for real (not v4-mapped) addresses. */
public enum SocketProtocol {
  /** TCP over IPv4 (or a v4-mapped address of an IPv6 socket). */
  TCP("tcp"),
  /** TCP over IPv6. */
  TCP6("tcp6"),
  /** UDP over IPv4 (or v4-mapped). */
  UDP("udp"),
  /** UDP over IPv6. */
  UDP6("udp6");

  private final String text;

  SocketProtocol(String text) {
    this.text = text;
  }

  /** Returns the event text, e.g. {@code tcp6}. */
  public String text() {
    return text;
  }

  /** Whether this is TCP (either family). */
  public boolean isTcp() {
    return this == TCP || this == TCP6;
  }

  /** The protocol of a TCP or UDP socket whose address is IPv6 or not. */
  public static SocketProtocol of(boolean tcp, boolean ipv6) {
    if (tcp) {
      return ipv6 ? TCP6 : TCP;
    }
    return ipv6 ? UDP6 : UDP;
  }
}

package io.bkmonitorbeat.plugin.ping;

import java.net.InetAddress;

/**
 * An ICMP socket as a {@link PingRun} uses it: {@link NativeIcmp.Socket} in production, a fake in
 * tests. {@link #close} may be called from any thread and more than once; the other methods
 * belong to the run's thread.
 */
interface IcmpSocket extends AutoCloseable {

  /** Returns the descriptor that {@code poll} waits on; negative for none (poll ignores it). */
  int fd();

  /** Returns whether this is an ICMPv6 socket. */
  boolean v6();

  /**
   * Returns whether this is an unprivileged datagram socket: the kernel then owns (rewrites and
   * filters by) the echo identifier and delivers no IP header.
   */
  boolean datagram();

  /** Returns whether received datagrams start with the IPv4 header (raw IPv4 sockets). */
  default boolean withIpHeader() {
    return !v6() && !datagram();
  }

  /**
   * Sends one message.
   *
   * @return 0, or the {@code errno} of the failure
   */
  int send(byte[] packet, InetAddress to);

  /**
   * Reads one pending datagram without waiting.
   *
   * @return its length, or -1 when none is pending (or the read failed)
   */
  int receive(byte[] buffer);

  /** Returns the source address of the last datagram {@link #receive} returned. */
  InetAddress lastSource();

  @Override
  void close();
}

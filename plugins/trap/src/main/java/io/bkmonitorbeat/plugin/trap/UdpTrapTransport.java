package io.bkmonitorbeat.plugin.trap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import org.snmp4j.TransportStateReference;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.AbstractTransportMapping;

/**
 * The UDP transport of the trap receiver, in place of SNMP4J's {@code DefaultUdpTransportMapping}:
 * that one starts its listener thread from the process-wide {@code SNMP4JSettings} thread factory,
 * while every thread of a collector must come from the host's factory. One receive thread reads
 * datagrams and hands each to {@code onPacket} (which queues it for a handler); {@link #deliver}
 * then runs SNMP4J's message processing on the handler thread. Responses (inform
 * acknowledgements, v3 discovery reports) go out through the same socket.
 */
final class UdpTrapTransport extends AbstractTransportMapping<UdpAddress> {
  private static final int MAX_DATAGRAM = 65_535;

  private final InetSocketAddress bind;
  private final ThreadFactory threads;
  private final BiConsumer<UdpAddress, ByteBuffer> onPacket;
  private volatile DatagramChannel channel;
  private volatile Thread receiver;

  UdpTrapTransport(InetSocketAddress bind, ThreadFactory threads,
      BiConsumer<UdpAddress, ByteBuffer> onPacket) {
    this.bind = bind;
    this.threads = threads;
    this.onPacket = onPacket;
    this.maxInboundMessageSize = MAX_DATAGRAM;
  }

  @Override
  public Class<? extends Address> getSupportedAddressClass() {
    return UdpAddress.class;
  }

  @Override
  public synchronized void listen() throws IOException {
    if (channel != null) {
      return;
    }
    DatagramChannel open = DatagramChannel.open();
    try {
      open.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
      open.bind(bind);
    } catch (IOException | RuntimeException e) {
      open.close();
      throw e;
    }
    channel = open;
    Thread thread = threads.newThread(this::receiveLoop);
    receiver = thread;
    thread.start();
  }

  private void receiveLoop() {
    DatagramChannel open = channel;
    ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    while (open.isOpen()) {
      try {
        buffer.clear();
        InetSocketAddress from = (InetSocketAddress) open.receive(buffer);
        if (from == null) {
          continue;
        }
        buffer.flip();
        ByteBuffer packet = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
        onPacket.accept(new UdpAddress(from.getAddress(), from.getPort()), packet);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!open.isOpen()) {
          return;
        }
        // A transient receive error (e.g. ICMP feedback): keep listening.
      }
    }
  }

  /** Runs SNMP4J's processing of one datagram on the calling thread. */
  void deliver(UdpAddress from, ByteBuffer packet) {
    fireProcessMessage(from, packet, new TransportStateReference(this, from, null,
        SecurityLevel.undefined, SecurityLevel.undefined, false, null));
  }

  @Override
  public void sendMessage(UdpAddress address, byte[] message,
      TransportStateReference tmStateReference, long timeoutMillis, int maxRetries)
      throws IOException {
    DatagramChannel open = channel;
    if (open == null) {
      throw new IOException("transport not listening");
    }
    open.send(ByteBuffer.wrap(message),
        new InetSocketAddress(address.getInetAddress(), address.getPort()));
  }

  @Override
  public boolean isListening() {
    DatagramChannel open = channel;
    return open != null && open.isOpen();
  }

  /** Returns the bound address (with the real port when 0 was configured). */
  @Override
  public UdpAddress getListenAddress() {
    DatagramChannel open = channel;
    try {
      if (open != null && open.getLocalAddress() instanceof InetSocketAddress local) {
        return new UdpAddress(local.getAddress(), local.getPort());
      }
    } catch (IOException e) {
      // closed: fall back to the configured address
    }
    return new UdpAddress(bind.getAddress(), bind.getPort());
  }

  /** Closes the socket and waits (at most {@code waitMillis}) for the receive thread to end. */
  void close(long waitMillis) {
    DatagramChannel open = channel;
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        // nothing more to release
      }
    }
    Thread thread = receiver;
    if (thread != null) {
      try {
        thread.join(waitMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    close(500);
  }
}

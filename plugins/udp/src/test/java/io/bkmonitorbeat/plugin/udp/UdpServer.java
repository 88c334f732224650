package io.bkmonitorbeat.plugin.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A UDP server on a loopback address and an ephemeral port. For each datagram the handler picks
 * the reply (or none); replies are sent after {@code delayMillis}, from a scheduler, so a slow
 * reply does not hold up the next datagram.
 */
final class UdpServer implements AutoCloseable {
  /** One received datagram. */
  record Received(int index, byte[] data, SocketAddress from) {}

  /** Chooses the reply to one datagram; null sends nothing. */
  interface Handler {
    byte[] reply(Received received) throws Exception;
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final DatagramSocket socket;
  private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "udp-server-reply");
    thread.setDaemon(true);
    return thread;
  });
  private final Thread receiver;

  UdpServer(String address, long delayMillis, Handler handler) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
    receiver = new Thread(() -> {
      byte[] buffer = new byte[70_000];
      while (!socket.isClosed()) {
        try {
          DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
          socket.receive(packet);
          Received in = new Received(received.size() + 1,
              Arrays.copyOf(buffer, packet.getLength()), packet.getSocketAddress());
          received.add(in);
          byte[] reply = handler.reply(in);
          if (reply != null) {
            replies.schedule(() -> {
              socket.send(new DatagramPacket(reply, reply.length, in.from()));
              return null;
            }, delayMillis, TimeUnit.MILLISECONDS);
          }
        } catch (Exception e) {
          return; // closed
        }
      }
    }, "udp-server");
    receiver.setDaemon(true);
    receiver.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() {
    socket.close();
    replies.shutdownNow();
  }
}

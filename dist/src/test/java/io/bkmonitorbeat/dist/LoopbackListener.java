package io.bkmonitorbeat.dist;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP listener on 127.0.0.1 that accepts and closes: the target of the tcp probes. */
final class LoopbackListener implements AutoCloseable {
  private final ServerSocket server;
  private final Thread acceptor;

  LoopbackListener() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          socket.getOutputStream().write("hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
          return;
        }
      }
    }, "loopback-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}

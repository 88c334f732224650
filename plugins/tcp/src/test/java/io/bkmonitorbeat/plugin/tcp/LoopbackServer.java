package io.bkmonitorbeat.plugin.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP server on a loopback address and an ephemeral port; each connection gets a handler. */
final class LoopbackServer implements AutoCloseable {
  /** What the server does with one accepted connection (the socket is closed afterwards). */
  interface Handler {
    void handle(Socket socket) throws Exception;
  }

  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  LoopbackServer(String address, Handler handler) throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName(address), 0), 50);
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          accepted.add(socket);
          Thread worker = new Thread(() -> {
            try (socket) {
              handler.handle(socket);
            } catch (Exception e) {
              // the client went away or the test ended
            }
          }, "loopback-conn");
          worker.setDaemon(true);
          worker.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "loopback-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }
}

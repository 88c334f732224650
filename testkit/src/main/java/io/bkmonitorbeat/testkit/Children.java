package io.bkmonitorbeat.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Real child processes for tests: {@code sleep}, and a JVM listening on loopback TCP and UDP. */
public final class Children {
  private Children() {}

  /** A started child; closing it kills it. */
  public record Child(Process process, int tcpPort, int udpPort) implements AutoCloseable {
    /** Returns the pid. */
    public int pid() {
      return (int) process.pid();
    }

    @Override
    public void close() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts {@code sleep <seconds>}. */
  public static Child sleep(String seconds) throws IOException {
    return new Child(new ProcessBuilder("sleep", seconds).start(), 0, 0);
  }

  /**
   * Starts a JVM running {@link Listener} with {@code marker} on its command line, and waits
   * until it listens on 127.0.0.1 (TCP) and has bound a UDP socket on 127.0.0.1.
   */
  public static Child listener(String marker) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx32m", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        Listener.class.getName(), marker)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null) {
      process.destroyForcibly();
      throw new IOException("the listener child ended before it listened");
    }
    String[] ports = line.trim().split(" ");
    return new Child(process, Integer.parseInt(ports[0]), Integer.parseInt(ports[1]));
  }

  /** The child's main: binds, prints "tcpPort udpPort", then waits for stdin to close. */
  public static final class Listener {
    private Listener() {}

    /** Entry point. */
    public static void main(String[] args) throws IOException {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      try (ServerSocket tcp = new ServerSocket(0, 50, loopback);
          DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
        System.out.println(tcp.getLocalPort() + " " + udp.getLocalPort());
        System.out.flush();
        while (System.in.read() >= 0) {
          // wait until the parent closes stdin or kills us
        }
      }
    }
  }
}

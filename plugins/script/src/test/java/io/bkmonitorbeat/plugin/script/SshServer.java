package io.bkmonitorbeat.plugin.script;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server for tests: {@code sshd -D} on a loopback port with a host key and a
 * client key generated for the run, logging in the current user by key. {@link #available()}
 * says whether {@code /usr/sbin/sshd} and {@code ssh-keygen} exist (tests skip otherwise).
 */
final class SshServer implements AutoCloseable {
  static final Path SSHD = Path.of("/usr/sbin/sshd");
  static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");

  final Path dir;
  final int port;
  /** The passphrase of {@link #lockedKey}. */
  static final String PASSPHRASE = "correct horse";
  final Path clientKey;
  /** An authorized key protected by {@link #PASSPHRASE}. */
  final Path lockedKey;
  final Path knownHosts;
  final Path wrongKnownHosts;
  private final Process process;
  private final Path log;

  static boolean available() {
    return Files.isExecutable(SSHD) && Files.isExecutable(KEYGEN);
  }

  SshServer(Path dir) throws Exception {
    this.dir = dir;
    keygen(dir.resolve("host_key"));
    keygen(dir.resolve("other_host_key"));
    keygen(dir.resolve("client_key"));
    keygen(dir.resolve("locked_key"), PASSPHRASE);
    this.clientKey = dir.resolve("client_key");
    this.lockedKey = dir.resolve("locked_key");
    Files.writeString(dir.resolve("authorized_keys"), Files.readString(dir.resolve("client_key.pub"))
        + Files.readString(dir.resolve("locked_key.pub")));
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      this.port = socket.getLocalPort();
    }
    this.knownHosts = knownHosts(dir.resolve("known_hosts"), dir.resolve("host_key.pub"));
    this.wrongKnownHosts = knownHosts(dir.resolve("wrong_known_hosts"), dir.resolve("other_host_key.pub"));
    Path config = Files.writeString(dir.resolve("sshd_config"), """
        ListenAddress 127.0.0.1
        HostKey %1$s/host_key
        PidFile %1$s/sshd.pid
        AuthorizedKeysFile %1$s/authorized_keys
        PermitRootLogin prohibit-password
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        StrictModes no
        """.formatted(dir));
    // sshd refuses to start without its privilege-separation directory (created by its init script).
    Files.createDirectories(Path.of("/run/sshd"));
    this.log = dir.resolve("sshd.log");
    this.process = new ProcessBuilder(List.of(SSHD.toString(), "-D", "-e", "-f", config.toString(),
        "-p", Integer.toString(port)))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    awaitListening();
  }

  private static void keygen(Path key) throws Exception {
    keygen(key, "");
  }

  private static void keygen(Path key, String passphrase) throws Exception {
    Process keygen = new ProcessBuilder(List.of(KEYGEN.toString(), "-q", "-t", "ed25519", "-N", passphrase,
        "-C", "bkm-test", "-f", key.toString())).redirectErrorStream(true).start();
    String out = new String(keygen.getInputStream().readAllBytes());
    if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
      throw new IllegalStateException("ssh-keygen failed: " + out);
    }
  }

  private Path knownHosts(Path file, Path publicKey) throws IOException {
    String[] key = Files.readString(publicKey).trim().split(" ");
    return Files.writeString(file, "[127.0.0.1]:" + port + " " + key[0] + " " + key[1] + "\n");
  }

  private void awaitListening() throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() - until < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException("sshd exited: " + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("sshd did not listen on " + port + ": " + Files.readString(log));
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

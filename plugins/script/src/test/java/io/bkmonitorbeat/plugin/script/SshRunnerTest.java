package io.bkmonitorbeat.plugin.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script collector against a real OpenSSH server on loopback. */
class SshRunnerTest {
  @TempDir static Path dir;
  private static SshServer server;

  @BeforeAll
  static void startServer() throws Exception {
    assumeTrue(SshServer.available(), "no /usr/sbin/sshd or ssh-keygen (Debian package openssh-server)");
    server = new SshServer(dir);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static Map<String, Object> ssh(Path knownHosts) {
    Map<String, Object> ssh = new HashMap<>();
    ssh.put("host", "127.0.0.1");
    ssh.put("port", server.port);
    ssh.put("user", System.getProperty("user.name"));
    ssh.put("private_key", server.clientKey.toString());
    ssh.put("known_hosts", knownHosts.toString());
    ssh.put("connect_timeout", "5s");
    return ssh;
  }

  private static TestContext run(Map<String, ?> settings, Duration timeout) throws Exception {
    TestContext context = new TestContext(TestContext.task(settings, timeout));
    try (ScriptCollector collector = (ScriptCollector) new ScriptCollectorProvider().create(context)) {
      collector.collect(Instant.now().plus(timeout));
      context.lastCounters = collector.counters();
    }
    return context;
  }

  @Test
  void runsTheCommandRemotelyAndParsesItsOutput() throws Exception {
    TestContext context = run(Map.of(
        "command", "echo \"remote_metric{via=\\\"$VIA\\\"} 1\"; echo 'remote_two 2' | cat",
        "user_env", Map.of("VIA", "it's ssh"),
        "ssh", ssh(server.knownHosts)), Duration.ofSeconds(20));
    assertThat(context.metricEvents()).as(() -> "events " + context.events + " sshd log " + log()).hasSize(2);
    assertThat(context.metricEvents().get(0).fields().get("dimensions"))
        .isEqualTo(Map.of("via", "it's ssh", "bk_biz_id", 2));
    assertThat(context.onlyGatherUp()).containsEntry("code", "0").containsEntry("value", 3L);
  }

  @Test
  void nonZeroRemoteExitIsRunFailed() throws Exception {
    TestContext context = run(Map.of("command", "echo 'm 1'; exit 7", "ssh", ssh(server.knownHosts)),
        Duration.ofSeconds(20));
    assertThat(context.metricEvents()).isEmpty();
    assertThat(context.onlyGatherUp()).containsEntry("code", "2301");
  }

  @Test
  void aChangedHostKeyIsRejected() throws Exception {
    TestContext context = run(Map.of("command", "echo 'm 1'", "ssh", ssh(server.wrongKnownHosts)),
        Duration.ofSeconds(20));
    assertThat(context.metricEvents()).isEmpty();
    assertThat(context.onlyGatherUp()).containsEntry("code", "2301");
    assertThat(context.lastCounters).containsEntry("ssh_host_key_rejected", 1L);
  }

  @Test
  void anUnknownHostKeyIsRejected() throws Exception {
    Path empty = java.nio.file.Files.writeString(dir.resolve("empty_known_hosts"), "");
    TestContext context = run(Map.of("command", "echo 'm 1'", "ssh", ssh(empty)), Duration.ofSeconds(20));
    assertThat(context.metricEvents()).isEmpty();
    assertThat(context.onlyGatherUp()).containsEntry("code", "2301");
    assertThat(context.lastCounters).containsEntry("ssh_host_key_rejected", 1L);
  }

  @Test
  void aSlowRemoteCommandTimesOut() throws Exception {
    long started = System.nanoTime();
    TestContext context = run(Map.of("command", "sleep 30", "ssh", ssh(server.knownHosts)), Duration.ofSeconds(3));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(context.onlyGatherUp()).containsEntry("code", "2304");
  }

  @Test
  void aWrongKeyIsRunFailed() throws Exception {
    Map<String, Object> ssh = ssh(server.knownHosts);
    ssh.put("private_key", dir.resolve("other_host_key").toString()); // a key sshd does not authorize
    TestContext context = run(Map.of("command", "echo 'm 1'", "ssh", ssh), Duration.ofSeconds(20));
    assertThat(context.onlyGatherUp()).containsEntry("code", "2301");
    assertThat(context.lastCounters).containsEntry("ssh_host_key_rejected", 0L);
  }

  @Test
  void aPassphraseProtectedKeyLogsInWithItsPassphrase() throws Exception {
    Map<String, Object> ssh = ssh(server.knownHosts);
    ssh.put("private_key", server.lockedKey.toString());
    ssh.put("passphrase", SshServer.PASSPHRASE);
    TestContext context = run(Map.of("command", "echo 'locked 1'", "ssh", ssh), Duration.ofSeconds(20));
    assertThat(context.metricEvents()).as(() -> "events " + context.events + " sshd log " + log()).hasSize(1);

    ssh.put("passphrase", "wrong");
    TestContext wrong = run(Map.of("command", "echo 'locked 1'", "ssh", ssh), Duration.ofSeconds(20));
    assertThat(wrong.onlyGatherUp()).containsEntry("code", "2301");
  }

  @Test
  void aPasswordTheServerDoesNotAcceptIsRunFailed() throws Exception {
    Map<String, Object> ssh = ssh(server.knownHosts);
    ssh.remove("private_key");
    ssh.put("password", "not-the-password"); // the test server allows no password logins
    TestContext context = run(Map.of("command", "echo 'm 1'", "ssh", ssh), Duration.ofSeconds(20));
    assertThat(context.metricEvents()).isEmpty();
    assertThat(context.onlyGatherUp()).containsEntry("code", "2301");
    assertThat(context.lastCounters).containsEntry("ssh_host_key_rejected", 0L);
  }

  private static String log() {
    try {
      return server.log();
    } catch (Exception e) {
      return e.toString();
    }
  }
}

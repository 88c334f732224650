package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's safety nets on the real tarball run as a daemon: a trust file admits only the
 * jars it lists with their digests (a tampered jar and the tarball's own unlisted jars are
 * refused, with the reason in {@code bin/bkmonitorbeat plugins}); with {@code restart_on_leak} an
 * unloaded plugin whose class loader leaks makes the process exit with status 75, for the service
 * manager to restart it.
 */
class PluginTrustAndLeakIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int ECHO_DATAID = 1500300;

  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":0,\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"agent-t\",\"hostid\":43}");

  @TempDir Path work;

  @Test
  void onlyTheJarsTheTrustFileListsLoad() throws Exception {
    Installation installation = Installation.unpack(work);
    Path plugins = installation.home.resolve("plugins");
    Path echo = Files.copy(TestPlugins.echo(work.resolve("build/echo.jar"), "echo", "echo", "1.0.0").build(),
        plugins.resolve("echo.jar"));
    Path other = Files.copy(TestPlugins.echo(work.resolve("build/other.jar"), "other", "other", "1.0.0").build(),
        plugins.resolve("other.jar"));
    Files.writeString(installation.home.resolve("etc/plugins.trust"), """
        # sha256sum plugins/echo.jar plugins/other.jar, before other.jar was tampered with
        %s  plugins/echo.jar
        %s  plugins/other.jar
        """.formatted(sha256(echo), sha256(other)));
    Files.write(other, new byte[] {0}, StandardOpenOption.APPEND);
    Path config = Installation.writeConfig(work, gse, """
        bkmonitorbeat:
          echo_task: {dataid: %d, tasks: [{task_id: 1, period: 1s}]}
          other_task: {dataid: %d, tasks: [{task_id: 2, period: 1s}]}
        """.formatted(ECHO_DATAID, ECHO_DATAID + 1));

    try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
      agent.awaitFrame(gse, f -> f.dataId() == ECHO_DATAID, WAIT);
      AgentProcess listing = installation.run(work, "-c", config.toString(), "plugins");
      assertThat(listing.stdout())
          .containsPattern("echo\\s+1\\.0\\.0\\s+testkit\\s+STARTED\\s+1\\s+echo")
          .containsPattern("other\\.jar.*FAILED.*SHA-256 [0-9a-f]{64} does not match the trust file")
          .containsPattern("FAILED.*not listed in the trust file");
      gse.drain(Duration.ofMillis(300));
      assertThat(gse.drain(Duration.ofMillis(2500))).as("no event of the tampered plugin")
          .noneMatch(f -> f.dataId() == ECHO_DATAID + 1);
      agent.signal("TERM");
      assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
    }
  }

  @Test
  void aLeakedClassLoaderWithRestartOnLeakExitsWith75() throws Exception {
    Installation installation = Installation.unpack(work);
    Path plugins = installation.home.resolve("plugins");
    Files.copy(TestPlugins.leaky(work.resolve("build/leaky.jar"), "leaky", "hot-leaky-rogue", "never.set").build(),
        plugins.resolve("leaky.jar"));
    Path config = Installation.writeConfig(work, gse, """
        plugins: {restart_on_leak: true, settle: 200ms}
        bkmonitorbeat:
          leaky_task: {dataid: %d, tasks: [{task_id: 3}]}
        """.formatted(ECHO_DATAID + 2));

    try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
      agent.await("the leaky task running",
          () -> agent.stderr().contains("Streaming task leaky/3 started"), WAIT);
      Files.delete(plugins.resolve("leaky.jar"));
      assertThat(agent.awaitExit(60)).as("exit status after the leak").isEqualTo(75);
      assertThat(agent.stderr()).contains("leaky").contains("hot-leaky-rogue");
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}

package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import io.bkmonitorbeat.testkit.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot plugin jars against the real tarball run as a daemon: the vendor example under {@code
 * examples/vendor-collector} is built with Maven against the plugin API jar alone, dropped into
 * {@code plugins/} and seen producing events, then removed and seen stopping; a test plugin is
 * upgraded and downgraded in place with events checked before and after; a corrupted jar is
 * reported and changes nothing; {@code bin/bkmonitorbeat plugins} shows the running agent's view.
 */
class HotPluginsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int VENDOR_DATAID = 1500100;
  private static final int ECHO_DATAID = 1500200;

  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":0,\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"agent-x\",\"hostid\":42}");

  @TempDir Path work;
  private Installation installation;
  private Path plugins;

  @BeforeEach
  void unpack() throws Exception {
    installation = Installation.unpack(work);
    plugins = installation.home.resolve("plugins");
  }

  @Test
  void vendorPluginAddedAndRemovedAndATestPluginUpgradedAndDowngraded() throws Exception {
    Path vendorJar = buildVendorExample();
    Path echo1 = echoJar("1.0.0");
    Path echo2 = echoJar("2.0.0");
    Path config = Installation.writeConfig(work, gse, """
        plugins: {settle: 200ms}
        bkmonitorbeat:
          vendor_loadavg_task:
            dataid: %d
            tasks: [{task_id: 1, period: 1s}]
          echo_task:
            dataid: %d
            tasks: [{task_id: 2, period: 1s}]
        """.formatted(VENDOR_DATAID, ECHO_DATAID));

    try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
      await(agent, "the agent running with both task types unserved",
          () -> agent.stderr().contains("no plugin serves task type 'vendor_loadavg'"));

      // hot add: the vendor's jar, built outside the reactor
      drop(vendorJar, "acme-loadavg-1.0.0.jar");
      Frame load = awaitFrame(agent, f -> f.dataId() == VENDOR_DATAID);
      assertThat(load.payload()).containsKeys("load1", "load5", "load15")
          .containsEntry("type", "vendor_loadavg").containsEntry("task_id", 1);
      AgentProcess listing = installation.run(work, "-c", config.toString(), "plugins");
      assertThat(listing.stdout()).contains("running agent (pid " + agent.pid() + ")")
          .containsPattern("acme-loadavg\\s+1\\.0\\.0\\s+ACME Corp\\s+STARTED\\s+1\\s+vendor_loadavg");

      // hot add, upgrade and downgrade in place (atomic rename over the old jar)
      drop(echo1, "echo.jar");
      awaitFrame(agent, f -> f.dataId() == ECHO_DATAID && "1.0.0".equals(f.payload().get("v")));
      drop(echo2, "echo.jar");
      awaitFrame(agent, f -> f.dataId() == ECHO_DATAID && "2.0.0".equals(f.payload().get("v")));
      assertNoFrame(f -> f.dataId() == ECHO_DATAID && "1.0.0".equals(f.payload().get("v")),
          "a 1.0.0 echo event after the upgrade");
      drop(echo1, "echo.jar");
      awaitFrame(agent, f -> f.dataId() == ECHO_DATAID && "1.0.0".equals(f.payload().get("v")));
      assertNoFrame(f -> f.dataId() == ECHO_DATAID && "2.0.0".equals(f.payload().get("v")),
          "a 2.0.0 echo event after the downgrade");

      // a corrupted jar over the running one: rejected, the old version keeps running
      Path corrupt = Files.write(work.resolve("corrupt.jar"), new byte[] {'P', 'K', 3, 4, 9, 9, 9});
      drop(corrupt, "echo.jar");
      await(agent, "the corrupted jar rejected",
          () -> agent.stderr().contains("Plugin jar 'echo.jar' rejected, 'echo@1.0.0' keeps running"));
      gse.drain(Duration.ofMillis(200));
      awaitFrame(agent, f -> f.dataId() == ECHO_DATAID && "1.0.0".equals(f.payload().get("v")));

      // hot remove: the vendor's tasks stop
      Files.delete(plugins.resolve("acme-loadavg-1.0.0.jar"));
      await(agent, "the vendor plugin unloaded",
          () -> agent.stderr().contains("Plugin 'acme-loadavg@1.0.0' unloaded"));
      assertNoFrame(f -> f.dataId() == VENDOR_DATAID, "a vendor event after removal");
      listing = installation.run(work, "-c", config.toString(), "plugins");
      assertThat(listing.stdout()).doesNotContain("acme-loadavg")
          .containsPattern("echo\\s+1\\.0\\.0\\s+testkit\\s+STARTED\\s+1\\s+echo; replacement 'echo.jar' rejected");
      assertThat(openJarCopies(agent.pid())).as("descriptors of the agent on plugins/").isEmpty();

      agent.signal("TERM");
      assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
      assertThat(agent.stderr()).doesNotContain("Exception in thread").doesNotContain("leak");
    }
  }

  /** Builds examples/vendor-collector with Maven, against the plugin API jar only. */
  private Path buildVendorExample() throws Exception {
    Path source = Path.of(System.getProperty("bkm.vendor.example"));
    Path copy = work.resolve("vendor-collector");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = source.relativize(file);
        if (relative.toString().startsWith("target")) {
          continue;
        }
        Path target = copy.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Path log = work.resolve("vendor-build.log");
    Process mvn = new ProcessBuilder(System.getProperty("bkm.mvn"), "-o", "-B", "-q", "package",
        "-DskipTests", "-Dmaven.repo.local=" + System.getProperty("bkm.repo"),
        "-Dbkm.api.jar=" + System.getProperty("bkm.api.jar"))
        .directory(copy.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
      throw new AssertionError("the vendor example does not build:\n" + Files.readString(log));
    }
    Path jar = copy.resolve("target/acme-loadavg-1.0.0.jar");
    assertThat(jar).exists();
    return jar;
  }

  /** A polled test plugin of type echo whose events say its version. */
  private Path echoJar(String version) {
    return TestPlugins.echo(work.resolve("build/echo-" + version + ".jar"), "echo", "echo", version)
        .build();
  }

  /** Installs a jar as an operator should: a hidden temp name, then an atomic rename. */
  private void drop(Path jar, String name) throws IOException {
    Path temp = plugins.resolve("." + name + ".part");
    Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(temp, plugins.resolve(name), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<String> openJarCopies(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.map(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          return "";
        }
      }).filter(target -> target.contains("/plugins/")).toList();
    }
  }

  private Frame awaitFrame(AgentProcess agent, Predicate<Frame> wanted) throws InterruptedException {
    return agent.awaitFrame(gse, wanted, WAIT);
  }

  /** Frames already queued may precede the change: skip them, then watch 2.5 s of new ones. */
  private void assertNoFrame(Predicate<Frame> unwanted, String what) throws InterruptedException {
    gse.drain(Duration.ofMillis(300));
    assertThat(gse.drain(Duration.ofMillis(2500))).as(what).noneMatch(unwanted);
  }

  private static void await(AgentProcess agent, String what, BooleanSupplier done)
      throws InterruptedException {
    agent.await(what, done, WAIT);
  }
}

package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tarball, unpacked, run as {@code bin/bkmonitorbeat} against a fake GSE agent and a
 * loopback TCP listener.
 */
class AgentProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":0,\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"agent-x\",\"hostid\":42}");

  @TempDir Path work;
  private Installation installation;

  @BeforeEach
  void unpack() throws Exception {
    installation = Installation.unpack(work);
  }

  @Test
  void daemonPublishesTcpEventsAndHeartbeatsReloadsAndStopsCleanly() throws Exception {
    Files.write(installation.home.resolve("plugins/broken.jar"), new byte[] {1, 2, 3});
    try (LoopbackListener target = new LoopbackListener()) {
      Path config = writeConfig(target.port(), "");
      try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
        Frame heartbeat = awaitFrame(f -> f.dataId() == 1100001, agent);
        assertThat(map(heartbeat.payload(), "dimensions"))
            .containsEntry("version", System.getProperty("bkm.version"))
            .containsEntry("bk_host_id", "42");
        Frame tcp = awaitFrame(f -> f.dataId() == 1009, agent);
        assertThat(tcp.payload())
            .containsEntry("task_id", 1).containsEntry("status", 0).containsEntry("error_code", 0)
            .containsEntry("type", "tcp").containsEntry("target_port", target.port())
            .containsEntry("bizid", 3).containsEntry("bk_agent_id", "agent-x")
            .containsEntry("bk_host_id", 42).containsEntry("node_id", "0:127.0.0.1")
            .containsKey("gseindex");

        // a new child file: picked up by the include-directory watcher
        Files.writeString(work.resolve("child/tcp.conf"), """
            type: tcp
            name: child_tcp
            version: 1.0
            dataid: 1010
            tasks:
              - {task_id: 2, period: 1s, timeout: 1s, target_host: 127.0.0.1, target_port: %d}
            """.formatted(target.port()));
        assertThat(awaitFrame(f -> f.dataId() == 1010, agent).payload()).containsEntry("task_id", 2);

        // a task added to the main file: applied on SIGUSR1
        writeConfig(target.port(), """
                  - {task_id: 3, period: 1s, timeout: 1s, target_host: 127.0.0.1, target_port: %d}
            """.formatted(target.port()));
        agent.signal("USR1");
        awaitFrame(f -> f.dataId() == 1009 && Integer.valueOf(3).equals(f.payload().get("task_id")), agent);

        // a broken child file: skipped and counted, the rest keeps running
        Files.writeString(work.resolve("child/zz-broken.conf"),
            "type: tcp\nname: b\nversion: 1\ndataid: 5\ntasks: [{task_id: 9, period: nonsense}]\n");
        awaitFrame(f -> f.dataId() == 1100001 && Integer.valueOf(1).equals(map(f.payload(), "metrics").get("error_tasks")), agent);
        awaitFrame(f -> f.dataId() == 1010, agent);

        // an invalid main file on reload: rejected, the running configuration stays
        Files.writeString(config, Files.readString(config).replace("mode: daemon", "mode: daemon\n  check_interval: bogus"));
        agent.signal("USR1");
        awaitStderr(agent, "rejected, the running configuration stays");
        awaitFrame(f -> f.dataId() == 1009 && Integer.valueOf(3).equals(f.payload().get("task_id")), agent);

        agent.signal("TERM");
        assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
        assertThat(agent.stderr()).contains("Stopped in").contains("broken.jar").doesNotContain("Exception in thread");
      }
    }
    assertThat(gse.violations()).isEmpty();
  }

  @Test
  void anInvalidConfigStopsTheStartNamingTheFileTheKeyAndTheValue() throws Exception {
    Path config = Files.writeString(work.resolve("bad.yml"), """
        output.console: {}
        bkmonitorbeat:
          mode: daemon
          heart_beat.global_dataid: 1
          tcp_task:
            dataid: 1009
            tasks:
              - {task_id: 1, period: abc, target_host: 127.0.0.1, target_port: 1}
        """);

    AgentProcess agent = installation.run(work, "-c", config.toString());

    assertThat(agent.awaitExit(1)).isEqualTo(1);
    assertThat(agent.stderr()).contains(config.toString()).contains("tasks[0].period").contains("'abc'");
  }

  @Test
  void checkModeRunsEveryTaskOnceAndFailsWhenATaskCannotRun() throws Exception {
    try (LoopbackListener target = new LoopbackListener()) {
      String tcp = """
          output.console: {}
          path.data: %s
          bkmonitorbeat:
            ignore_cmdb_level: true
            tcp_task:
              dataid: 1009
              tasks:
                - {task_id: 7, target_host: 127.0.0.1, target_port: %d}
          """.formatted(work.resolve("data"), target.port());
      Path good = Files.writeString(work.resolve("check.yml"), tcp);

      AgentProcess ok = installation.run(work, "-c", good.toString(), "-check");

      assertThat(ok.awaitExit(1)).as(ok.stderr()).isZero();
      assertThat(ok.stdout()).contains("\"task_id\":7").contains("\"status\":0").contains("\"type\":\"tcp\"");

      Path bad = Files.writeString(work.resolve("check-bad.yml"),
          tcp + "  nosuch_task: {dataid: 1011, tasks: [{task_id: 8, target_host: 127.0.0.1, target_port: 1}]}\n");
      AgentProcess failed = installation.run(work, "-c", bad.toString(), "-check");

      assertThat(failed.awaitExit(1)).isEqualTo(1);
      assertThat(failed.stderr()).contains("no plugin serves task type 'nosuch'");
      assertThat(failed.stdout()).contains("\"task_id\":7");
    }
  }

  @Test
  void checkModeRunsAnHttpTask() throws Exception {
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 4);
    server.createContext("/health", exchange -> {
      byte[] body = "all good".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (exchange) {
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
    try {
      Path config = Files.writeString(work.resolve("http-check.yml"), """
          output.console: {}
          path.data: %s
          bkmonitorbeat:
            ignore_cmdb_level: true
            http_task:
              dataid: 1011
              tasks:
                - task_id: 11
                  steps:
                    - {url: "http://127.0.0.1:%d/health", response: good, response_format: in}
          """.formatted(work.resolve("data"), server.getAddress().getPort()));

      AgentProcess check = installation.run(work, "-c", config.toString(), "-check");

      assertThat(check.awaitExit(1)).as(check.stderr()).isZero();
      assertThat(check.stdout()).contains("\"task_id\":11").contains("\"type\":\"http\"")
          .contains("\"status\":0").contains("\"response_code\":200");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void checkModePingsLoopbackWithTheHostsJnr() throws Exception {
    // The ping plugin binds libc through the host's jnr-ffi (parent-first): this proves the
    // binding works from inside a plugin class loader. Root (or CAP_NET_RAW) is needed for the
    // raw socket, as in CI; the event then reports no loss.
    Path config = Files.writeString(work.resolve("ping.yml"), """
        output.console: {}
        path.data: %s
        bkmonitorbeat:
          ignore_cmdb_level: true
          ping_task:
            dataid: 1100003
            tasks:
              - task_id: 11
                timeout: 3s
                max_rtt: 1s
                total_num: 3
                targets:
                  - {target: 127.0.0.1, target_type: ip}
        """.formatted(work.resolve("data")));

    AgentProcess check = installation.run(work, "-c", config.toString(), "-check");

    assertThat(check.awaitExit(1)).as(check.stderr()).isZero();
    assertThat(check.stderr()).doesNotContain("jnr").doesNotContain("LinkageError");
    assertThat(check.stdout()).contains("\"type\":\"ping\"").contains("\"loss_percent\":0.0")
        .contains("\"target\":\"127.0.0.1\"").contains("\"error_code\":\"0\"");
  }

  @Test
  void aSecondInstanceIsRefusedByThePidFileLock() throws Exception {
    try (LoopbackListener target = new LoopbackListener()) {
      Path config = writeConfig(target.port(), "");
      try (AgentProcess first = installation.start(work, "-c", config.toString())) {
        awaitFrame(f -> f.dataId() == 1009, first);

        AgentProcess second = installation.run(work, "-c", config.toString());

        assertThat(second.awaitExit(1)).isEqualTo(1);
        assertThat(second.stderr()).contains("another bkmonitorbeat (pid " + first.pid() + ")");
        assertThat(first.isAlive()).isTrue();

        AgentProcess reload = installation.run(work, "-c", config.toString(), "-reload");
        assertThat(reload.awaitExit(1)).isZero();
        assertThat(reload.stdout()).contains("Done");
        first.signal("TERM");
        assertThat(first.awaitExit(30)).isZero();
      }
    }
  }

  @Test
  void versionAndPluginListing() throws Exception {
    AgentProcess version = installation.run(work, "-v");
    assertThat(version.awaitExit(1)).isZero();
    assertThat(version.stdout()).contains("bkmonitorbeat " + System.getProperty("bkm.version"))
        .contains("plugin API 1.");

    Files.write(installation.home.resolve("plugins/broken.jar"), new byte[] {1, 2, 3});
    AgentProcess plugins = installation.run(work, "plugins");
    assertThat(plugins.awaitExit(1)).isEqualTo(1);
    assertThat(plugins.stdout())
        .containsPattern("tcp\\s+1\\.0\\.0\\s+bkmonitorbeat\\s+STARTED\\s+-\\s+tcp")
        .containsPattern("udp\\s+1\\.0\\.0\\s+bkmonitorbeat\\s+STARTED\\s+-\\s+udp")
        .containsPattern("http\\s+1\\.0\\.0\\s+bkmonitorbeat\\s+STARTED\\s+-\\s+http")
        .containsPattern("ping\\s+1\\.0\\.0\\s+bkmonitorbeat\\s+STARTED\\s+-\\s+ping")
        .containsPattern("broken\\.jar\\s+.*FAILED\\s+-\\s+cannot load");
  }

  private Path writeConfig(int port, String extraTasks) throws Exception {
    Files.createDirectories(work.resolve("child"));
    return Files.writeString(work.resolve("bkmonitorbeat.yml"), """
        output.bkpipe:
          endpoint: %s
        path.data: %s
        path.pid: %s
        logging.level: info
        bkmonitorbeat:
          mode: daemon
          node_id: "0:127.0.0.1"
          ip: 127.0.0.1
          bk_cloud_id: 0
          bk_biz_id: 2
          ignore_cmdb_level: true
          include: %s
          heart_beat: {global_dataid: 1100001, period: 1s, publish_immediately: true}
          tcp_task:
            dataid: 1009
            min_period: 1s
            tasks:
              - {task_id: 1, period: 1s, timeout: 1s, target_host: 127.0.0.1, target_port: %d, response: hello, response_format: startswith}
        """.formatted(gse.socketPath(), work.resolve("data"), work, work.resolve("child"), port)
        + extraTasks);
  }

  private Frame awaitFrame(Predicate<Frame> wanted, AgentProcess agent) throws InterruptedException {
    return agent.awaitFrame(gse, wanted, WAIT);
  }

  private static void awaitStderr(AgentProcess agent, String text) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!agent.stderr().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("stderr never said '" + text + "':\n" + agent.stderr());
      }
      Thread.sleep(100);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> payload, String key) {
    return (Map<String, Object>) payload.get(key);
  }
}

package io.bkmonitorbeat.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.host.config.ConfigLoader;
import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import io.bkmonitorbeat.testkit.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The agent in-process: a real plugin jar, a real host-id file, the fake GSE agent. */
class AgentTest {
  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":3,\"ip\":\"10.0.0.5\",\"bk_agent_id\":\"a-1\",\"hostid\":77}");

  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void setUp() throws Exception {
    TestPlugins.echo(dir.resolve("plugins/echo.jar"), "echo", "echo", "1.0.0").build();
    writeHostId("10.0.0.5");
    config = Files.writeString(dir.resolve("bkmonitorbeat.yml"), """
        output.bkpipe: {endpoint: %s}
        path.data: data
        bkmonitorbeat:
          mode: daemon
          node_id: "0:127.0.0.1"
          ip: 127.0.0.1
          bk_cloud_id: 0
          bk_biz_id: 2
          host_id_path: %s
          heart_beat: {global_dataid: 1100001, period: 1s, publish_immediately: true}
          echo_task:
            dataid: 1500
            min_period: 1s
            tasks: [{task_id: 1, period: 1s}]
        """.formatted(gse.socketPath(), dir.resolve("hostid")));
  }

  @Test
  void eventsCarryTheHostIdentityAndCmdbLevelsAndAReloadRereadsTheHostIdFile() throws Exception {
    try (Agent agent = Agent.start(new AgentOptions(config, dir.resolve("plugins"), false),
        ConfigLoader.load(config, null, type -> true))) {
      Map<String, Object> event = await(f -> f.dataId() == 1500).payload();
      assertThat(event)
          .containsEntry("node_id", "3:10.0.0.5").containsEntry("bk_cloud_id", 3)
          .containsEntry("type", "echo").containsEntry("bk_host_id", 77)
          .containsEntry("bk_agent_id", "a-1");
      assertThat(event.get("bk_cmdb_level")).isEqualTo(
          List.of(Map.of("bk_biz_id", 5, "bk_set_id", 6, "bk_module_id", 7)));
      assertThat(await(f -> f.dataId() == 1100001).payload()).doesNotContainKey("bk_cmdb_level");

      writeHostId("10.0.0.9");
      agent.requestReload("test");

      await(f -> f.dataId() == 1500 && "3:10.0.0.9".equals(f.payload().get("node_id")));
      assertThat(agent.selfMetrics()).containsEntry("tasks_running", 1)
          .containsEntry("plugins_running", 1L);
    }
    assertThat(gse.violations()).isEmpty();
  }

  @Test
  void checkModeRunsEachTaskOnce() throws Exception {
    try (Agent agent = Agent.start(new AgentOptions(config, dir.resolve("plugins"), true),
        ConfigLoader.load(config, null, type -> true))) {
      assertThat(agent.checkMode()).isTrue();
      assertThat(agent.runChecks()).isZero();
    }
    assertThat(gse.take(1, Duration.ofSeconds(10))).singleElement()
        .satisfies(frame -> assertThat(frame.dataId()).isEqualTo(1500));
    assertThat(gse.drain(Duration.ofMillis(300))).isEmpty(); // no heartbeat in check mode
  }

  @Test
  void onlyOutputPathLoggingAndModeChangesNeedARestart() throws Exception {
    var running = ConfigLoader.load(config, null, type -> true).agent();
    var same = ConfigLoader.load(config, null, type -> true).agent();
    Files.writeString(config, Files.readString(config).replace("tasks: [{task_id: 1, period: 1s}]",
        "tasks: [{task_id: 2, period: 1s}]"));
    var tasksChanged = ConfigLoader.load(config, null, type -> true).agent();
    Files.writeString(config, Files.readString(config).replace("output.bkpipe: {", "output.bkpipe: {queue_size: 5, "));
    var outputChanged = ConfigLoader.load(config, null, type -> true).agent();

    assertThat(Agent.restartOnlyChanged(running, same)).isFalse();
    assertThat(Agent.restartOnlyChanged(running, tasksChanged)).isFalse();
    assertThat(Agent.restartOnlyChanged(running, outputChanged)).isTrue();
  }

  private void writeHostId(String ip) throws Exception {
    Files.writeString(dir.resolve("hostid"), """
        {"bk_host_innerip": "%s,10.0.0.6", "bk_cloud_id": 3, "bk_host_id": 77,
         "associations": {"1": {"bk_biz_id": 5, "bk_set_id": 6, "bk_module_id": 7}}}
        """.formatted(ip));
  }

  private Frame await(Predicate<Frame> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      Frame frame = gse.poll(Duration.ofMillis(200));
      if (frame != null && wanted.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no matching frame within 15 s");
  }
}

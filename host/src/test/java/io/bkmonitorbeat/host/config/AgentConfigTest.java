package io.bkmonitorbeat.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
  @TempDir Path dir;

  @Test
  void defaults() {
    LoadedConfig loaded = ConfigLoader.load(Fixtures.main(dir, ""));
    AgentConfig agent = loaded.agent();
    assertThat(agent.mode()).isEqualTo(Mode.CHECK);
    assertThat(agent.checkInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(agent.cleanUpTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(agent.eventBufferSize()).isEqualTo(10);
    assertThat(agent.heartBeat().period()).isEqualTo(Duration.ofMinutes(1));
    assertThat(agent.heartBeat().publishImmediately()).isTrue();
    assertThat(agent.metricsBatchSize()).isEqualTo(1024);
    assertThat(agent.maxMetricBatches()).isEqualTo(5000);
    assertThat(agent.hostId().cmdbLevelMaxLength()).isEqualTo(10);
    // relative to the main file's directory (its default home), not to the working directory
    assertThat(agent.paths().home()).isEqualTo(dir.toAbsolutePath());
    assertThat(agent.paths().data()).isEqualTo(dir.toAbsolutePath().resolve("data"));
    assertThat(agent.paths().logs()).isEqualTo(dir.toAbsolutePath().resolve("logs"));
    assertThat(agent.paths().pidFile()).isEqualTo(dir.toAbsolutePath().resolve("bkmonitorbeat.pid"));
    assertThat(agent.logging().level()).isEqualTo("info");
    assertThat(loaded.configErrorCode()).isEqualTo(LoadedConfig.NO_INCLUDE);
    assertThat(loaded.tasks()).isEmpty();
    assertThat(loaded.warnings()).isEmpty();
  }

  @Test
  void readsEveryKeyWithGoDurationsAndBareSeconds() {
    Path main = Fixtures.write(dir.resolve("m.yml"), """
        output.bkpipe:
          endpoint: /var/run/ipc.state.report
        path:
          pid: /run/bk
          data: /var/lib/bk
        logging: {level: DEBUG, path: /var/log/bk, maxsize: 20, maxage: 3, backups: 5, stdout: true}
        bkmonitorbeat:
          mode: daemon
          check_interval: 1m30s
          clean_up_timeout: 2
          event_buffer_size: 50
          node_id: "0:1.1.1.1"
          ip: 1.1.1.1
          bk_biz_id: 2
          bk_cloud_id: 3
          heart_beat: {global_dataid: 1100001, child_dataid: 1100002, period: 0.5m, publish_immediately: false}
          gather_up_beat.dataid: 1100017
          include: %s
          multi_child_dir: true
          host_id_path: %s
          disable_netlink: true
          admin_addr: 127.0.0.1:56060
          concurrency_limit.task.http: {per_instance: 5}
          concurrency_limit.task.tcp.per_task: 7
        """.formatted(dir.resolve("child"), dir.resolve("none")));
    AgentConfig agent = ConfigLoader.load(main).agent();
    assertThat(agent.mode()).isEqualTo(Mode.DAEMON);
    assertThat(agent.checkInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(agent.cleanUpTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(agent.eventBufferSize()).isEqualTo(50);
    assertThat(agent.identity()).isEqualTo(new Identity("0:1.1.1.1", "1.1.1.1", 2, 3));
    assertThat(agent.heartBeat()).isEqualTo(
        new HeartBeatConfig(1100001, 1100002, 0, Duration.ofSeconds(30), false));
    assertThat(agent.gatherUpDataId()).isEqualTo(1100017);
    assertThat(agent.include().recursive()).isTrue();
    assertThat(agent.disableNetlink()).isTrue();
    assertThat(agent.adminAddr()).isEqualTo("127.0.0.1:56060");
    assertThat(agent.concurrencyLimits()).containsEntry("http", new ConcurrencyLimit(5, 1000))
        .containsEntry("tcp", new ConcurrencyLimit(100_000, 7));
    assertThat(agent.output().section("bkpipe").string("endpoint", "")).endsWith("report");
    assertThat(agent.paths().pidFile()).isEqualTo(Path.of("/run/bk/bkmonitorbeat.pid"));
    assertThat(agent.paths().data()).isEqualTo(Path.of("/var/lib/bk"));
    assertThat(agent.logging()).isEqualTo(new LoggingConfig("debug", "/var/log/bk", 20, 3, 5, true));
  }

  @Test
  void daemonModeNeedsAHeartbeatDataId() {
    Path main = Fixtures.main(dir, "mode: cron\n");
    assertThatThrownBy(() -> ConfigLoader.load(main)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(main.toString())
        .hasMessageContaining("bkmonitorbeat.heart_beat.global_dataid");
    assertThat(ConfigLoader.load(Fixtures.main(dir, "mode: daemon\nheart_beat.dataid: 5\n"))
        .agent().mode()).isEqualTo(Mode.DAEMON);
  }

  @Test
  void badValuesNameFileKeyPathAndValue() {
    assertBad("mode: sometimes\n", "bkmonitorbeat.mode", "'sometimes'");
    assertBad("clean_up_timeout: 500ms\n", "bkmonitorbeat.clean_up_timeout", "'500ms'");
    assertBad("check_interval: soon\n", "bkmonitorbeat.check_interval", "'soon'");
    assertBad("heart_beat: {period: 0.5}\n", "bkmonitorbeat.heart_beat.period", "'0.5'");
    assertBad("event_buffer_size: -1\n", "bkmonitorbeat.event_buffer_size", "'-1'");
    assertBad("bk_biz_id: abc\n", "bkmonitorbeat.bk_biz_id", "'abc'");
  }

  private void assertBad(String yaml, String keyPath, String value) {
    Path main = Fixtures.main(dir, yaml);
    assertThatThrownBy(() -> ConfigLoader.load(main)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(main.toString()).hasMessageContaining(keyPath)
        .hasMessageContaining(value);
  }

  @Test
  void unknownKeysAreWarningsNotFailures() {
    Path main = Fixtures.write(dir.resolve("m.yml"), """
        seccomp.enabled: false
        queue.mem.events: 10
        outptu: {}
        bkmonitorbeat:
          host_id_path: /nonexistent/hostid
          jsonlib: gojson
          keep_one_dimension: false
          foo_task: {}
          heart_beet: {period: 1m}
        """);
    LoadedConfig loaded = ConfigLoader.load(main);
    assertThat(loaded.warnings()).containsExactly(
        main + ": outptu: unknown key, ignored",
        main + ": bkmonitorbeat.heart_beet: unknown key, ignored");
  }

  @Test
  void hostIdFileOverridesIdentity() {
    Fixtures.write(dir.resolve("hostid"), """
        {"bk_host_innerip": "10.0.0.5,10.0.0.6", "bk_cloud_id": 4, "bk_host_id": 9,
         "associations": {"1": {"bk_biz_id": 7, "bk_set_id": 1, "bk_module_id": 1}}}
        """);
    Path main = Fixtures.write(dir.resolve("m.yml"),
        "bkmonitorbeat: {host_id_path: " + dir.resolve("hostid") + ", ip: 1.1.1.1, bk_biz_id: 2}\n");
    assertThat(ConfigLoader.load(main).agent().identity())
        .isEqualTo(new Identity("4:10.0.0.5", "10.0.0.5", 7, 4));
  }

  @Test
  void ignoreCmdbLevelGivesTheDummyIdentityAndMustExistFailsWhenMissing() {
    Path ignored = Fixtures.main(dir, "ignore_cmdb_level: true\nip: 1.1.1.1\n");
    assertThat(ConfigLoader.load(ignored).agent().identity())
        .isEqualTo(new Identity("0:127.0.0.1", "127.0.0.1", 0, 0));
    Path must = Fixtures.main(dir, "must_host_id_exist: true\n");
    assertThatThrownBy(() -> ConfigLoader.load(must)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("host_id_path").hasMessageContaining("no-hostid");
  }
}

package io.bkmonitorbeat.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCleanerTest {
  @TempDir Path dir;

  private List<TaskSpec> tasks(String yaml) {
    return ConfigLoader.load(Fixtures.main(dir, yaml)).tasks();
  }

  @Test
  void defaultsAndDataIdInheritance() {
    TaskSpec t = tasks("tcp_task: {dataid: 1009, tasks: [{task_id: 1, target_host: x}]}").get(0);
    assertThat(t.type()).isEqualTo("tcp");
    assertThat(t.dataId()).isEqualTo(1009);
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(t.period()).isEqualTo(Duration.ofSeconds(10));
    assertThat(t.availableDuration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(t.settings().path()).isEqualTo("bkmonitorbeat.tcp_task.tasks[0]");
    assertThat(t.settings().string("target_host", "")).isEqualTo("x");
    assertThat(t.section().has("tasks")).isFalse();
    assertThat(t.section().integer("dataid", 0)).isEqualTo(1009);
    assertThat(t.source()).isEqualTo(new TaskSpec.Source(dir.resolve("bkmonitorbeat.yml").toString(), "", ""));
  }

  @Test
  void ownDataIdWins() {
    assertThat(tasks("tcp_task: {dataid: 1, tasks: [{task_id: 1, dataid: 2}]}").get(0).dataId())
        .isEqualTo(2);
  }

  @Test
  void timeoutAboveMaxTimeoutIsClampedButAvailableDurationKeepsTheConfiguredTimeout() {
    TaskSpec t = tasks("""
        http_task:
          dataid: 1
          max_timeout: 5s
          tasks: [{task_id: 1, timeout: 8, period: 1m}]
        """).get(0);
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.availableDuration()).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void periodBelowMinPeriodIsRaised() {
    TaskSpec t = tasks("""
        ping_task: {dataid: 1, min_period: 30s, tasks: [{task_id: 1, period: 5s}]}
        """).get(0);
    assertThat(t.period()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void timeoutAbovePeriodIsCutToPeriod() {
    TaskSpec t = tasks("""
        udp_task: {dataid: 1, min_period: 1s, max_timeout: 1m, tasks: [{task_id: 1, timeout: 20s, period: 2s}]}
        """).get(0);
    assertThat(t.period()).isEqualTo(Duration.ofSeconds(2));
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void metaBelowOneSecondGetsTheDefaults() {
    TaskSpec t = tasks("""
        tcp_task: {dataid: 1, min_period: 500ms, max_timeout: 0, tasks: [{task_id: 1, timeout: 9s, period: 2s}]}
        """).get(0);
    assertThat(t.period()).isEqualTo(Duration.ofSeconds(10));
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void labelBizIdIsUsedWhenConsistentAndAnErrorWhenNot() {
    TaskSpec t = tasks("""
        tcp_task: {dataid: 1, tasks: [{task_id: 1, bk_biz_id: 2, labels: [{bk_biz_id: "5", a: b}, {bk_biz_id: 5}]}]}
        """).get(0);
    assertThat(t.bizId()).isEqualTo(5);
    assertThat(t.labels()).containsExactly(Map.of("bk_biz_id", "5", "a", "b"), Map.of("bk_biz_id", "5"));
    assertThat(tasks("tcp_task: {dataid: 1, tasks: [{task_id: 1, bk_biz_id: 2}]}").get(0).bizId())
        .isEqualTo(2);
    assertThatThrownBy(() -> tasks("""
        tcp_task: {dataid: 1, tasks: [{task_id: 1, labels: [{bk_biz_id: "5"}, {bk_biz_id: "6"}]}]}
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("bkmonitorbeat.tcp_task.tasks[0].labels");
  }

  @Test
  void badTaskValuesNameFileKeyPathAndValue() {
    Path main = Fixtures.main(dir, "tcp_task: {dataid: 1, tasks: [{task_id: 1}, {task_id: 2, period: 10x}]}");
    assertThatThrownBy(() -> ConfigLoader.load(main)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(main.toString())
        .hasMessageContaining("bkmonitorbeat.tcp_task.tasks[1].period")
        .hasMessageContaining("'10x'");
    assertThatThrownBy(() -> tasks("tcp_task: {tasks: [{task_id: 1}]}"))
        .hasMessageContaining("bkmonitorbeat.tcp_task.dataid").hasMessageContaining("required");
    assertThatThrownBy(() -> tasks("tcp_task: {dataid: 1, tasks: [{period: 1m}]}"))
        .hasMessageContaining("bkmonitorbeat.tcp_task.tasks[0].task_id");
    assertThatThrownBy(() -> tasks("tcp_task: {dataid: 1, tasks: [{task_id: 1, period: 0.5}]}"))
        .hasMessageContaining("tasks[0].period").hasMessageContaining("'0.5'");
    assertThatThrownBy(() -> tasks("tcp_task: {dataid: 1, tasks: [{task_id: 3000000000}]}"))
        .hasMessageContaining("tasks[0].task_id").hasMessageContaining("3000000000");
  }

  @Test
  void singleTaskSectionsTrapTypeAndEmptySections() {
    List<TaskSpec> all = tasks("""
        basereport_task: {dataid: 1001, task_id: 101, period: 1m, cpu: {stat_times: 4}}
        trap_task: {dataid: 2, tasks: [{task_id: 3}]}
        selfstats_task: {dataid: 1100030, task_id: 88}
        script_task:
        http_task: {}
        vendor_task: {dataid: 9, tasks: [{task_id: 1}]}
        """);
    assertThat(all).extracting(TaskSpec::type)
        .containsExactly("basereport", "snmptrap", "selfstats", "vendor");
    TaskSpec base = all.get(0);
    assertThat(base.taskId()).isEqualTo(101);
    assertThat(base.dataId()).isEqualTo(1001);
    assertThat(base.period()).isEqualTo(Duration.ofMinutes(1));
    assertThat(base.settings().section("cpu").integer("stat_times", 0)).isEqualTo(4);
    assertThat(all.get(2).period()).isEqualTo(Duration.ofMinutes(1)); // G-16 default
  }
}

package io.bkmonitorbeat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private final Settings task = Settings.of("/etc/bkmonitorbeat/tcp.conf", "tasks[0]", Map.of(
      "target_port", "8080",
      "timeout", "1m30s",
      "period", 10,
      "enabled", "true",
      "target_host_list", List.of("a", "b", 3),
      "labels", List.of(Map.of("env", "prod", "zone", 3)),
      "headers", Map.of("X-A", "1", "X-B", 2.0),
      "bad", "abc"));

  @Test
  void convertsLikeGoUcfg() {
    assertThat(task.integer("target_port", 0)).isEqualTo(8080);
    assertThat(task.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
    assertThat(task.duration("period", Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
    assertThat(task.bool("enabled", false)).isTrue();
    assertThat(task.strings("target_host_list")).containsExactly("a", "b", "3");
    assertThat(task.stringMap("headers")).containsEntry("X-B", "2");
    assertThat(task.sections("labels")).singleElement()
        .satisfies(labels -> assertThat(labels.string("zone", "")).isEqualTo("3"))
        .satisfies(labels -> assertThat(labels.path()).isEqualTo("tasks[0].labels[0]"));
  }

  @Test
  void givesDefaultsForAbsentAndNullKeys() {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("request", null);
    Settings settings = Settings.of("f", "", withNull);

    assertThat(settings.has("request")).isFalse();
    assertThat(settings.string("request", "X")).isEqualTo("X");
    assertThat(settings.integer("missing", 7)).isEqualTo(7);
    assertThat(settings.strings("missing")).isEmpty();
    assertThat(settings.section("missing").path()).isEqualTo("missing");
  }

  @Test
  void errorsNameTheFileTheKeyPathAndTheValue() {
    assertThatThrownBy(() -> task.integer("bad", 0))
        .isInstanceOf(ConfigException.class)
        .hasMessage("/etc/bkmonitorbeat/tcp.conf: tasks[0].bad: must be an integer, was 'abc'");
    assertThatThrownBy(() -> task.duration("bad", Duration.ZERO))
        .hasMessageContaining("tasks[0].bad: must be a duration");
    assertThatThrownBy(() -> task.strings("target_port"))
        .hasMessageContaining("tasks[0].target_port: must be a list, was '8080'");
    assertThat(task.error("target_port", "must be below 1024").getMessage())
        .isEqualTo("/etc/bkmonitorbeat/tcp.conf: tasks[0].target_port: must be below 1024, was '8080'");
  }

  @Test
  void rejectsIntegersOutOfRange() {
    Settings settings = Settings.of("", "", Map.of("big", 5_000_000_000L));

    assertThat(settings.longValue("big", 0)).isEqualTo(5_000_000_000L);
    assertThatThrownBy(() -> settings.integer("big", 0)).hasMessageContaining("32-bit");
  }

  @Test
  void isADeepCopy() {
    List<Object> list = new ArrayList<>(List.of("a"));
    Settings settings = Settings.of("", "", Map.of("list", list));
    list.add("b");

    assertThat(settings.strings("list")).containsExactly("a");
    assertThatThrownBy(() -> settings.asMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }
}

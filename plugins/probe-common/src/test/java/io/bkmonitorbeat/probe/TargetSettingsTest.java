package io.bkmonitorbeat.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetSettingsTest {
  private static Settings task(Map<String, ?> values) {
    return Settings.of("udp.conf", "udp_task.tasks[0]", values);
  }

  @Test
  void listWinsOverSingleHostAndBlankEntriesAreDropped() {
    TargetSettings target = TargetSettings.parse(task(Map.of("target_host", "ignored",
        "target_host_list", List.of("a", " ", "b:1"), "target_port", 53)));
    assertThat(target.hosts()).containsExactly("a", "b:1");
    assertThat(target.port()).isEqualTo(53);
  }

  @Test
  void blankListFallsBackToTargetHost() {
    TargetSettings target = TargetSettings.parse(task(Map.of("target_host", " example.com ",
        "target_host_list", List.of(""), "target_port", "65535")));
    assertThat(target.hosts()).containsExactly("example.com");
    assertThat(target.port()).isEqualTo(65_535);
  }

  @Test
  void errorsNameFileKeyAndValue() {
    assertThatThrownBy(() -> TargetSettings.parse(task(Map.of("target_port", 1))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("udp.conf: udp_task.tasks[0].target_host: is required");
    assertThatThrownBy(() -> TargetSettings.parse(task(Map.of("target_host", "h"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("udp.conf: udp_task.tasks[0].target_port: is required, was absent");
    assertThatThrownBy(() -> TargetSettings.parse(task(Map.of("target_host", "h",
        "target_port", 0))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("udp.conf: udp_task.tasks[0].target_port: must be between 1 and 65535,"
            + " was '0'");
  }
}

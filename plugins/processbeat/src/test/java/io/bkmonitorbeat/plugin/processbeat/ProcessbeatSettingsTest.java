package io.bkmonitorbeat.plugin.processbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessbeatSettingsTest {

  private static Map<String, Object> nginx() {
    return Map.of("name", "nginx", "displayname", "web", "protocol", "tcp", "ports", List.of(80, 443),
        "paramregex", "", "bindip", "0.0.0.0",
        "bind_info", List.of(Map.of("ip", "0.0.0.0", "ports", List.of(8080, 80), "protocol", "tcp"),
            Map.of("ip", "127.0.0.1", "ports", List.of(53), "protocol", "udp")));
  }

  @Test
  void parsesTheChildConfigAndDropsDuplicateDefinitions() {
    ProcessbeatSettings s = ProcessbeatSettings.parse(Tasks.processbeat(Map.of(
        "perfdataid", 1007, "portdataid", 1013, "converge_pid", true,
        "processes", List.of(nginx(), nginx()))));
    assertThat(s.perfDataId()).isEqualTo(1007);
    assertThat(s.portDataId()).isEqualTo(1013);
    assertThat(s.convergePid()).isTrue();
    assertThat(s.processes()).hasSize(1);
    assertThat(s.maxNoListenPorts()).isEqualTo(100);
    assertThat(s.enabled()).isTrue();
  }

  @Test
  void disableNetlinkComesFromTheTaskOrTheMainFile() {
    io.bkmonitorbeat.api.Settings agent = io.bkmonitorbeat.api.Settings.of("main.yml", "bkmonitorbeat",
        Map.of("disable_netlink", true));
    assertThat(ProcessbeatSettings.parse(Tasks.processbeat(Map.of("perfdataid", 1))).disableNetlink()).isFalse();
    assertThat(ProcessbeatSettings.parse(Tasks.processbeat(Map.of("perfdataid", 1)), agent).disableNetlink())
        .as("bkmonitorbeat.disable_netlink of the main file").isTrue();
    assertThat(ProcessbeatSettings.parse(Tasks.processbeat(Map.of("perfdataid", 1, "disable_netlink", true)))
        .disableNetlink()).isTrue();
  }

  @Test
  void bindDetailsMergeLegacyAndBindInfoByAddressAndProtocol() {
    ProcessConfig config = ProcessbeatSettings.parse(Tasks.processbeat(Map.of(
        "perfdataid", 1, "processes", List.of(nginx())))).processes().get(0);
    assertThat(config.bindDetails()).containsExactly(
        new ProcessConfig.BindDetail("0.0.0.0", List.of(80, 443, 8080), "tcp"),
        new ProcessConfig.BindDetail("127.0.0.1", List.of(53), "udp"));
  }

  @Test
  void maxNolistenPortsIsReadUnderBothSpellings_gap16() {
    assertThat(ProcessbeatSettings.parse(Tasks.processbeat(Map.of("max_nolisten_ports", 3)))
        .maxNoListenPorts()).isEqualTo(3);
    assertThat(ProcessbeatSettings.parse(Tasks.processbeat(Map.of("maxnolistenports", 4)))
        .maxNoListenPorts()).as("what the Go procconf wrote").isEqualTo(4);
    assertThat(ProcessbeatSettings.parse(Tasks.processbeat(
        Map.of("max_nolisten_ports", 5, "maxnolistenports", 4))).maxNoListenPorts()).isEqualTo(5);
    assertThat(ProcessbeatSettings.parse(Tasks.processbeat(Map.of("max_nolisten_ports", 0)))
        .maxNoListenPorts()).isEqualTo(100);
  }

  @Test
  void noTaskWithoutProcessesOrDataIdsOrWhenDisabled() {
    assertThat(ProcessbeatSettings.parse(Tasks.processbeat(Map.of("perfdataid", 1))).enabled()).isFalse();
    assertThat(ProcessbeatSettings.parse(Tasks.processbeat(Map.of("processes", List.of(nginx()))))
        .enabled()).isFalse();
    assertThat(ProcessbeatSettings.parse(Tasks.processbeat(Map.of("perfdataid", 1, "disable", true,
        "processes", List.of(nginx())))).enabled()).isFalse();
  }

  @Test
  void badValuesAreConfigErrorsNamingTheKey() {
    assertThatThrownBy(() -> ProcessbeatSettings.parse(Tasks.processbeat(Map.of("perfdataid", 1,
        "processes", List.of(Map.of("name", "x", "ports", List.of(70000)))))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("processes[0].ports");
    assertThatThrownBy(() -> ProcessbeatSettings.parse(Tasks.processbeat(Map.of("perfdataid", 1,
        "processes", List.of(Map.of("displayname", "x"))))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("name");
  }
}

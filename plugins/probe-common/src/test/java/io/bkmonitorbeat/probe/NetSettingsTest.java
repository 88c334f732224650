package io.bkmonitorbeat.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetSettingsTest {
  private static final Settings NO_SECTION = Settings.of("tcp.conf", "tcp_task", Map.of());

  private static Settings task(Map<String, ?> values) {
    return Settings.of("tcp.conf", "tcp_task.tasks[0]", values);
  }

  @Test
  void defaults() {
    NetSettings net = NetSettings.parse(task(Map.of()), NO_SECTION);
    assertThat(net).isEqualTo(new NetSettings(102_400, IpFamily.ANY, DnsCheckMode.SINGLE, false));
  }

  @Test
  void readsEveryKeyAndClampsTheBuffer() {
    NetSettings net = NetSettings.parse(
        task(Map.of("buffer_size", 50_000, "target_ip_type", 6, "dns_check_mode", "all",
            "custom_report", true)),
        Settings.of("tcp.conf", "tcp_task", Map.of("max_buffer_size", 10_240)));
    assertThat(net).isEqualTo(new NetSettings(10_240, IpFamily.IPV6, DnsCheckMode.ALL, true));
    assertThat(NetSettings.parse(task(Map.of("buffer_size", 200_000)),
        Settings.of("", "", Map.of("max_buffer_size", 0))).bufferSize()).isEqualTo(102_400);
    assertThat(NetSettings.parse(task(Map.of("buffer_size", 512)), NO_SECTION).bufferSize())
        .isEqualTo(512);
  }

  @Test
  void rejectsBadValuesNamingKeyAndValue() {
    assertThatThrownBy(() -> NetSettings.parse(task(Map.of("target_ip_type", 5)), NO_SECTION))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tcp.conf: tcp_task.tasks[0].target_ip_type: must be 0, 4 or 6, was '5'");
    assertThatThrownBy(() -> NetSettings.parse(task(Map.of("dns_check_mode", "random")), NO_SECTION))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("dns_check_mode").hasMessageContaining("'random'");
    assertThatThrownBy(() -> NetSettings.parse(task(Map.of("buffer_size", 0)), NO_SECTION))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("buffer_size: must be positive, was '0'");
  }
}

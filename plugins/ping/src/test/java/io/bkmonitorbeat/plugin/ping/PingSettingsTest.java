package io.bkmonitorbeat.plugin.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.probe.DnsCheckMode;
import io.bkmonitorbeat.probe.IpFamily;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PingSettingsTest {

  private static PingSettings parse(Map<String, Object> settings) {
    return PingSettings.parse(TestContext.task(settings, Duration.ofSeconds(3), Duration.ofSeconds(3), List.of()));
  }

  private static Map<String, Object> with(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    map.put("targets", List.of(Map.of("target", "127.0.0.1", "target_type", "ip")));
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void defaults() throws Exception {
    PingSettings settings = parse(with());
    assertThat(settings.maxRtt()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.totalNum()).isEqualTo(2);
    assertThat(settings.pingSize()).isEqualTo(56);
    assertThat(settings.sendInterval()).isEqualTo(Duration.ofNanos(500_000));
    assertThat(settings.notPrivileged()).isFalse();
    assertThat(settings.net().ipFamily()).isEqualTo(IpFamily.ANY);
    assertThat(settings.net().dnsCheckMode()).isEqualTo(DnsCheckMode.SINGLE);
    assertThat(settings.net().customReport()).isFalse();
    assertThat(settings.targets()).containsExactly(new PingSettings.Target(
        "127.0.0.1", PingSettings.TargetType.IP, InetAddress.getByName("127.0.0.1"), Map.of()));
  }

  @Test
  void readsEveryKey() {
    PingSettings settings = parse(with(
        "targets", List.of(
            Map.of("target", "[::1]", "target_type", "ip", "labels", Map.of("room", "a")),
            Map.of("target", "example.invalid", "target_type", "Domain")),
        "max_rtt", "250ms", "total_num", 5, "ping_size", 1400, "send_interval", "2ms",
        "not_privileged", true, "target_ip_type", 6, "dns_check_mode", "all",
        "custom_report", true, "batch_size", 10));
    assertThat(settings.maxRtt()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.totalNum()).isEqualTo(5);
    assertThat(settings.pingSize()).isEqualTo(1400);
    assertThat(settings.sendInterval()).isEqualTo(Duration.ofMillis(2));
    assertThat(settings.notPrivileged()).isTrue();
    assertThat(settings.net().ipFamily()).isEqualTo(IpFamily.IPV6);
    assertThat(settings.net().dnsCheckMode()).isEqualTo(DnsCheckMode.ALL);
    assertThat(settings.net().customReport()).isTrue();
    assertThat(settings.targets().get(0).literal().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
    assertThat(settings.targets().get(0).labels()).isEqualTo(Map.of("room", "a"));
    assertThat(settings.targets().get(1).type()).isEqualTo(PingSettings.TargetType.DOMAIN);
    assertThat(settings.targets().get(1).literal()).isNull();
  }

  @Test
  void sendIntervalComesFromTheSectionUnlessTheTaskSetsIt() {
    // The icmp template writes send_interval next to max_timeout, not into each task.
    Map<String, Object> section = Map.of("send_interval", "0s");
    assertThat(PingSettings.parse(TestContext.task(with(), section, Duration.ofSeconds(3),
        Duration.ofSeconds(3), List.of())).sendInterval()).isZero();
    assertThat(PingSettings.parse(TestContext.task(with("send_interval", "2ms"), section,
        Duration.ofSeconds(3), Duration.ofSeconds(3), List.of())).sendInterval())
        .isEqualTo(Duration.ofMillis(2));
    assertThatThrownBy(() -> PingSettings.parse(TestContext.task(with(),
        Map.of("send_interval", "-1ms"), Duration.ofSeconds(3), Duration.ofSeconds(3), List.of())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ping_task.send_interval");
  }

  @Test
  void smallPingSizesMean56AndZeroesMeanDefaults() {
    assertThat(parse(with("ping_size", 7)).pingSize()).isEqualTo(56);
    assertThat(parse(with("ping_size", -3)).pingSize()).isEqualTo(56);
    assertThat(parse(with("ping_size", 8)).pingSize()).isEqualTo(8);
    assertThat(parse(with("ping_size", 15)).pingSize()).isEqualTo(15);
    assertThat(parse(with("total_num", 0, "max_rtt", "0s")).totalNum()).isEqualTo(2);
    assertThat(parse(with("max_rtt", "0s")).maxRtt()).isEqualTo(Duration.ofSeconds(1));
    assertThat(parse(with("send_interval", "0s")).sendInterval()).isZero();
  }

  @Test
  void badSettingsNameFileKeyAndValue() {
    assertThatThrownBy(() -> parse(with("targets", List.of(Map.of("target", "127.0.0.1", "target_type", "host")))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ping.conf: ping_task.tasks[0].targets[0].target_type: must be 'ip' or 'domain'"
            + " (config error 138), was 'host'");
    assertThatThrownBy(() -> parse(with("targets", List.of(Map.of("target", "127.0.0.1")))))
        .hasMessageContaining("targets[0].target_type: must be 'ip' or 'domain'");
    assertThatThrownBy(() -> parse(with("targets", List.of(Map.of("target", "localhost", "target_type", "ip")))))
        .hasMessage("ping.conf: ping_task.tasks[0].targets[0].target: must be an IPv4 or IPv6"
            + " address when target_type is 'ip', was 'localhost'");
    assertThatThrownBy(() -> parse(with("targets", List.of(Map.of("target", " ", "target_type", "ip")))))
        .hasMessageContaining("targets[0].target: must not be empty");
    assertThatThrownBy(() -> parse(with("targets", "127.0.0.1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("targets");
    assertThatThrownBy(() -> parse(with("max_rtt", "soon")))
        .hasMessageContaining("ping_task.tasks[0].max_rtt: must be a duration");
    assertThatThrownBy(() -> parse(with("max_rtt", "-1s")))
        .hasMessageContaining("max_rtt: must be positive");
    assertThatThrownBy(() -> parse(with("total_num", -1)))
        .hasMessageContaining("total_num: must be between 0 (meaning 2) and 65536, was '-1'");
    assertThatThrownBy(() -> parse(with("total_num", 70_000)))
        .hasMessageContaining("total_num: must be between");
    assertThatThrownBy(() -> parse(with("ping_size", 65_516)))
        .hasMessageContaining("ping_size: must be at most 65515");
    assertThatThrownBy(() -> parse(with("send_interval", "-1ms")))
        .hasMessageContaining("send_interval: must not be negative");
    assertThatThrownBy(() -> parse(with("target_ip_type", 5)))
        .hasMessageContaining("target_ip_type: must be 0, 4 or 6");
    assertThatThrownBy(() -> parse(with("dns_check_mode", "some")))
        .hasMessageContaining("dns_check_mode: must be 'single' or 'all'");
    assertThatThrownBy(() -> parse(with("not_privileged", "maybe")))
        .hasMessageContaining("not_privileged: must be true or false");
  }

  @Test
  void noTargetsIsValid() {
    assertThat(parse(new HashMap<>()).targets()).isEmpty();
  }
}

package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiltersAndSettingsTest {

  @Test
  void defaultsOfEveryModule() {
    BasereportSettings s = BasereportSettings.parse(Tasks.basereport(Duration.ofMinutes(1), Map.of()));
    assertThat(s.cpuStatTimes()).isEqualTo(4);
    assertThat(s.netStatTimes()).isEqualTo(4);
    assertThat(s.memInfoTimes()).isEqualTo(1);
    assertThat(s.interval(4)).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.disk().collectAllDevice()).isFalse();
  }

  @Test
  void nonPositiveSampleCountsTakeTheDefaultAndNeverGoBelowOneSecond() {
    BasereportSettings s = BasereportSettings.parse(Tasks.basereport(Duration.ofSeconds(10),
        Map.of("cpu", Map.of("stat_times", 0), "net", Map.of("stat_times", 50),
            "mem", Map.of("info_times", -1))));
    assertThat(s.cpuStatTimes()).isEqualTo(4);
    assertThat(s.netStatTimes()).isEqualTo(10);
    assertThat(s.memInfoTimes()).isEqualTo(1);
  }

  /** Gap 3: a zero period is rejected with a clear message instead of a panic. */
  @Test
  void zeroPeriodIsAConfigError() {
    assertThatThrownBy(() -> BasereportSettings.parse(Tasks.basereport(Duration.ZERO, Map.of())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("period")
        .hasMessageContaining("positive");
  }

  @Test
  void whiteListWinsThenBlackListAndInvalidPatternsAreSkipped() {
    BasereportSettings s = BasereportSettings.parse(Tasks.basereport(Duration.ofMinutes(1),
        Map.of("disk", Map.of("disk_white_list", List.of("^sd", "("),
            "mountpoint_black_list", List.of("docker", "k8s")))));
    assertThat(s.disk().disks().accepts("sda")).isTrue();
    assertThat(s.disk().disks().accepts("nvme0n1")).isFalse();
    assertThat(s.disk().mountPoints().accepts("/var/lib/docker/x")).isFalse();
    assertThat(s.disk().mountPoints().accepts("/data")).isTrue();
  }

  @Test
  void interfaceFilterWithForceReportAndVirtualInterfaces() {
    BasereportSettings s = BasereportSettings.parse(Tasks.basereport(Duration.ofMinutes(1),
        Map.of("net", Map.of("skip_virtual_interface", true,
            "interface_black_list", List.of("veth", "docker", "bond"),
            "force_report_list", List.of("bond")))));
    NetFilter f = new NetFilter(s.net(), List.of("lo", "docker0", "bond0", "veth12"));
    assertThat(f.accepts("eth0")).isTrue();
    assertThat(f.accepts("bond0")).as("forced although black-listed and virtual").isTrue();
    assertThat(f.accepts("veth12")).isFalse();
    assertThat(f.accepts("lo")).as("virtual").isFalse();
    assertThat(new NetFilter(s.net(), null).accepts("lo"))
        .as("no /sys/devices/virtual/net: nothing is virtual").isTrue();
  }
}

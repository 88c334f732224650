package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.plugin.exceptionbeat.ExceptionbeatSettings.Check;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExceptionbeatSettingsTest {

  private static ExceptionbeatSettings parse(Map<String, ?> settings) {
    return ExceptionbeatSettings.parse(TestContext.task(settings));
  }

  @Test
  void templateValuesAreRead() {
    ExceptionbeatSettings s = parse(Map.of("dataid", 1000, "check_bit",
        "C_DISK_SPACE|C_DISKRO|C_CORE|C_OOM", "check_disk_ro_interval", 60,
        "check_disk_space_interval", "30s", "used_max_disk_space_percent", 95,
        "free_min_disk_space", 10, "disk_ro_black_list", List.of("docker", "k8s"),
        "corefile_pattern", "/data/corefile/core_%e_%t", "corefile_match_regex", "^core_"));
    assertThat(s.dataId()).isEqualTo(1000);
    assertThat(s.checks()).containsExactlyInAnyOrder(Check.values());
    assertThat(s.diskRoInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.diskSpaceInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.usedMaxPercent()).isEqualTo(95);
    assertThat(s.freeMinGigabytes()).isEqualTo(10);
    assertThat(s.roBlackList()).extracting(Object::toString).containsExactly("docker", "k8s");
    assertThat(s.corefilePattern()).isEqualTo("/data/corefile/core_%e_%t");
    assertThat(s.corefileMatchRegex()).get().hasToString("^core_");
  }

  @Test
  void defaultsWorkWhenNothingIsConfigured() {
    // Gap 4: the declared defaults apply, and both spellings of the read-only token count.
    ExceptionbeatSettings s = parse(Map.of("dataid", 1000));
    assertThat(s.checks()).containsExactlyInAnyOrder(Check.values());
    assertThat(s.usedMaxPercent()).isEqualTo(90);
    assertThat(s.freeMinGigabytes()).isEqualTo(10);
    // Gap 3: zero intervals would have panicked; they default to 60 s.
    assertThat(s.diskRoInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.diskSpaceInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.oomReportGap()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.corefileReportGap()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.corefileMatchRegex()).isEmpty();
    assertThat(parse(Map.of("check_bit", "C_DISK_RO")).checks()).containsExactly(Check.DISK_RO);
    assertThat(parse(Map.of("check_bit", " c_oom | C_CORE ")).checks())
        .containsExactlyInAnyOrder(Check.OOM, Check.CORE);
    assertThat(parse(Map.of("used_max_disk_space_percent", 0, "free_min_disk_space", 0,
        "check_disk_ro_interval", 0)).diskRoInterval()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void badValuesNameTheFileKeyAndValue() {
    assertThatThrownBy(() -> parse(Map.of("check_bit", "C_DISK_SPACE|C_DISK_FULL")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bkmonitorbeat.yml: bkmonitorbeat.exceptionbeat_task.check_bit")
        .hasMessageContaining("C_DISK_FULL");
    assertThatThrownBy(() -> parse(Map.of("check_disk_ro_interval", "-5s")))
        .hasMessageContaining("check_disk_ro_interval: must not be negative, was '-5s'");
    assertThatThrownBy(() -> parse(Map.of("check_disk_space_interval", "soon")))
        .hasMessageContaining("check_disk_space_interval");
    assertThatThrownBy(() -> parse(Map.of("used_max_disk_space_percent", 101)))
        .hasMessageContaining("used_max_disk_space_percent: must be between 0 and 100, was '101'");
    assertThatThrownBy(() -> parse(Map.of("free_min_disk_space", -1)))
        .hasMessageContaining("free_min_disk_space");
    assertThatThrownBy(() -> parse(Map.of("disk_ro_white_list", List.of("ok", "(broken"))))
        .hasMessageContaining("exceptionbeat_task.disk_ro_white_list[1]: is not a regular expression")
        .hasMessageContaining("'(broken'");
    assertThatThrownBy(() -> parse(Map.of("corefile_match_regex", "[core")))
        .hasMessageContaining("corefile_match_regex: is not a regular expression");
  }
}

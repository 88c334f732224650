package io.bkmonitorbeat.plugin.proccustom;

import io.bkmonitorbeat.api.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.proc.GoRegex;
import io.bkmonitorbeat.proc.ProcessInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProccustomSettingsTest {

  @Test
  void anEmptyMatchPatternIsAConfigError_gap19() {
    assertThatThrownBy(() -> ProccustomSettings.parse(Tasks.proccustom(Map.of("dataid", 1, "match_pattern", ""))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("monitor_process_1.conf").hasMessageContaining("match_pattern");
    assertThatThrownBy(() -> new ProccustomCollectorProvider().create(
        new io.bkmonitorbeat.testkit.RecordingContext(Tasks.proccustom(Map.of("dataid", 1)))))
        .isInstanceOf(ConfigException.class);
    ProccustomSettings pidFile = ProccustomSettings.parse(Tasks.proccustom(
        Map.of("dataid", 1, "pid_path", "/run/x.pid")));
    assertThat(pidFile.matchPattern()).as("a pid file needs no pattern").isNull();
  }

  @Test
  void disableNetlinkComesFromTheTaskOrTheMainFile() {
    Map<String, Object> task = Map.of("dataid", 1, "match_pattern", "java");
    io.bkmonitorbeat.api.Settings agent = io.bkmonitorbeat.api.Settings.of("main.yml", "bkmonitorbeat",
        Map.of("disable_netlink", true));
    assertThat(ProccustomSettings.parse(Tasks.proccustom(task)).disableNetlink()).isFalse();
    assertThat(ProccustomSettings.parse(Tasks.proccustom(task), agent).disableNetlink())
        .as("bkmonitorbeat.disable_netlink of the main file").isTrue();
  }

  @Test
  void invalidRegexesAreConfigErrors() {
    assertThatThrownBy(() -> ProccustomSettings.parse(Tasks.proccustom(
        Map.of("dataid", 1, "match_pattern", "java", "exclude_pattern", "(unclosed"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("exclude_pattern");
  }

  @Test
  void keysAndLabels() {
    ProccustomSettings s = ProccustomSettings.parse(Tasks.proccustom(Map.of("dataid", -1,
        "port_dataid", 5, "port_detect", true, "match_pattern", "java", "tags", Map.of("team", "infra"))));
    assertThat(s.perfEnabled()).as("negative dataid: port-only").isFalse();
    assertThat(s.portEnabled()).isTrue();
    assertThat(s.labels()).as("a label without target ip/cloud is skipped").hasSize(2);
    assertThat(s.tags()).containsEntry("team", "infra");
  }

  @Test
  void goNamedGroupsAndProcessNames() {
    GoRegex extract = GoRegex.compile("--app=(?P<app_id>\\w+) --env=(?<env>\\w+)");
    assertThat(Dimensions.extracted(extract, "java --app=web --env=prod -x --app=api --env=dev"))
        .containsExactly(Map.entry("app_id", "api"), Map.entry("env", "dev"));
    ProcessInfo p = new ProcessInfo(1, 0, "java", 'S', 0, 0, 0, "/opt/jdk/bin/java -jar app-9.jar", "");
    assertThat(Dimensions.processName(null, p)).isEqualTo("java");
    assertThat(Dimensions.processName(GoRegex.compile("jar"), p)).isEqualTo("jar");
    assertThat(Dimensions.processName(GoRegex.compile("(app)-(\\d+)"), p)).isEqualTo("9");
    assertThat(Dimensions.processName(GoRegex.compile("(nomatch)"), p)).isEmpty();
  }
}

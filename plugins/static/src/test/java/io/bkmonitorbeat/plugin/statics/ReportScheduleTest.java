package io.bkmonitorbeat.plugin.statics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportScheduleTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void defaultsAndClamps() {
    StaticSettings s = StaticSettings.parse(StaticTasks.task(Map.of("check_period", "10s",
        "report_period", "30m", "virtual_iface_whitelist", List.of("bond1"))));
    assertThat(s.checkPeriod()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.reportPeriod()).isEqualTo(Duration.ofHours(6));
    assertThat(s.virtualWhitelist()).containsExactly("bond1");
    StaticSettings t = StaticSettings.parse(StaticTasks.task(Map.of("check_period", "5m",
        "report_period", "2h")));
    assertThat(t.checkPeriod()).isEqualTo(Duration.ofMinutes(5));
    assertThat(t.reportPeriod()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void firstAtOnceThenAfterTheRandomDelayThenAtTheReportPeriod() {
    StaticSettings s = StaticSettings.parse(StaticTasks.task(Map.of("report_period", "2h")));
    ReportSchedule r = new ReportSchedule(s, bound -> 99);
    assertThat(r.shouldReport(T0)).isTrue();
    assertThat(r.reported(T0)).isEqualTo("add");
    assertThat(r.shouldReport(T0.plusSeconds(100))).isFalse();
    assertThat(r.shouldReport(T0.plusSeconds(101))).isTrue();
    assertThat(r.reported(T0.plusSeconds(101))).isEqualTo("add");
    assertThat(r.shouldReport(T0.plusSeconds(101 + 7200))).isFalse();
    assertThat(r.shouldReport(T0.plusSeconds(101 + 7201))).isTrue();
    assertThat(r.reported(T0.plusSeconds(101 + 7201))).isEqualTo("update");
  }

  /** Gap 25: a zero random draw no longer keeps the task re-reporting on every run. */
  @Test
  void aZeroRandomDrawStillLeavesTheFirstPhase() {
    StaticSettings s = StaticSettings.parse(StaticTasks.task(Map.of()));
    ReportSchedule r = new ReportSchedule(s, bound -> 0);
    r.reported(T0);
    assertThat(r.shouldReport(T0.plusSeconds(1))).isFalse();
    assertThat(r.shouldReport(T0.plusSeconds(2))).isTrue();
    r.reported(T0.plusSeconds(2));
    assertThat(r.shouldReport(T0.plusSeconds(60))).isFalse();
  }

  @Test
  void checksEveryCheckPeriod() {
    StaticSettings s = StaticSettings.parse(StaticTasks.task(Map.of("check_period", "2m")));
    ReportSchedule r = new ReportSchedule(s, bound -> 10);
    assertThat(r.shouldCheck(T0)).isTrue();
    r.checked(T0);
    assertThat(r.shouldCheck(T0.plusSeconds(120))).isFalse();
    assertThat(r.shouldCheck(T0.plusSeconds(121))).isTrue();
  }
}

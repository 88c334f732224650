package io.bkmonitorbeat.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.HostIdentity;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UptimeCheckEventTest {
  private static final Instant START = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);
  private static final HostIdentity HOST =
      new HostIdentity("10.0.0.5", 7, 2, "agent-1", 42, "node-a");
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  static TaskSpec task(List<Map<String, String>> labels) {
    return new TaskSpec("tcp", "ident", 11, 1009, 2, Duration.ofMinutes(1), Duration.ofSeconds(3),
        Duration.ofMillis(500), labels, Settings.empty(), Settings.empty(),
        new TaskSpec.Source("tcp.conf", "", ""));
  }

  private UptimeCheckEvent begin(List<Map<String, String>> labels) {
    return UptimeCheckEvent.begin(task(labels), CLOCK, nanos::get)
        .put("target_host", "example.com")
        .put("target_port", 80)
        .put("resolved_ip", "10.0.0.1");
  }

  @Test
  void successEventHasEveryFieldWithItsType() {
    UptimeCheckEvent result = begin(List.of());
    nanos.addAndGet(Duration.ofMillis(123).toNanos());
    Event event = result.successOrTimeout(Duration.ofMillis(500)).toEvent();
    assertThat(event.type()).isEqualTo("tcp");
    assertThat(event.fields()).containsExactly(
        Map.entry("dataid", 1009), Map.entry("bk_biz_id", 2), Map.entry("task_id", 11),
        Map.entry("timestamp", START.getEpochSecond()), Map.entry("task_type", "tcp"),
        Map.entry("status", 0), Map.entry("error_code", 0), Map.entry("available", 1.0),
        Map.entry("task_duration", 123L), Map.entry("group_info", List.of()),
        Map.entry("target_host", "example.com"), Map.entry("target_port", 80),
        Map.entry("resolved_ip", "10.0.0.1"));
    assertThat(event.status()).contains(0L);
  }

  @Test
  void failSetsCodeStatusAndAvailable() {
    Event event = begin(List.of(Map.of("env", "prod"))).fail(ErrorCode.CONN_FAILED).toEvent();
    assertThat(event.fields()).containsEntry("status", 1).containsEntry("error_code", 1000)
        .containsEntry("available", 0.0).containsEntry("group_info", List.of(Map.of("env", "prod")));
  }

  @Test
  void unfinishedProbeIsUnknown() {
    Event event = begin(List.of()).toEvent();
    assertThat(event.fields()).containsEntry("status", -1).containsEntry("error_code", 1);
  }

  @Test
  void slowerThanAvailableDurationIsTimeoutCode3() {
    UptimeCheckEvent result = begin(List.of());
    nanos.addAndGet(Duration.ofMillis(501).toNanos());
    result.successOrTimeout(Duration.ofMillis(500));
    assertThat(result.code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.available()).isEqualTo(0.0);
  }

  @Test
  void zeroAvailableDurationNeverTimesOutAndEndIsKept() {
    UptimeCheckEvent result = begin(List.of());
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    result.markEnd();
    nanos.addAndGet(Duration.ofSeconds(10).toNanos()); // after the end: not measured
    assertThat(result.successOrTimeout(Duration.ZERO).code()).isEqualTo(ErrorCode.OK);
    assertThat(result.durationMillis()).isEqualTo(10_000L);
  }

  @Test
  void markEndAtStartReportsZeroDurationAndKeepsAnEarlierEnd() {
    UptimeCheckEvent result = begin(List.of());
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(result.markEndAtStart().successOrTimeout(Duration.ofMillis(500)).code())
        .isEqualTo(ErrorCode.OK);
    assertThat(result.durationMillis()).isZero();

    UptimeCheckEvent ended = begin(List.of());
    nanos.addAndGet(Duration.ofMillis(40).toNanos());
    ended.markEnd().markEndAtStart();
    assertThat(ended.durationMillis()).isEqualTo(40L);
  }

  @Test
  void customReportHasDimensionsAsStringsAndNoStatus() {
    UptimeCheckEvent result = begin(List.of());
    nanos.addAndGet(Duration.ofMillis(7).toNanos());
    Event event = CustomReport.forSimpleProbe(result.fail(ErrorCode.CONN_TIMEOUT), HOST);
    assertThat(event.type()).isEqualTo("tcp");
    assertThat(event.fields()).containsOnlyKeys("dataid", "time", "timestamp", "data")
        .containsEntry("dataid", 1009)
        .containsEntry("time", START.getEpochSecond())
        .containsEntry("timestamp", START.getEpochSecond());
    assertThat(event.status()).isEmpty();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> data = (List<Map<String, Object>>) event.fields().get("data");
    assertThat(data).hasSize(1);
    assertThat(data.get(0)).containsExactly(
        Map.entry("target", "example.com:80"),
        Map.entry("dimension", Map.ofEntries(
            Map.entry("bk_biz_id", "2"), Map.entry("target_host", "example.com"),
            Map.entry("target_port", "80"), Map.entry("task_id", "11"),
            Map.entry("task_type", "tcp"), Map.entry("status", "1"),
            Map.entry("resolved_ip", "10.0.0.1"), Map.entry("error_code", "1001"),
            Map.entry("node_id", "7:10.0.0.5"), Map.entry("ip", "10.0.0.5"),
            Map.entry("bk_cloud_id", "7"), Map.entry("bk_agent_id", "agent-1"))),
        Map.entry("metrics", Map.of("available", 0.0, "task_duration", 7L)),
        Map.entry("timestamp", START.toEpochMilli()));
    @SuppressWarnings("unchecked")
    Map<String, Object> dimension = (Map<String, Object>) data.get(0).get("dimension");
    assertThat(dimension.keySet()).containsExactly("bk_biz_id", "target_host", "target_port",
        "task_id", "task_type", "status", "resolved_ip", "error_code", "node_id", "ip",
        "bk_cloud_id", "bk_agent_id");
  }

  @Test
  @SuppressWarnings("unchecked")
  void customReportDuplicatesTheItemPerLabelGroup() {
    UptimeCheckEvent result =
        begin(List.of(Map.of("env", "prod"), Map.of("env", "gray", "team", "db"))).success();
    Event event = CustomReport.forSimpleProbe(result, HOST);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> data = (List<Map<String, Object>>) event.fields().get("data");
    assertThat(data).hasSize(2);
    assertThat((Map<Object, Object>) data.get(0).get("dimension")).containsEntry("env", "prod")
        .doesNotContainKey("team").containsEntry("status", "0");
    assertThat((Map<Object, Object>) data.get(1).get("dimension")).containsEntry("env", "gray")
        .containsEntry("team", "db").containsEntry("target_host", "example.com");
    assertThat((Map<Object, Object>) data.get(1).get("metrics")).containsEntry("available", 1.0);
  }
}

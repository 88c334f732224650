package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.HostIdentity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Spec 4.2, field by field. */
class AlarmEnvelopeTest {
  private static final Instant NOW = Instant.parse("2024-05-01T02:00:00Z");
  private final AtomicReference<HostIdentity> identity =
      new AtomicReference<>(new HostIdentity("10.0.0.5", 3, 2, "agent", 7, "host"));

  private AlarmEnvelope envelope(String zone) {
    return new AlarmEnvelope(1000, Clock.fixed(NOW, ZoneId.of("UTC")), ZoneId.of(zone),
        identity::get);
  }

  @Test
  void wrapsAnExtraInTheBasicAlarmEnvelope() {
    AlarmEnvelope envelope = envelope("Asia/Shanghai");
    Map<String, Object> extra = envelope.extra(6);
    assertThat(extra).containsExactly(Map.entry("bizid", 2), Map.entry("cloudid", 3),
        Map.entry("host", "10.0.0.5"), Map.entry("type", 6));
    extra.put("disk", "/");
    Event event = envelope.wrap(List.of(extra)).get(0);

    assertThat(event.type()).isEqualTo("exceptionbeat");
    assertThat(event.ignoreCmdbLevel()).isTrue();
    assertThat(event.fields()).containsOnlyKeys("dataid", "isdst", "server", "time", "timezone",
        "utctime", "utctime2", "value");
    assertThat(event.fields()).containsEntry("dataid", 1000).containsEntry("isdst", 0)
        .containsEntry("server", "10.0.0.5").containsEntry("time", "2024-05-01 10:00:00")
        .containsEntry("timezone", 8)
        // gap 6, kept: utctime is the local time, utctime2 the UTC one
        .containsEntry("utctime", "2024-05-01 10:00:00")
        .containsEntry("utctime2", "2024-05-01 02:00:00");
    Map<String, Object> value = value(event);
    assertThat(value).containsExactly(Map.entry("event_desc", ""), Map.entry("event_raw_id", 0L),
        Map.entry("event_source_system", ""), Map.entry("event_time", "2024-05-01 10:00:00"),
        Map.entry("event_title", ""), Map.entry("event_type", "gse_basic_alarm_type"),
        Map.entry("extra", Map.of("bizid", 2, "cloudid", 3, "host", "10.0.0.5", "type", 6,
            "disk", "/")));
  }

  @Test
  void coreFileTimeReplacesTheEventTimeAndLeavesTheExtra() {
    Map<String, Object> extra = new LinkedHashMap<>(Map.of("type", 7, "event_time", "1607502386"));
    Event event = envelope("Asia/Shanghai").wrap(List.of(extra)).get(0);
    assertThat(event.fields()).containsEntry("time", "2024-05-01 10:00:00")
        .containsEntry("utctime", "2020-12-09 16:26:26")
        .containsEntry("utctime2", "2020-12-09 08:26:26");
    assertThat(value(event)).containsEntry("event_time", "2020-12-09 16:26:26");
    assertThat(TestContext.extra(event)).doesNotContainKey("event_time");
    assertThat(extra).containsKey("event_time"); // the caller's map is not changed
  }

  @Test
  void rawIdIsSharedByABulkAndCountsSends() {
    AlarmEnvelope envelope = envelope("UTC");
    List<Event> first = envelope.wrap(List.of(Map.of("type", 6), Map.of("type", 6)));
    List<Event> second = envelope.wrap(List.of(Map.of("type", 3)));
    assertThat(first).extracting(e -> value(e).get("event_raw_id")).containsExactly(0L, 0L);
    assertThat(value(second.get(0))).containsEntry("event_raw_id", 1L);
  }

  @Test
  void identityIsReadAtEverySendGap31() {
    AlarmEnvelope envelope = envelope("UTC");
    assertThat(envelope.wrap(List.of(envelope.extra(3))).get(0).fields())
        .containsEntry("server", "10.0.0.5");
    identity.set(new HostIdentity("10.9.9.9", 4, 5, "agent", 7, "host"));
    Event later = envelope.wrap(List.of(envelope.extra(3))).get(0);
    assertThat(later.fields()).containsEntry("server", "10.9.9.9");
    assertThat(TestContext.extra(later)).containsEntry("bizid", 5).containsEntry("cloudid", 4)
        .containsEntry("host", "10.9.9.9");
  }

  @Test
  void timezoneIsWholeHoursTruncated() {
    assertThat(envelope("Asia/Kolkata").wrap(List.of(Map.of())).get(0).fields())
        .containsEntry("timezone", 5).containsEntry("time", "2024-05-01 07:30:00");
    assertThat(envelope("America/St_Johns").wrap(List.of(Map.of())).get(0).fields())
        .containsEntry("timezone", -2);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> value(Event event) {
    return ((List<Map<String, Object>>) event.fields().get("value")).get(0);
  }
}

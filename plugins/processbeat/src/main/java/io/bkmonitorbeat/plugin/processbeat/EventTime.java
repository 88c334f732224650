package io.bkmonitorbeat.plugin.processbeat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The time fields of processbeat events and the RFC 3339 start time. Stateless; thread-safe. */
final class EventTime {
  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private EventTime() {}

  /** Adds {@code timezone} (whole hours), {@code datetime} (local) and {@code utctime}. */
  static void put(Map<String, Object> event, Instant now, ZoneId zone) {
    ZoneOffset offset = zone.getRules().getOffset(now);
    event.put("timezone", offset.getTotalSeconds() / 3600);
    event.put("datetime", TEXT.format(now.atZone(zone)));
    event.put("utctime", TEXT.format(now.atZone(ZoneOffset.UTC)));
  }

  /**
   * Formats {@code epochMillis} as Go's RFC 3339 with fractional seconds: trailing zeros of the
   * fraction trimmed, {@code Z} for UTC, e.g. {@code 2024-04-30T10:00:00.123+08:00}.
   */
  static String rfc3339(long epochMillis, ZoneId zone) {
    OffsetDateTime time = Instant.ofEpochMilli(epochMillis).atZone(zone).toOffsetDateTime();
    StringBuilder text = new StringBuilder(SECONDS.format(time));
    int millis = time.getNano() / 1_000_000;
    if (millis != 0) {
      String fraction = String.format("%03d", millis).replaceAll("0+$", "");
      text.append('.').append(fraction);
    }
    String offset = time.getOffset().getId();
    text.append("Z".equals(offset) ? "Z" : offset);
    return text.toString();
  }
}

package io.bkmonitorbeat.plugin.exceptionbeat;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.HostIdentity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Wraps detector "extra" objects into bkmonitorbeat's GSE basic-alarm envelope (spec 4.2).
 *
 * <p>Each {@link #wrap} call is one "send" of the original: it takes the next raw id, shared by
 * all the events it returns. The host identity ({@code server}, {@code bizid}, {@code cloudid},
 * {@code host}) is read from the agent at every call, so a GSE agent that answers late or changes
 * its answer is reflected in the next event (gap 31: the original asked once, 3 s after start).
 *
 * <p>Gap 6, kept for consumers: {@code utctime} is the <em>local</em> event time and {@code
 * utctime2} the UTC one; {@code timezone} is the UTC offset in whole hours (truncated, as Go's
 * integer division); {@code isdst} is always 0. Thread-safe.
 */
final class AlarmEnvelope {
  static final String TYPE = "exceptionbeat";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final int dataId;
  private final Clock clock;
  private final ZoneId zone;
  private final Supplier<HostIdentity> identity;
  private final AtomicLong rawIds = new AtomicLong();

  AlarmEnvelope(int dataId, Clock clock, ZoneId zone, Supplier<HostIdentity> identity) {
    this.dataId = dataId;
    this.clock = clock;
    this.zone = zone;
    this.identity = identity;
  }

  /** Returns the identity fields every extra starts with: bizid, cloudid, host, type. */
  Map<String, Object> extra(int type) {
    HostIdentity host = identity.get();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("bizid", host.bizId());
    extra.put("cloudid", host.cloudId());
    extra.put("host", host.ip());
    extra.put("type", type);
    return extra;
  }

  /**
   * Returns one event per extra. An extra's {@code event_time} key (unix seconds as text, from a
   * core file name) sets the event time and is removed.
   */
  List<Event> wrap(List<Map<String, Object>> extras) {
    long rawId = rawIds.incrementAndGet() - 1;
    Instant now = clock.instant();
    ZonedDateTime local = now.atZone(zone);
    String server = identity.get().ip();
    List<Event> events = new ArrayList<>(extras.size());
    for (Map<String, Object> item : extras) {
      Map<String, Object> extra = new LinkedHashMap<>(item);
      Instant eventTime = eventTime(extra.remove("event_time")).orElse(now);
      String eventLocal = TIME.format(eventTime.atZone(zone));
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("event_desc", "");
      value.put("event_raw_id", rawId);
      value.put("event_source_system", "");
      value.put("event_time", eventLocal);
      value.put("event_title", "");
      value.put("event_type", "gse_basic_alarm_type");
      value.put("extra", extra);
      events.add(Event.builder(TYPE, dataId)
          .put("isdst", 0)
          .put("server", server)
          .put("time", TIME.format(local))
          .put("timezone", local.getOffset().getTotalSeconds() / 3600)
          .put("utctime", eventLocal)
          .put("utctime2", TIME.format(eventTime.atZone(ZoneId.of("UTC"))))
          .put("value", List.of(value))
          .ignoreCmdbLevel()
          .build());
    }
    return events;
  }

  private static Optional<Instant> eventTime(Object text) {
    if (text instanceof String s && !s.isEmpty()) {
      try {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(s)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}

package io.bkmonitorbeat.plugin.kubeevent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Parses one JSON {@code Event} (spec 10.2).
 *
 * <p>Timestamps are RFC 3339 with or without fractional seconds and with {@code Z} or an offset
 * (gap 21: the original accepted only {@code YYYY-MM-DDTHH:MM:SSZ} and took "now" for anything
 * else, e.g. a MicroTime {@code eventTime}, which made old events look new). A timestamp that
 * still does not parse counts as absent, never as now. First time = {@code firstTimestamp}, else
 * {@code eventTime}; last time = the later of {@code lastTimestamp} and {@code
 * series.lastObservedTime}, else {@code eventTime}, else the first time. An event without any
 * timestamp is dropped. Not thread-safe (counters); one per collector.
 */
final class KubeEventParser {
  /** Why a line gave no event. */
  enum Reject { MALFORMED, NO_TIMESTAMP }

  private final ObjectMapper mapper;
  private long badTimestamps;

  KubeEventParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Result of parsing a line: an event or the reason there is none. */
  record Result(KubeEvent event, Reject reject) {}

  Result parse(String line) {
    JsonNode root;
    try {
      root = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      return new Result(null, Reject.MALFORMED);
    }
    if (root == null || !root.isObject()) {
      return new Result(null, Reject.MALFORMED);
    }
    return parse(root);
  }

  Result parse(JsonNode root) {
    Optional<Instant> firstTs = time(root.path("firstTimestamp"));
    Optional<Instant> eventTime = time(root.path("eventTime"));
    Optional<Instant> lastTs = time(root.path("lastTimestamp"));
    JsonNode series = root.path("series");
    Optional<Instant> observed = time(series.path("lastObservedTime"));
    Optional<Instant> first = firstTs.or(() -> eventTime);
    Optional<Instant> last = later(lastTs, observed).or(() -> eventTime).or(() -> first);
    if (first.isEmpty() && last.isEmpty()) {
      return new Result(null, Reject.NO_TIMESTAMP);
    }
    long count = root.path("count").asLong(0);
    if (count <= 0) {
      count = series.path("count").asLong(0);
    }
    if (count <= 0) {
      count = 1;
    }
    JsonNode object = root.path("involvedObject");
    String reason = text(root, "reason");
    String kind = text(object, "kind");
    String namespace = text(object, "namespace");
    String name = text(object, "name");
    String uid = text(root.path("metadata"), "uid");
    String identity = md5(reason + "/" + kind + "/" + namespace + "/" + name + "/" + uid);
    JsonNode source = root.path("source");
    KubeEvent event = new KubeEvent(identity, reason, text(root, "message"), text(root, "type"),
        text(source, "component"), text(source, "host"), uid, kind, namespace, name,
        text(object, "apiVersion"), first.orElse(last.get()), last.get(), count);
    return new Result(event, null);
  }

  /** Returns how many present timestamps did not parse. */
  long badTimestamps() {
    return badTimestamps;
  }

  private Optional<Instant> time(JsonNode node) {
    if (!node.isTextual() || node.asText().isBlank()) {
      return Optional.empty();
    }
    Optional<Instant> parsed = parseTime(node.asText());
    if (parsed.isEmpty()) {
      badTimestamps++;
    }
    return parsed;
  }

  /** Parses RFC 3339 ({@code 2024-05-01T10:00:05Z}, {@code ...05.123456Z}, {@code ...05+08:00}). */
  static Optional<Instant> parseTime(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}

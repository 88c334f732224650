package io.bkmonitorbeat.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One event as a collector produces it: the JSON object bkmonitorbeat would send, before the host
 * adds the host identity ({@code node_id}, {@code ip}, {@code bk_cloud_id}, {@code type}, {@code
 * bk_cmdb_level}) and the GSE agent fields ({@code bizid}, {@code cloudid}, {@code gseindex}, ...).
 *
 * <p>Field values are JSON values made of JDK types only: {@link String}, {@link Boolean}, {@link
 * Integer}, {@link Long}, {@link Double} (and the other {@link Number}s of {@code java.lang} and
 * {@code java.math}), {@link List} and {@link Map} with string keys. The constructor copies them
 * deeply into unmodifiable collections and rejects anything else, so no plugin class ever reaches
 * the host's serializer. Immutable and thread-safe.
 *
 * <p>Status accounting (as bkmonitorbeat's beater does it): a {@code status} field of 0 counts as
 * published, any other value except -1 as an error. An event with the marker field {@code
 * not_uptimecheck} has both fields removed before sending, and is not sent at all when its status
 * is not 0.
 *
 * @param type the event type, written to the {@code type} field (e.g. {@code tcp})
 * @param fields the JSON object; must contain an integer {@code dataid} greater than 0
 * @param ignoreCmdbLevel {@code true} if the host must not add {@code bk_cmdb_level}
 * @since 1.0.0
 */
public record Event(String type, Map<String, Object> fields, boolean ignoreCmdbLevel) {

  /** Validates and deeply copies the components. */
  public Event {
    Objects.requireNonNull(type, "type");
    fields = copyMap(fields, "");
    Object dataId = fields.get("dataid");
    if (!(dataId instanceof Integer || dataId instanceof Long) || ((Number) dataId).longValue() <= 0) {
      throw new IllegalArgumentException("event '" + type + "': dataid must be a positive integer, was " + dataId);
    }
  }

  /** Creates an event whose {@code bk_cmdb_level} the host fills in. */
  public static Event of(String type, Map<String, ?> fields) {
    return new Event(type, Collections.unmodifiableMap(fields), false);
  }

  /** Starts an event of {@code type} with data id {@code dataId}. */
  public static Builder builder(String type, int dataId) {
    return new Builder(type).put("dataid", dataId);
  }

  /** Returns the data id. */
  public int dataId() {
    return ((Number) fields.get("dataid")).intValue();
  }

  /** Returns the {@code status} field when it is an integer. */
  public Optional<Long> status() {
    Object status = fields.get("status");
    if (status instanceof Integer || status instanceof Long || status instanceof Short || status instanceof Byte) {
      return Optional.of(((Number) status).longValue());
    }
    return Optional.empty();
  }

  /** A builder of events; not thread-safe. */
  public static final class Builder {
    private final String type;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private boolean ignoreCmdbLevel;

    private Builder(String type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    /** Sets a field (replacing an earlier value). */
    public Builder put(String key, Object value) {
      fields.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
      return this;
    }

    /** Tells the host not to add {@code bk_cmdb_level} (ping, gather-up and self-stats do so). */
    public Builder ignoreCmdbLevel() {
      this.ignoreCmdbLevel = true;
      return this;
    }

    /** Builds the event. */
    public Event build() {
      return new Event(type, fields, ignoreCmdbLevel);
    }
  }

  private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException("field keys must be strings, was " + entry.getKey() + " at '" + path + "'");
      }
      copy.put(key, copyValue(entry.getValue(), path.isEmpty() ? key : path + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(Object value, String path) {
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, path);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(copyValue(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Float
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      return value;
    }
    throw new IllegalArgumentException(
        "field '" + path + "' must be a JSON value of JDK types, was "
            + (value == null ? "null" : value.getClass().getName()));
  }
}

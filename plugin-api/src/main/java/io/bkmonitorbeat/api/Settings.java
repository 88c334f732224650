package io.bkmonitorbeat.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A typed, read-only view of one configuration map (a task, a section), with errors that name the
 * file, the full key path and the value.
 *
 * <p>Values are what YAML gives: strings, numbers, booleans, lists and maps. Getters convert the
 * way bkmonitorbeat's go-ucfg does: a numeric string is a number, {@code "true"}/{@code "false"}
 * are booleans, a duration is Go syntax or a bare number of seconds. A key that is absent or set
 * to null yields the default; a present value that cannot be converted throws a {@link
 * ConfigException}. Immutable and thread-safe.
 *
 * @since 1.0.0
 */
public final class Settings {
  private static final Settings EMPTY = new Settings("", "", Map.of());

  private final String source;
  private final String path;
  private final Map<String, Object> values;

  private Settings(String source, String path, Map<String, Object> values) {
    this.source = source;
    this.path = path;
    this.values = values;
  }

  /**
   * Creates a view over a map.
   *
   * @param source the file the values came from, for error messages (may be empty)
   * @param path the key path of this map inside the file, e.g. {@code tcp_task.tasks[0]} (empty
   *     for the file's root)
   * @param values the map; copied deeply, null values are kept as "absent"
   */
  public static Settings of(String source, String path, Map<String, ?> values) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    return new Settings(source, path, copyMap(values));
  }

  /** Returns a view with no keys. */
  public static Settings empty() {
    return EMPTY;
  }

  /** Returns the file the values came from, or an empty string. */
  public String source() {
    return source;
  }

  /** Returns the key path of this map inside its file, or an empty string for the root. */
  public String path() {
    return path;
  }

  /** Returns the full key path of {@code key} in this map, e.g. {@code tasks[0].timeout}. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Returns whether {@code key} is present with a non-null value. */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** Returns the keys of this map, in configured order. */
  public Set<String> keys() {
    return values.keySet();
  }

  /** Returns the whole map, deeply unmodifiable, in configured order. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Returns the raw value of {@code key}, if present. */
  public Optional<Object> raw(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** Returns {@code key} as a string (numbers and booleans are turned into text), if present. */
  public Optional<String> string(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map || value instanceof List) {
      throw error(key, "must be a string", value);
    }
    return Optional.of(scalarText(value));
  }

  /** Returns {@code key} as a string, or {@code defaultValue} when absent. */
  public String string(String key, String defaultValue) {
    return string(key).orElse(defaultValue);
  }

  /** Returns {@code key} as a 32-bit integer, or {@code defaultValue} when absent. */
  public int integer(String key, int defaultValue) {
    long value = longValue(key, defaultValue);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw error(key, "must fit a 32-bit integer", values.get(key));
    }
    return (int) value;
  }

  /** Returns {@code key} as a 64-bit integer, or {@code defaultValue} when absent. */
  public long longValue(String key, long defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      BigDecimal number = new BigDecimal(scalarText(value).trim());
      return number.longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw error(key, "must be an integer", value);
    }
  }

  /** Returns {@code key} as a decimal number, or {@code defaultValue} when absent. */
  public double decimal(String key, double defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return Double.parseDouble(scalarText(value).trim());
    } catch (NumberFormatException e) {
      throw error(key, "must be a number", value);
    }
  }

  /** Returns {@code key} as a boolean, or {@code defaultValue} when absent. */
  public boolean bool(String key, boolean defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (scalarText(value).trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw error(key, "must be true or false", value);
    };
  }

  /**
   * Returns {@code key} as a duration (Go syntax such as {@code 1m30s}, or a bare number of
   * seconds), or {@code defaultValue} when absent.
   */
  public Duration duration(String key, Duration defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Durations.parse(value instanceof Number ? value : scalarText(value));
    } catch (IllegalArgumentException e) {
      throw error(key, "must be a duration such as 10s or 1m30s", value);
    }
  }

  /**
   * Returns {@code key} as a list of strings; absent gives an empty list. A single scalar is not
   * a list and is rejected.
   */
  public List<String> strings(String key) {
    return list(key, (item, itemPath) -> {
      if (item instanceof Map || item instanceof List) {
        throw new ConfigException(message(itemPath, "must be a string", item));
      }
      return scalarText(item);
    });
  }

  /** Returns {@code key} as a map of strings; absent gives an empty map. */
  public Map<String, String> stringMap(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw error(key, "must be a map", value);
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object item = entry.getValue();
      if (item instanceof Map || item instanceof List) {
        throw new ConfigException(
            message(pathOf(key) + "." + entry.getKey(), "must be a string", item));
      }
      result.put(String.valueOf(entry.getKey()), item == null ? "" : scalarText(item));
    }
    return Collections.unmodifiableMap(result);
  }

  /** Returns the map under {@code key} as settings; absent gives empty settings at that path. */
  public Settings section(String key) {
    Object value = values.get(key);
    if (value == null) {
      return new Settings(source, pathOf(key), Map.of());
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw error(key, "must be a map", value);
    }
    return new Settings(source, pathOf(key), castMap(map));
  }

  /** Returns the list of maps under {@code key} as settings; absent gives an empty list. */
  public List<Settings> sections(String key) {
    return list(key, (item, itemPath) -> {
      if (!(item instanceof Map<?, ?> map)) {
        throw new ConfigException(message(itemPath, "must be a map", item));
      }
      return new Settings(source, itemPath, castMap(map));
    });
  }

  /**
   * Returns an exception for a bad value of {@code key}, with a message naming the file, the key
   * path and the value: {@code <file>: <path>: <problem>, was '<value>'}.
   */
  public ConfigException error(String key, String problem) {
    return error(key, problem, values.get(key));
  }

  /** Returns an exception about this whole map (no single key is at fault). */
  public ConfigException error(String problem) {
    String where = path.isEmpty() ? "" : path + ": ";
    return new ConfigException((source.isEmpty() ? "" : source + ": ") + where + problem);
  }

  @Override
  public String toString() {
    return (source.isEmpty() ? "" : source + ": ") + path + values;
  }

  private ConfigException error(String key, String problem, Object value) {
    return new ConfigException(message(pathOf(key), problem, value));
  }

  private String message(String keyPath, String problem, Object value) {
    String prefix = source.isEmpty() ? "" : source + ": ";
    String was = value == null ? "absent" : "'" + value + "'";
    return prefix + keyPath + ": " + problem + ", was " + was;
  }

  private interface ItemReader<T> {
    T read(Object item, String itemPath);
  }

  private <T> List<T> list(String key, ItemReader<T> reader) {
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw error(key, "must be a list", value);
    }
    List<T> result = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      String itemPath = pathOf(key) + "[" + i + "]";
      if (item == null) {
        throw new ConfigException(message(itemPath, "must not be empty", null));
      }
      result.add(reader.read(item, itemPath));
    }
    return Collections.unmodifiableList(result);
  }

  private static String scalarText(Object value) {
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      BigDecimal decimal = new BigDecimal(value.toString()).stripTrailingZeros();
      return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
    }
    return value.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map; // built by copyMap: String keys, unmodifiable
  }

  private static Map<String, Object> copyMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), copyValue(value)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return copyMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(copyValue(item)));
      return Collections.unmodifiableList(copy);
    }
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    return value.toString(); // dates and other YAML scalars are text to us
  }
}

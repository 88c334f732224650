package io.bkmonitorbeat.host.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands dotted keys into nested maps, as libbeat's config library does: {@code output.bkpipe: {a:
 * 1}} becomes {@code output: {bkpipe: {a: 1}}}, deep-merged with any {@code output:} map written
 * elsewhere in the same map (later keys win on a conflict between a value and a map).
 *
 * <p>The rule applies at every level, but only when every segment of the key matches {@code
 * [A-Za-z_][A-Za-z0-9_-]*}. Data keys that merely contain dots, such as SNMP OIDs ({@code
 * 1.3.6.1.4.1}) in a trap {@code oids} map or {@code .1.3.6}, are left alone because a segment
 * starts with a digit or is empty. Stateless; thread-safe.
 */
final class DottedKeys {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private DottedKeys() {}

  /** Returns a deep copy of {@code value} with dotted map keys expanded. */
  static Object expand(Object value) {
    if (value instanceof Map<?, ?> map) {
      return expandMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(expand(item)));
      return copy;
    }
    return value;
  }

  /** Returns a deep copy of {@code map} with dotted keys expanded. */
  static Map<String, Object> expandMap(Map<?, ?> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Object value = expand(entry.getValue());
      String[] segments = key.split("\\.", -1);
      if (segments.length > 1 && allIdentifiers(segments)) {
        value = nest(segments, 1, value);
        key = segments[0];
      }
      merge(result, key, value);
    }
    return result;
  }

  private static boolean allIdentifiers(String[] segments) {
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        return false;
      }
    }
    return true;
  }

  private static Object nest(String[] segments, int from, Object value) {
    Object nested = value;
    for (int i = segments.length - 1; i >= from; i--) {
      Map<String, Object> level = new LinkedHashMap<>();
      level.put(segments[i], nested);
      nested = level;
    }
    return nested;
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> target, String key, Object value) {
    Object existing = target.get(key);
    if (existing instanceof Map<?, ?> old && value instanceof Map<?, ?> add) {
      Map<String, Object> into = (Map<String, Object>) old; // built here: mutable, String keys
      add.forEach((k, v) -> merge(into, String.valueOf(k), v));
    } else {
      target.put(key, value);
    }
  }
}

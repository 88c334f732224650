package io.bkmonitorbeat.host.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.host.json.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the CMDB host-id file (spec 3.6, host-collectors 1.3) from JSON text into a {@link
 * HostIdInfo}. Pure: no I/O, no logging. Thread-safe.
 *
 * <p>Rules: the first of the comma-separated {@code bk_host_innerip}; every top-level number must
 * be an integer (a float makes the file invalid, as in the original); {@code associations} entries
 * keep only {@code bk_biz_id}, {@code bk_set_id}, {@code bk_module_id} and the custom {@code
 * layer} chain, which is flattened into {@code <bk_obj_id>: <bk_inst_id>} pairs (the shape events
 * carry as {@code bk_cmdb_level}); an entry with a non-integer kept value or a broken layer level is
 * dropped. Entries are taken in ascending key order (numeric keys by value) so the result is
 * deterministic (the original used Go's random map order), at most {@code maxLevels} of them. The
 * biz id is the first non-zero {@code bk_biz_id}.
 *
 * <p>The {@code process} list (host-collectors 1.3, for procconf) is taken in file order; an item
 * that is not an object, or whose known keys have the wrong JSON type (a string key may also be
 * a number), is dropped with a warning rather than spoiling the whole file, which the publisher's
 * identity also depends on.
 */
final class HostIdParser {
  private static final List<String> KEPT = List.of("bk_biz_id", "bk_set_id", "bk_module_id");

  private HostIdParser() {}

  /** Parses {@code json}; throws {@link IllegalArgumentException} saying why it is malformed. */
  static HostIdInfo parse(String json, int maxLevels) {
    return parse(json, maxLevels, new ArrayList<>());
  }

  /**
   * Parses {@code json}, adding to {@code warnings} why a process item was dropped; throws {@link
   * IllegalArgumentException} saying why the file is malformed.
   */
  static HostIdInfo parse(String json, int maxLevels, List<String> warnings) {
    Object parsed;
    try {
      parsed = Json.parse(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map<?, ?> root)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    root.forEach((key, value) -> {
      if (value instanceof Double) {
        throw new IllegalArgumentException(
            "top-level '" + key + "' must be an integer, was " + Json.text(value));
      }
    });
    List<Map<String, Object>> levels = levels(root.get("associations"), maxLevels);
    int bizId = levels.stream().map(l -> (Long) l.getOrDefault("bk_biz_id", 0L))
        .filter(id -> id != 0).findFirst().orElse(0L).intValue();
    return new HostIdInfo(
        asText(root.get("bk_host_innerip")).split(",", -1)[0].trim(),
        asInt(root.get("bk_cloud_id")),
        asInt(root.get("bk_host_id")),
        asText(root.get("tenant_id")),
        asInt(root.get("dataid")),
        bizId,
        levels,
        asText(root.get("bk_host_outerip")).split(",", -1)[0].trim(),
        processes(root.get("process"), warnings),
        true);
  }

  // A scalar's text; absent, null, a list or an object is "".
  private static String asText(Object value) {
    return value == null || value instanceof Map || value instanceof List ? "" : value.toString();
  }

  // An integer (a longer one cut to 32 bits), a string holding one, or a boolean as 1/0; else 0.
  private static int asInt(Object value) {
    if (value instanceof Number number) {
      return number.intValue();
    }
    if (value instanceof Boolean flag) {
      return flag ? 1 : 0;
    }
    if (value instanceof String text) {
      try {
        return (int) Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private static List<HostCmdb.Process> processes(Object list, List<String> warnings) {
    if (list == null) {
      return List.of();
    }
    if (!(list instanceof List<?> items)) {
      warnings.add("'process' is not a list, ignored: " + typeName(list));
      return List.of();
    }
    List<HostCmdb.Process> processes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        processes.add(process(items.get(i)));
      } catch (IllegalArgumentException e) {
        warnings.add("process[" + i + "] dropped: " + e.getMessage());
      }
    }
    return processes;
  }

  private static HostCmdb.Process process(Object value) {
    Map<?, ?> item = requireObject(value);
    Object binds = item.get("bind_info");
    List<HostCmdb.Bind> bindInfo = new ArrayList<>();
    if (binds instanceof List<?> list) {
      for (Object element : list) {
        Map<?, ?> bind = requireObject(element);
        bindInfo.add(new HostCmdb.Bind(flag(bind, "enable"), text(bind, "ip"),
            text(bind, "port"), text(bind, "protocol")));
      }
    } else if (binds != null) {
      throw new IllegalArgumentException("'bind_info' must be a list, was " + Json.text(binds));
    }
    return new HostCmdb.Process(text(item, "bk_func_name"), text(item, "bk_process_name"),
        text(item, "bind_ip"), text(item, "port"), text(item, "protocol"),
        text(item, "bk_start_param_regex"), flag(item, "bk_enable_port"), bindInfo);
  }

  private static Map<?, ?> requireObject(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("not an object: " + Json.text(value));
    }
    return map;
  }

  // A string, or a number in its decimal form; absent or null is "".
  private static String text(Map<?, ?> object, String key) {
    Object value = object.get(key);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String) && !(value instanceof Number)) {
      throw new IllegalArgumentException("'" + key + "' must be a string, was " + Json.text(value));
    }
    return value.toString();
  }

  // A boolean; absent or null counts as true (only an explicit false disables).
  private static boolean flag(Map<?, ?> object, String key) {
    Object value = object.get(key);
    if (value == null) {
      return true;
    }
    if (!(value instanceof Boolean flag)) {
      throw new IllegalArgumentException("'" + key + "' must be a boolean, was " + Json.text(value));
    }
    return flag;
  }

  private static List<Map<String, Object>> levels(Object associations, int maxLevels) {
    if (!(associations instanceof Map<?, ?> map)) {
      return List.of();
    }
    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
    entries.sort(Comparator.comparing(e -> (String) e.getKey(), HostIdParser::compareKeys));
    List<Map<String, Object>> levels = new ArrayList<>();
    for (Map.Entry<?, ?> entry : entries) {
      if (levels.size() >= maxLevels) {
        break;
      }
      entry(entry.getValue()).ifPresent(levels::add);
    }
    return levels;
  }

  private static Optional<Map<String, Object>> entry(Object node) {
    if (!(node instanceof Map<?, ?> object)) {
      return Optional.empty();
    }
    Map<String, Object> level = new LinkedHashMap<>();
    for (String key : KEPT) {
      Object value = object.get(key);
      if (value == null) {
        continue;
      }
      if (!isIntegral(value)) {
        return Optional.empty();
      }
      level.put(key, ((Number) value).longValue());
    }
    for (Object layer = object.get("layer"); layer instanceof Map<?, ?> l; layer = l.get("child")) {
      Object obj = l.get("bk_obj_id");
      Object inst = l.get("bk_inst_id");
      if (!(obj instanceof String name) || !isIntegral(inst)) {
        return Optional.empty();
      }
      level.put(name, ((Number) inst).longValue());
    }
    return Optional.of(level);
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
  }

  private static String typeName(Object value) {
    if (value instanceof Map) {
      return "OBJECT";
    }
    if (value instanceof String) {
      return "STRING";
    }
    return value instanceof Boolean ? "BOOLEAN" : "NUMBER";
  }

  private static int compareKeys(String a, String b) {
    boolean numeric = a.matches("\\d{1,18}") && b.matches("\\d{1,18}");
    return numeric ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
  }
}

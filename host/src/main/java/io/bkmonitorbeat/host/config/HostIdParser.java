package io.bkmonitorbeat.host.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bkmonitorbeat.api.HostCmdb;
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
  private static final ObjectMapper MAPPER = new ObjectMapper();
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
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    root.fields().forEachRemaining(field -> {
      if (field.getValue().isNumber() && !field.getValue().isIntegralNumber()) {
        throw new IllegalArgumentException(
            "top-level '" + field.getKey() + "' must be an integer, was " + field.getValue());
      }
    });
    List<Map<String, Object>> levels = levels(root.path("associations"), maxLevels);
    int bizId = levels.stream().map(l -> (Long) l.getOrDefault("bk_biz_id", 0L))
        .filter(id -> id != 0).findFirst().orElse(0L).intValue();
    return new HostIdInfo(
        root.path("bk_host_innerip").asText("").split(",", -1)[0].trim(),
        root.path("bk_cloud_id").asInt(0),
        root.path("bk_host_id").asInt(0),
        root.path("tenant_id").asText(""),
        root.path("dataid").asInt(0),
        bizId,
        levels,
        root.path("bk_host_outerip").asText("").split(",", -1)[0].trim(),
        processes(root.path("process"), warnings),
        true);
  }

  private static List<HostCmdb.Process> processes(JsonNode list, List<String> warnings) {
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      warnings.add("'process' is not a list, ignored: " + list.getNodeType());
      return List.of();
    }
    List<HostCmdb.Process> processes = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        processes.add(process(list.get(i)));
      } catch (IllegalArgumentException e) {
        warnings.add("process[" + i + "] dropped: " + e.getMessage());
      }
    }
    return processes;
  }

  private static HostCmdb.Process process(JsonNode item) {
    requireObject(item);
    JsonNode binds = item.path("bind_info");
    List<HostCmdb.Bind> bindInfo = new ArrayList<>();
    if (binds.isArray()) {
      for (JsonNode bind : binds) {
        requireObject(bind);
        bindInfo.add(new HostCmdb.Bind(flag(bind, "enable"), text(bind, "ip"),
            text(bind, "port"), text(bind, "protocol")));
      }
    } else if (!binds.isMissingNode() && !binds.isNull()) {
      throw new IllegalArgumentException("'bind_info' must be a list, was " + binds);
    }
    return new HostCmdb.Process(text(item, "bk_func_name"), text(item, "bk_process_name"),
        text(item, "bind_ip"), text(item, "port"), text(item, "protocol"),
        text(item, "bk_start_param_regex"), flag(item, "bk_enable_port"), bindInfo);
  }

  private static void requireObject(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("not an object: " + node);
    }
  }

  // A string, or a number in its decimal form; absent or null is "".
  private static String text(JsonNode object, String key) {
    JsonNode value = object.path(key);
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (!value.isTextual() && !value.isNumber()) {
      throw new IllegalArgumentException("'" + key + "' must be a string, was " + value);
    }
    return value.asText();
  }

  // A boolean; absent or null counts as true (only an explicit false disables).
  private static boolean flag(JsonNode object, String key) {
    JsonNode value = object.path(key);
    if (value.isMissingNode() || value.isNull()) {
      return true;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException("'" + key + "' must be a boolean, was " + value);
    }
    return value.asBoolean();
  }

  private static List<Map<String, Object>> levels(JsonNode associations, int maxLevels) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    associations.fields().forEachRemaining(entries::add);
    entries.sort(Comparator.comparing(Map.Entry::getKey, HostIdParser::compareKeys));
    List<Map<String, Object>> levels = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : entries) {
      if (levels.size() >= maxLevels) {
        break;
      }
      entry(entry.getValue()).ifPresent(levels::add);
    }
    return levels;
  }

  private static Optional<Map<String, Object>> entry(JsonNode node) {
    if (!node.isObject()) {
      return Optional.empty();
    }
    Map<String, Object> level = new LinkedHashMap<>();
    for (String key : KEPT) {
      JsonNode value = node.path(key);
      if (value.isMissingNode() || value.isNull()) {
        continue;
      }
      if (!value.isIntegralNumber()) {
        return Optional.empty();
      }
      level.put(key, value.asLong());
    }
    for (JsonNode layer = node.path("layer"); layer.isObject(); layer = layer.path("child")) {
      JsonNode obj = layer.path("bk_obj_id");
      JsonNode inst = layer.path("bk_inst_id");
      if (!obj.isTextual() || !inst.isIntegralNumber()) {
        return Optional.empty();
      }
      level.put(obj.asText(), inst.asLong());
    }
    return Optional.of(level);
  }

  private static int compareKeys(String a, String b) {
    boolean numeric = a.matches("\\d{1,18}") && b.matches("\\d{1,18}");
    return numeric ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
  }

}

package io.bkmonitorbeat.plugin.procsync;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Durations;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.configwriter.YamlText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one user process config (spec 8.2) into a proccustom child config (spec 8.3 step 2).
 * Pure: bytes in, bytes out. Thread-safe.
 */
final class ProccustomConfig {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final long MAX_TASK_ID = 2147483647L;
  private static final long SYNTHETIC = 1L << 29;

  private ProccustomConfig() {}

  /**
   * Renders the child config for the source file {@code name} with content {@code source}.
   *
   * @throws ConfigException naming the file, key and value if the source is not usable
   */
  static byte[] render(String name, byte[] source) {
    Settings file = Settings.of(name, "", parse(name, source));
    Settings config = file.section("config");
    if (!file.has("period")) {
      throw file.error("period", "is required");
    }
    Duration period = file.duration("period", Duration.ZERO);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", "proccustom_task");
    out.put("version", "1.0.0");
    out.put("type", "proccustom");
    out.put("period", Durations.format(period));
    out.put("dataid", file.integer("dataid", 0));
    out.put("task_id", taskId(source));
    out.put("port_dataid", file.integer("port_dataid", 0));
    for (String key : List.of("match_pattern", "process_name", "extract_pattern",
        "exclude_pattern", "pid_path")) {
      out.put(key, config.string(key, ""));
    }
    out.put("proc_metric", config.strings("proc_metric"));
    out.put("port_detect", config.bool("port_detect", false));
    out.put("ports", list(config, "ports"));
    out.put("listen_port_only", config.bool("listen_port_only", false));
    out.put("report_unexpected_port", config.bool("report_unexpected_port", false));
    out.put("disable_mapping", config.bool("disable_mapping", false));
    out.put("labels", labels(file));
    Map<String, String> tags = file.stringMap("tags");
    if (!tags.isEmpty()) {
      out.put("tags", tags);
    }
    return YamlText.render(out);
  }

  /**
   * The original's synthetic task id: xxHash64 of the raw file mod 2147483647, moved above 2^29
   * when at or below it, so generated ids do not collide with the small configured ones.
   */
  static long taskId(byte[] source) {
    long id = Long.remainderUnsigned(XxHash64.hash(source), MAX_TASK_ID);
    return id <= SYNTHETIC ? id + SYNTHETIC : id;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String name, byte[] source) {
    Object root;
    try {
      root = YAML.readValue(source, Object.class);
    } catch (JacksonException e) {
      throw new ConfigException(name + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new ConfigException(name + ": cannot be read: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new ConfigException(name + ": must be a YAML map");
    }
    return (Map<String, Object>) map;
  }

  private static List<Map<String, String>> labels(Settings file) {
    List<Map<String, String>> labels = new ArrayList<>();
    for (Settings label : file.sections("labels")) {
      Map<String, String> values = new LinkedHashMap<>();
      label.keys().forEach(key -> values.put(key, label.string(key, "")));
      labels.add(values);
    }
    return labels;
  }

  private static List<?> list(Settings config, String key) {
    Object value = config.raw(key).orElse(List.of());
    if (!(value instanceof List<?> list)) {
      throw config.error(key, "must be a list");
    }
    return list;
  }
}

package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A task's {@code labels}: a list of string maps ("group_info"), and the business id they may
 * carry (spec 4.3: every {@code bk_biz_id} label must be an int32 and all must agree).
 * Stateless; thread-safe.
 */
final class Labels {
  private Labels() {}

  /** Reads {@code labels} of {@code task}; a non-map item or a nested value is an error. */
  static List<Map<String, String>> read(Settings task) {
    List<Map<String, String>> groups = new ArrayList<>();
    for (Settings group : task.sections("labels")) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (String key : group.keys()) {
        labels.put(key, group.string(key, ""));
      }
      groups.add(Collections.unmodifiableMap(labels));
    }
    return List.copyOf(groups);
  }

  /** Returns the {@code bk_biz_id} of the label groups, if any has one. */
  static OptionalInt bizId(Settings task, List<Map<String, String>> groups) {
    Integer found = null;
    for (Map<String, String> group : groups) {
      String text = group.get("bk_biz_id");
      if (text == null) {
        continue;
      }
      int value;
      try {
        value = Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        throw task.error("labels", "bk_biz_id label must be a 32-bit integer");
      }
      if (found != null && found != value) {
        throw task.error("labels", "bk_biz_id labels disagree (" + found + " and " + value + ")");
      }
      found = value;
    }
    return found == null ? OptionalInt.empty() : OptionalInt.of(found);
  }
}

package io.bkmonitorbeat.plugin.keyword;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CMDB label expansion of keyword records (spec 1.3): each configured label group that hits
 * topology levels of this host yields one dimension set per hit (the label's keys plus the hit's
 * topology keys), and each dimension set gives one copy of a record. A label with a topology
 * level and id hits the levels whose {@code bk_<level>_id} (for {@code set}, {@code module},
 * {@code biz}) or custom {@code <level>} equals the id; a label with only a target IP hits every
 * level. When nothing hits, the record is sent once, unexpanded.
 *
 * <p>Unlike the original (gap 26) the host's cached topology maps are never written to: the
 * host IP and cloud id are added to each copy's dimensions only. Stateless; thread-safe.
 */
final class LabelExpander {
  private LabelExpander() {}

  /**
   * Returns the extra dimension sets, one per hit, or an empty list when nothing hits.
   *
   * @param labels the task's label groups (the seven known keys)
   * @param levels the host's topology levels ({@code HostCmdb.levels()})
   * @param innerIp the host's inner IP
   * @param cloudId the host's cloud id
   */
  static List<Map<String, String>> expand(List<Map<String, String>> labels,
      List<Map<String, Object>> levels, String innerIp, int cloudId) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> label : labels) {
      for (Map<String, Object> level : hits(label, levels)) {
        Map<String, String> dims = new LinkedHashMap<>(label);
        dims.put("bk_target_ip", innerIp);
        dims.put("bk_target_cloud_id", Integer.toString(cloudId));
        for (Map.Entry<String, Object> e : level.entrySet()) {
          String key = e.getKey();
          dims.put(key.startsWith("bk_") ? key : "bk_" + key + "_id", String.valueOf(e.getValue()));
        }
        out.add(dims);
      }
    }
    return out;
  }

  private static List<Map<String, Object>> hits(Map<String, String> label, List<Map<String, Object>> levels) {
    String topoLevel = label.getOrDefault("bk_target_topo_level", "");
    String topoId = label.getOrDefault("bk_target_topo_id", "");
    boolean instance = !label.getOrDefault("bk_target_service_instance_id", "").isEmpty();
    if (instance || (!topoLevel.isEmpty() && !topoId.isEmpty())) {
      if (topoLevel.isEmpty() || topoId.isEmpty()) {
        return List.of();
      }
      long id;
      try {
        id = Long.parseLong(topoId.trim());
      } catch (NumberFormatException e) {
        return List.of();
      }
      String key = switch (topoLevel) {
        case "set", "module", "biz" -> "bk_" + topoLevel + "_id";
        default -> topoLevel;
      };
      List<Map<String, Object>> hits = new ArrayList<>();
      for (Map<String, Object> level : levels) {
        if (level.get(key) instanceof Number n && n.longValue() == id) {
          hits.add(level);
        }
      }
      return hits;
    }
    if (!label.getOrDefault("bk_target_ip", "").isEmpty()) {
      return levels;
    }
    return List.of();
  }
}

package io.bkmonitorbeat.plugin.kubeevent;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kubeevent task's settings (spec 10.1), validated. Immutable.
 *
 * @param dataId the events' data id
 * @param taskId the task id (up-metric dimension)
 * @param bizId the business id (up-metric dimension)
 * @param tailFiles the event files (paths or globs, absolute)
 * @param interval the aggregation window (1m when absent or not positive)
 * @param upMetricsDataId the self-monitoring data id (0: none)
 * @param labels merged into every record's dimensions and the up-metric's
 * @param api the optional Kubernetes API watch
 */
record KubeEventSettings(
    int dataId,
    int taskId,
    int bizId,
    List<String> tailFiles,
    Duration interval,
    int upMetricsDataId,
    Map<String, String> labels,
    Optional<KubeApiSettings> api) {

  KubeEventSettings {
    tailFiles = List.copyOf(tailFiles);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels)); // configured order
  }

  /**
   * Reads and validates a task.
   *
   * @throws ConfigException naming the key and value of the first bad setting
   */
  static KubeEventSettings parse(TaskSpec task) {
    Settings s = task.settings();
    List<String> files = new ArrayList<>();
    for (String file : s.strings("tail_files")) {
      String trimmed = file.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.startsWith("/")) {
        throw s.error("tail_files", "must hold absolute paths");
      }
      files.add(trimmed);
    }
    Optional<KubeApiSettings> api = KubeApiSettings.parse(s.section("kube_api"));
    if (files.isEmpty() && api.isEmpty()) {
      throw s.error("tail_files", "must name at least one event file (or enable kube_api)");
    }
    Duration interval = s.duration("interval", Duration.ZERO);
    if (interval.isNegative() || interval.isZero()) {
      interval = Duration.ofMinutes(1);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    task.labels().forEach(labels::putAll);
    return new KubeEventSettings(task.dataId(), task.taskId(), task.bizId(), files, interval,
        s.integer("upmetrics_dataid", 0), labels, api);
  }
}

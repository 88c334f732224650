package io.bkmonitorbeat.plugin.proccustom;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Task specs of proccustom child configs for tests. */
final class Tasks {
  static final List<Map<String, String>> LABELS = List.of(
      Map.of("bk_target_ip", "10.0.0.5", "bk_target_cloud_id", "0", "bk_collect_config_id", "7"),
      Map.of("bk_target_ip", "10.0.0.6", "bk_target_cloud_id", "2", "bk_collect_config_id", "7"),
      Map.of("bk_collect_config_id", "8"));

  private Tasks() {}

  static TaskSpec proccustom(Map<String, ?> settings) {
    String file = "/etc/bkmonitorbeat/monitor_process_1.conf";
    Object dataid = settings.get("dataid");
    return new TaskSpec("proccustom", "ident-1", 9, dataid == null ? 0 : ((Number) dataid).intValue(),
        0, Duration.ofMinutes(1), Duration.ofSeconds(3), Duration.ofSeconds(3), LABELS,
        Settings.of(file, "", settings), Settings.of(file, "", settings),
        new TaskSpec.Source(file, "proccustom_task", "1.0.0"));
  }
}

package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds keys of the main file that nobody reads, at the top level and directly under {@code
 * bkmonitorbeat:}. They are warnings, never failures: a typo should be visible, but an operator's
 * existing file (with libbeat keys we do not use) must keep loading. Stateless; thread-safe.
 */
final class UnknownKeys {
  // libbeat keys and bkmonitorbeat keys that are accepted, used or deliberately ignored.
  private static final Set<String> TOP_LEVEL =
      Set.of(
          "bkmonitorbeat", "output", "path", "logging", "seccomp", "queue", "processors", "xpack",
          "resource_limit", "name", "max_procs", "tags", "fields", "fields_under_root",
          "monitoring", "http", "setup", "bk_metrics_pusher", "plugins");

  private static final Set<String> BKMONITORBEAT =
      Set.of(
          "mode", "check_interval", "clean_up_timeout", "event_buffer_size", "keep_one_dimension",
          "metrics_batch_size", "max_metric_batches", "admin_addr", "concurrency_limit", "jsonlib",
          "enable_multi_tenant", "multi_tenant_tasks", "gse_message_endpoint",
          "metricbeat_workers", "metricbeat_spread_workload", "metricbeat_align_ts", "node_id",
          "ip", "bk_biz_id", "bk_cloud_id", "host_id_path", "cmdb_level_max_length",
          "ignore_cmdb_level", "must_host_id_exist", "disable_netlink", "include",
          "multi_child_dir", "heart_beat", "gather_up_beat", "bk_metrics_pusher", "synccfg",
          "monitorid", "resourceid", "nonblock", "name", "max_procs");

  private UnknownKeys() {}

  /** Returns one warning per unknown key: {@code <file>: <key path>: unknown key, ignored}. */
  static List<String> find(Settings root) {
    List<String> warnings = new ArrayList<>();
    for (String key : root.keys()) {
      if (!TOP_LEVEL.contains(key)) {
        warnings.add(warning(root, key));
      }
    }
    Settings bk = root.section("bkmonitorbeat");
    for (String key : bk.keys()) {
      // Every <x>_task section is a task section (third-party plugins may add types).
      if (!BKMONITORBEAT.contains(key) && !key.endsWith("_task")) {
        warnings.add(warning(bk, key));
      }
    }
    return List.copyOf(warnings);
  }

  private static String warning(Settings settings, String key) {
    return settings.source() + ": " + settings.pathOf(key) + ": unknown key, ignored";
  }
}

package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.host.plugin.PluginStatus;
import io.bkmonitorbeat.host.schedule.SchedulerStats;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's own counters in one flat, sorted map: scheduler runs and lag, output counters
 * ({@code gse_*}), event statuses, tasks and plugins, and the collectors' own counters summed per
 * task type ({@code <type>_<counter>}, e.g. {@code snmptrap_dropped_malformed}). The agent logs it once a minute, so an
 * operator sees drops, skips and failures without extra tooling. Stateless; thread-safe.
 */
final class SelfMetrics {
  private SelfMetrics() {}

  static Map<String, Object> snapshot(
      SchedulerStats scheduler,
      Map<String, Long> output,
      Map<String, Long> pipeline,
      int tasksRunning,
      int tasksNotRunning,
      List<PluginStatus> plugins,
      Map<String, Long> collectors) {
    Map<String, Object> metrics = new TreeMap<>();
    if (scheduler != null) {
      SchedulerStats.Counts total = scheduler.total();
      metrics.put("scheduler_runs", total.runs());
      metrics.put("scheduler_skipped", total.skipped());
      metrics.put("scheduler_missed", total.missed());
      metrics.put("scheduler_timeouts", total.timeouts());
      metrics.put("scheduler_failures", total.failures());
      metrics.put("scheduler_rejected", total.rejected());
      metrics.put("scheduler_lag_p50_us", scheduler.lag().p50Micros());
      metrics.put("scheduler_lag_p99_us", scheduler.lag().p99Micros());
      metrics.put("scheduler_lag_max_us", scheduler.lag().maxMicros());
    }
    metrics.putAll(output);
    metrics.putAll(pipeline);
    metrics.put("tasks_running", tasksRunning);
    metrics.put("tasks_not_running", tasksNotRunning);
    metrics.put("plugins_running", plugins.stream().filter(PluginStatus::running).count());
    metrics.put("plugins_failed", plugins.stream().filter(p -> !p.running()).count());
    metrics.putAll(collectors);
    return metrics;
  }
}

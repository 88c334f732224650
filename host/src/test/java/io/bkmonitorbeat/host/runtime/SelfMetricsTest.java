package io.bkmonitorbeat.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.host.plugin.PluginStatus;
import io.bkmonitorbeat.host.schedule.SchedulerStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfMetricsTest {

  @Test
  void flattensEverySourceIntoOneSortedMap() {
    SchedulerStats stats = new SchedulerStats(new SchedulerStats.Counts(10, 2, 1, 3, 4, 5), Map.of(),
        new SchedulerStats.Lag(10, 150, 2_000, 9_000));
    List<PluginStatus> plugins = List.of(
        new PluginStatus("tcp", "1.0.0", "bk", Path.of("tcp.jar"), List.of("tcp"), ""),
        new PluginStatus("bad.jar", "", "", Path.of("bad.jar"), List.of(), "cannot load"));

    Map<String, Object> metrics = SelfMetrics.snapshot(stats, Map.of("gse_queue_dropped", 7L),
        Map.of("events_status_ok", 9L), 3, 1, plugins, Map.of("snmptrap_dropped_malformed", 4L));

    assertThat(metrics)
        .containsEntry("scheduler_runs", 10L).containsEntry("scheduler_skipped", 2L)
        .containsEntry("scheduler_missed", 1L).containsEntry("scheduler_timeouts", 3L)
        .containsEntry("scheduler_failures", 4L).containsEntry("scheduler_rejected", 5L)
        .containsEntry("scheduler_lag_p99_us", 2_000L).containsEntry("gse_queue_dropped", 7L)
        .containsEntry("events_status_ok", 9L).containsEntry("tasks_running", 3)
        .containsEntry("tasks_not_running", 1).containsEntry("plugins_running", 1L)
        .containsEntry("plugins_failed", 1L).containsEntry("snmptrap_dropped_malformed", 4L);
    assertThat(List.copyOf(metrics.keySet())).isSorted();
  }

  @Test
  void checkModeHasNoScheduler() {
    assertThat(SelfMetrics.snapshot(null, Map.of(), Map.of(), 0, 0, List.of(), Map.of()))
        .doesNotContainKey("scheduler_runs").containsEntry("tasks_running", 0);
  }
}

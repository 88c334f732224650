package io.bkmonitorbeat.host.runtime;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the global heartbeat event (spec 6), with the two fields the original left empty filled
 * in (gap G-12): {@code dimensions.version} is the host version and {@code metrics.error_tasks}
 * counts the tasks and child files that do not run. Thread-safe (stateless but for the start
 * time).
 */
final class GlobalHeartbeat {
  private final Clock clock;
  private final long startMillis;

  GlobalHeartbeat(Clock clock) {
    this.clock = clock;
    this.startMillis = clock.millis();
  }

  /** What the heartbeat reports; a snapshot taken when it is sent. */
  record Snapshot(
      int dataId,
      String hostId,
      int tasks,
      long configLoadedAtSeconds,
      long published,
      long errors,
      int configErrorCode,
      int errorTasks) {}

  /** Returns the event's JSON object. */
  Map<String, Object> build(Snapshot snapshot) {
    long now = clock.millis();
    Map<String, Object> dimensions = new LinkedHashMap<>();
    dimensions.put("status", 0);
    dimensions.put("version", HostVersion.get());
    dimensions.put("bk_host_id", snapshot.hostId());
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("uptime", (now - startMillis) / 1000);
    metrics.put("tasks", snapshot.tasks());
    metrics.put("config_load_at", snapshot.configLoadedAtSeconds());
    metrics.put("published", snapshot.published());
    metrics.put("errors", snapshot.errors());
    metrics.put("config_error_code", snapshot.configErrorCode());
    metrics.put("error_tasks", snapshot.errorTasks());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("time", now / 1000);
    event.put("dataid", snapshot.dataId());
    event.put("dimensions", dimensions);
    event.put("metrics", metrics);
    return event;
  }
}

package io.bkmonitorbeat.plugin.basereport;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Task specs for tests. */
final class Tasks {
  private Tasks() {}

  static TaskSpec basereport(Duration period, Map<String, ?> settings) {
    return new TaskSpec("basereport", "ident-1", 101, 1001, 0, period, Duration.ofSeconds(3),
        Duration.ofSeconds(3), List.of(), Settings.of("main.yml", "basereport_task", settings),
        Settings.of("main.yml", "basereport_task", settings),
        new TaskSpec.Source("main.yml", "", ""));
  }
}

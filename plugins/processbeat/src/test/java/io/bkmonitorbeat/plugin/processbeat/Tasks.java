package io.bkmonitorbeat.plugin.processbeat;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Task specs of processbeat child configs for tests. */
final class Tasks {
  private Tasks() {}

  static TaskSpec processbeat(Map<String, ?> settings) {
    String file = "/etc/bkmonitorbeat/bkmonitorbeat_processbeat.conf";
    return new TaskSpec("processbeat", "ident-1", 0, 0, 0, Duration.ofMinutes(1),
        Duration.ofSeconds(3), Duration.ofSeconds(3), List.of(),
        Settings.of(file, "", settings), Settings.of(file, "", settings),
        new TaskSpec.Source(file, "processbeat_task", "1.0.0"));
  }
}

package io.bkmonitorbeat.plugin.ping;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The testkit's recording context, with this plugin's task factories. */
final class TestContext extends RecordingContext {

  TestContext(TaskSpec task) {
    super(task);
  }

  static TaskSpec task(Map<String, ?> settings, Duration timeout, Duration available,
      List<Map<String, String>> labels) {
    return task(settings, Map.of(), timeout, available, labels);
  }

  static TaskSpec task(Map<String, ?> settings, Map<String, ?> section, Duration timeout,
      Duration available, List<Map<String, String>> labels) {
    return new TaskSpec("ping", "ident-1", 32, 1010, 2, Duration.ofMinutes(1), timeout, available,
        labels, Settings.of("ping.conf", "ping_task.tasks[0]", settings),
        Settings.of("ping.conf", "ping_task", section), new TaskSpec.Source("ping.conf", "", ""));
  }
}

package io.bkmonitorbeat.plugin.http;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The testkit's recording context, with this plugin's task factory. */
final class TestContext extends RecordingContext {

  TestContext(TaskSpec task) {
    super(task);
  }

  static TaskSpec task(Map<String, ?> settings, Duration timeout, Duration available,
      List<Map<String, String>> labels) {
    return new TaskSpec("http", "ident-1", 31, 1011, 2, Duration.ofMinutes(1), timeout, available,
        labels, Settings.of("http.conf", "http_task.tasks[0]", settings),
        Settings.of("http.conf", "http_task", Map.of()), new TaskSpec.Source("http.conf", "", ""));
  }
}

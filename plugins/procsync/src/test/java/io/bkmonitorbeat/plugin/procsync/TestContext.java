package io.bkmonitorbeat.plugin.procsync;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The testkit's recording context with recorded reload requests. */
final class TestContext extends RecordingContext {
  /** The reasons of the reload requests so far. */
  final List<String> reloads = new CopyOnWriteArrayList<>();
  volatile boolean reloadAccepted = true;

  TestContext(TaskSpec task) {
    super(task);
  }

  @Override
  public boolean requestReload(String reason) {
    reloads.add(reason);
    return reloadAccepted;
  }

  static TaskSpec task(String mainFile, Map<String, ?> settings) {
    return task(mainFile, 104, settings);
  }

  static TaskSpec task(String mainFile, int taskId, Map<String, ?> settings) {
    return new TaskSpec("procsync", "ident-1", taskId, 0, 0, Duration.ofMinutes(1),
        Duration.ofSeconds(3), Duration.ofSeconds(3), List.of(),
        Settings.of(mainFile, "procsync_task", settings),
        Settings.of(mainFile, "procsync_task", settings), new TaskSpec.Source(mainFile, "", ""));
  }
}

package io.bkmonitorbeat.plugin.statics;

import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Task specs and a context with a settable clock. */
final class StaticTasks {
  private StaticTasks() {}

  static TaskSpec task(Map<String, ?> settings) {
    return task(1100010, settings);
  }

  static TaskSpec task(int dataId, Map<String, ?> settings) {
    return new TaskSpec("static", "ident-1", 100, dataId, 0, Duration.ofMinutes(1),
        Duration.ofSeconds(3), Duration.ofSeconds(3), List.of(),
        Settings.of("main.yml", "static_task.tasks[0]", settings),
        Settings.of("main.yml", "static_task", Map.of("dataid", 1100010)),
        new TaskSpec.Source("main.yml", "", ""));
  }

  /** A recording context whose wall clock and host-id content the test sets. */
  static final class ClockContext extends RecordingContext {
    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
    volatile HostCmdb cmdb = HostCmdb.NONE;

    ClockContext(TaskSpec task) {
      super(task);
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Clock clock() {
      return Clock.fixed(now, ZoneOffset.UTC);
    }

    @Override
    public HostCmdb hostCmdb() {
      return cmdb;
    }
  }
}

package io.bkmonitorbeat.plugin.script;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The testkit's recording context with a gather-up data id, and this plugin's task factory. */
class TestContext extends RecordingContext {
  static final int GATHER_UP_DATA_ID = 1100017;
  /** The collector's counters at the end of a test run, for tests that look at them. */
  volatile Map<String, Long> lastCounters = Map.of();

  TestContext(TaskSpec task) {
    super(task);
  }

  @Override
  public int gatherUpDataId() {
    return GATHER_UP_DATA_ID;
  }

  static TaskSpec task(Map<String, ?> settings, Duration timeout) {
    return task(settings, timeout, List.of());
  }

  static TaskSpec task(Map<String, ?> settings, Duration timeout, List<Map<String, String>> labels) {
    return new TaskSpec("script", "ident-1", 41, 1500001, 2, Duration.ofMinutes(1), timeout, timeout,
        labels, Settings.of("script.conf", "script_task.tasks[0]", settings),
        Settings.of("script.conf", "script_task", Map.of()), new TaskSpec.Source("script.conf", "", ""));
  }

  /** The metric events recorded so far. */
  List<Event> metricEvents() {
    return events.stream().filter(e -> e.type().equals("script")).toList();
  }

  /** The gather-up events recorded so far. */
  List<Event> gatherUps() {
    return events.stream().filter(e -> e.type().equals("status")).toList();
  }

  /** The code and value of the only gather-up event. */
  @SuppressWarnings("unchecked")
  Map<String, Object> onlyGatherUp() {
    List<Event> gatherUps = gatherUps();
    if (gatherUps.size() != 1) {
      throw new AssertionError("expected one gather-up event, got " + events);
    }
    Map<String, Object> item = ((List<Map<String, Object>>) gatherUps.get(0).fields().get("data")).get(0);
    Map<String, Object> dimension = (Map<String, Object>) item.get("dimension");
    Map<String, Object> metrics = (Map<String, Object>) item.get("metrics");
    return Map.of("code", dimension.get("bkm_up_code"), "name", dimension.get("bkm_up_code_name"),
        "value", metrics.get("bkm_gather_up"));
  }
}

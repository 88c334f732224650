package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The testkit's recording context, with this plugin's task factory. */
class TestContext extends RecordingContext {
  static final int DATA_ID = 1500123;
  static final int TASK_ID = 41;

  static final int GATHER_UP_DATA_ID = 1100017;

  /** What {@link #gatherUpDataId()} returns; a test may set 0. */
  volatile int gatherUpDataId = GATHER_UP_DATA_ID;

  TestContext(TaskSpec task) {
    super(task);
  }

  @Override
  public int gatherUpDataId() {
    return gatherUpDataId;
  }

  /** A task whose {@code module} is {@code module} plus module: prometheus and a namespace. */
  static TaskSpec task(Map<String, Object> module, Map<String, Object> taskKeys, Duration timeout,
      List<Map<String, String>> labels) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("module", "prometheus");
    m.put("metricsets", List.of("collector"));
    m.put("namespace", "ns_test");
    m.putAll(module);
    Map<String, Object> settings = new LinkedHashMap<>(taskKeys);
    settings.put("module", m);
    return new TaskSpec("metricbeat", "ident-1", TASK_ID, DATA_ID, 2, Duration.ofMinutes(1), timeout,
        timeout, labels, Settings.of("metricbeat.conf", "metricbeat_task.tasks[0]", settings),
        Settings.of("metricbeat.conf", "metricbeat_task", Map.of()),
        new TaskSpec.Source("metricbeat.conf", "", ""));
  }

  static TaskSpec task(Map<String, Object> module) {
    return task(module, Map.of(), Duration.ofSeconds(15), List.of());
  }
}

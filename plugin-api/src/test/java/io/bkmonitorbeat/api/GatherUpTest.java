package io.bkmonitorbeat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatherUpTest {
  private static final TaskSpec TASK = new TaskSpec("script", "ident", 7, 1500, 2,
      Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(10),
      List.of(ordered("a", "1", "b", "1"), Map.of("b", "2")),
      Settings.of("f", "script_task.tasks[0]", Map.of()), Settings.empty(),
      new TaskSpec.Source("f", "", ""));

  @Test
  @SuppressWarnings("unchecked")
  void buildsTheStatusEventWithLabelsThenExtraDimensions() {
    Event event = GatherUp.event(TASK, "script", 1100017, ErrorCode.INVALID_PROM_FORMAT, 1L,
        Map.of("bkm_metricbeat_endpoint", "http://x"), Instant.ofEpochMilli(1234));
    assertThat(event.type()).isEqualTo("status");
    assertThat(event.ignoreCmdbLevel()).isTrue();
    assertThat(event.dataId()).isEqualTo(1100017);
    Map<String, Object> item = ((List<Map<String, Object>>) event.fields().get("data")).get(0);
    assertThat(item).containsEntry("timestamp", 1234L)
        .containsEntry("metrics", Map.of("bkm_gather_up", 1L));
    assertThat((Map<String, Object>) item.get("dimension")).containsExactly(
        Map.entry("task_id", "7"), Map.entry("bk_collect_type", "script"), Map.entry("bk_biz_id", "2"),
        Map.entry("bkm_up_code", "2502"), Map.entry("bkm_up_code_name", "InvalidPromFormat"),
        Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("bkm_metricbeat_endpoint", "http://x"));
  }

  /** Labels come from YAML in file order; Map.of's order changes from one JVM to the next. */
  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void noEventWithoutAGatherUpDataId() {
    assertThat(GatherUp.event(TASK, "script", 0, ErrorCode.OK, 1, Map.of(), Instant.EPOCH)).isNull();
  }
}

package io.bkmonitorbeat.plugin.proccustom;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gather-up event a proccustom run ends with (spec 7.2 step 7, 11.12): {@code bkm_gather_up}
 * 1 with code 0 ({@code Ok}), type {@code status}, no CMDB levels. Stateless.
 */
final class UpMetric {
  static final String TYPE = "status";

  private UpMetric() {}

  /** Returns the event, or null when no gather-up data id is configured. */
  static Event ok(TaskSpec task, int gatherUpDataId, Instant now) {
    if (gatherUpDataId <= 0) {
      return null;
    }
    Map<String, Object> dimension = new LinkedHashMap<>();
    dimension.put("task_id", Integer.toString(task.taskId()));
    dimension.put("bk_collect_type", ProccustomCollector.TYPE);
    dimension.put("bk_biz_id", Integer.toString(task.bizId()));
    dimension.put("bkm_up_code", Integer.toString(ErrorCode.OK.code()));
    dimension.put("bkm_up_code_name", ErrorCode.OK.upCodeName());
    for (Map<String, String> group : task.labels()) {
      dimension.putAll(group); // later groups overwrite earlier, as in the original
    }
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("metrics", Map.of("bkm_gather_up", 1));
    item.put("dimension", dimension);
    item.put("timestamp", now.toEpochMilli());
    return Event.builder(TYPE, gatherUpDataId).put("data", List.of(item)).ignoreCmdbLevel().build();
  }
}

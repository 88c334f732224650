package io.bkmonitorbeat.plugin.script;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the events of one task (spec 10.6 step 8 and the gather-up event of spec 9.5). Stateless
 * apart from the task; thread-safe.
 */
final class ScriptEvents {
  /** The event type of metric events. */
  static final String TYPE = "script";
  /** The event type of gather-up events. */
  static final String GATHER_UP_TYPE = "status";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final TaskSpec task;
  private final ScriptSettings.TimestampUnit unit;
  private final ZoneId localZone;

  ScriptEvents(TaskSpec task, ScriptSettings.TimestampUnit unit, ZoneId localZone) {
    this.task = task;
    this.unit = unit;
    this.localZone = localZone;
  }

  /**
   * Returns the metric event of one group.
   *
   * @param start when the run started
   * @param costMillis milliseconds from the run's start to now
   */
  Event metrics(OutputConverter.Group group, Instant start, long costMillis) {
    Map<String, Object> dimensions = new LinkedHashMap<>(group.labels());
    dimensions.put("bk_biz_id", task.bizId());
    Map<String, Object> metrics = new LinkedHashMap<>(group.metrics());
    return Event.builder(TYPE, task.dataId())
        .put("task_id", task.taskId())
        .put("bk_biz_id", task.bizId())
        .put("task_type", TYPE)
        .put("error_code", ErrorCode.OK.code())
        .put("message", "success")
        .put("cost_time", costMillis)
        .put("metrics", metrics)
        .put("dimensions", dimensions)
        .put("exemplar", group.exemplar())
        .put("time", group.time())
        .put("localtime", TIME.format(start.atZone(localZone)))
        .put("utctime", TIME.format(start.atZone(ZoneOffset.UTC)))
        .put("usertime", userTime(group.time()))
        .put("group_info", task.labels())
        .build();
  }

  /**
   * Renders {@code time} (in the task's unit) as UTC {@code yyyy-MM-dd HH:mm:ss}. The original
   * read it as seconds whatever the unit, which put {@code ms}/{@code ns} tasks' {@code usertime}
   * thousands of years in the future (gap G-10).
   */
  String userTime(long time) {
    long nanos = unit.toNanos(time);
    return TIME.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)).atZone(ZoneOffset.UTC));
  }

  /**
   * Returns the gather-up event of a run ({@code bkm_gather_up} with the run's code), or null
   * when no gather-up data id is configured.
   *
   * @param gatherUpDataId {@code gather_up_beat.dataid}
   * @param code the run's code
   * @param value the metric's value
   * @param time when the run ended
   */
  Event gatherUp(int gatherUpDataId, ErrorCode code, long value, Instant time) {
    if (gatherUpDataId <= 0) {
      return null;
    }
    Map<String, Object> dimension = new LinkedHashMap<>();
    dimension.put("task_id", Integer.toString(task.taskId()));
    dimension.put("bk_collect_type", TYPE);
    dimension.put("bk_biz_id", Integer.toString(task.bizId()));
    dimension.put("bkm_up_code", Integer.toString(code.code()));
    dimension.put("bkm_up_code_name", code.upCodeName());
    for (Map<String, String> group : task.labels()) {
      dimension.putAll(group); // later groups overwrite earlier, as in the original
    }
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("metrics", Map.of("bkm_gather_up", value));
    item.put("dimension", dimension);
    item.put("timestamp", time.toEpochMilli());
    return Event.builder(GATHER_UP_TYPE, gatherUpDataId)
        .put("data", List.of(item))
        .ignoreCmdbLevel()
        .build();
  }
}

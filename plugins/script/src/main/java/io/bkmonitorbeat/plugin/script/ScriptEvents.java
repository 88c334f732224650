package io.bkmonitorbeat.plugin.script;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the metric events of one task (spec 10.6 step 8; the gather-up event is the API's
 * {@link io.bkmonitorbeat.api.GatherUp}). Stateless
 * apart from the task; thread-safe.
 */
final class ScriptEvents {
  /** The event type of metric events. */
  static final String TYPE = "script";
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
}

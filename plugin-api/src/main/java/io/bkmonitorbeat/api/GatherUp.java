package io.bkmonitorbeat.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gather-up event (bkmonitorbeat's {@code bkm_gather_up} metric, runtime spec 9.5 and
 * host-collectors spec 11.12) with which a collector reports how its run went: type {@code status},
 * sent on the {@link CollectorContext#gatherUpDataId() gather-up data id}, without CMDB levels.
 * Stateless; thread-safe.
 *
 * @since 1.2.0
 */
public final class GatherUp {
  /** The event type of gather-up events. */
  public static final String TYPE = "status";

  private GatherUp() {}

  /**
   * Returns the gather-up event of one run, or {@code null} when {@code dataId} is not positive
   * (no {@code gather_up_beat.dataid} configured: the original's output rejects data id 0).
   *
   * @param task the task that ran: its id, biz id and label groups become dimensions (a later
   *     group overwrites an earlier one, as in the original)
   * @param collectType the {@code bk_collect_type} dimension, e.g. {@code script}
   * @param dataId the gather-up data id
   * @param code the run's outcome ({@code bkm_up_code} and {@code bkm_up_code_name})
   * @param value the {@code bkm_gather_up} metric (an integer, as the collector counts it)
   * @param extraDimensions dimensions added after the labels (may be empty)
   * @param at when the run ended; the item's {@code timestamp} in milliseconds
   */
  public static Event event(TaskSpec task, String collectType, int dataId, ErrorCode code,
      Number value, Map<String, String> extraDimensions, Instant at) {
    if (dataId <= 0) {
      return null;
    }
    Map<String, Object> dimension = new LinkedHashMap<>();
    dimension.put("task_id", Integer.toString(task.taskId()));
    dimension.put("bk_collect_type", collectType);
    dimension.put("bk_biz_id", Integer.toString(task.bizId()));
    dimension.put("bkm_up_code", Integer.toString(code.code()));
    dimension.put("bkm_up_code_name", code.upCodeName());
    for (Map<String, String> group : task.labels()) {
      dimension.putAll(group);
    }
    dimension.putAll(extraDimensions);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("metrics", Map.of("bkm_gather_up", value));
    item.put("dimension", dimension);
    item.put("timestamp", at.toEpochMilli());
    return Event.builder(TYPE, dataId).put("data", List.of(item)).ignoreCmdbLevel().build();
  }
}

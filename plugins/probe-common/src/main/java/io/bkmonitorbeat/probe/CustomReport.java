package io.bkmonitorbeat.probe;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.HostIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The time-series ("custom report") variant of uptime-check events (spec 9.4, {@code
 * custom_report: true}):
 *
 * <pre>{@code
 * {dataid, time: <Unix s>, timestamp: <Unix s>,
 *  data: [{target, dimension: {...strings...}, metrics: {available, task_duration},
 *          timestamp: <Unix ms>}]}
 * }</pre>
 *
 * <p>One data item per label group of the task, with the group's pairs merged into the
 * dimensions (one item when the task has no labels). The event carries no {@code status}, so the
 * host neither counts nor swallows it. Stateless.
 */
public final class CustomReport {
  private CustomReport() {}

  /**
   * Builds the custom event of a tcp or udp probe: target {@code "<target_host>:<target_port>"}
   * and the dimensions {@code bk_biz_id, target_host, target_port, task_id, task_type, status,
   * resolved_ip, error_code, node_id, ip, bk_cloud_id, bk_agent_id}, all strings.
   *
   * @param result an ended probe with the fields {@code target_host}, {@code target_port} and
   *     {@code resolved_ip}
   * @param host the agent's identity
   */
  public static Event forSimpleProbe(UptimeCheckEvent result, HostIdentity host) {
    Map<String, Object> extra = result.extraFields();
    String targetHost = text(extra.get("target_host"));
    String targetPort = text(extra.get("target_port"));
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("bk_biz_id", Integer.toString(result.task().bizId()));
    dimensions.put("target_host", targetHost);
    dimensions.put("target_port", targetPort);
    dimensions.put("task_id", Integer.toString(result.task().taskId()));
    dimensions.put("task_type", result.task().type());
    dimensions.put("status", Integer.toString(result.status()));
    dimensions.put("resolved_ip", text(extra.get("resolved_ip")));
    dimensions.put("error_code", Integer.toString(result.code().code()));
    dimensions.putAll(agentDimensions(host));
    return build(result, targetHost + ":" + targetPort, dimensions);
  }

  /**
   * Returns the agent dimensions every custom report carries: {@code node_id}, {@code ip},
   * {@code bk_cloud_id}, {@code bk_agent_id}.
   */
  public static Map<String, String> agentDimensions(HostIdentity host) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("node_id", host.nodeId());
    dimensions.put("ip", host.ip());
    dimensions.put("bk_cloud_id", Integer.toString(host.cloudId()));
    dimensions.put("bk_agent_id", host.agentId());
    return dimensions;
  }

  /**
   * Builds a custom event for any probe: metrics {@code available} and {@code task_duration} of
   * {@code result}, the given target and dimensions, one data item per label group.
   */
  public static Event build(UptimeCheckEvent result, String target, Map<String, String> dimensions) {
    Objects.requireNonNull(target, "target");
    Instant start = result.start();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("available", result.available());
    metrics.put("task_duration", result.durationMillis());
    List<Map<String, String>> groups = result.task().labels();
    if (groups.isEmpty()) {
      groups = List.of(Map.of());
    }
    List<Object> data = new ArrayList<>(groups.size());
    for (Map<String, String> group : groups) {
      Map<String, String> merged = new LinkedHashMap<>(dimensions);
      merged.putAll(group);
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("target", target);
      item.put("dimension", merged);
      item.put("metrics", metrics);
      item.put("timestamp", start.toEpochMilli());
      data.add(item);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dataid", result.task().dataId());
    fields.put("time", start.getEpochSecond());
    fields.put("timestamp", start.getEpochSecond());
    fields.put("data", data);
    return Event.of(result.task().type(), fields);
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}

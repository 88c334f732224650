package io.bkmonitorbeat.plugin.ping;

import io.bkmonitorbeat.api.ErrorCode;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.EventSink;
import io.bkmonitorbeat.api.HostIdentity;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.CustomReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one ping run (spec 10.4, 9.5). Not thread-safe: one per run.
 *
 * <p>Standard: one {@code ping} event per (target, address), emitted at once:
 *
 * <pre>{@code
 * {dataid, status: 0, not_uptimecheck: 0, time: <Unix s>, bk_biz_id, group_info: [...],
 *  metrics: {available, loss_percent, max_rtt, min_rtt, avg_rtt, task_duration},
 *  dimensions: {target, target_type, error_code, bk_biz_id, resolved_ip, ...labels,
 *               bk_host_id, task_id}}
 * }</pre>
 *
 * <p>RTTs are in milliseconds; {@code loss_percent} is a fraction; {@code error_code} carries the
 * real code (gap G-9): 0 when any reply came, 1101 when none did, 1100 when sending failed, 1004
 * or 1211 when the domain did not resolve. Target labels never override the other dimensions.
 *
 * <p>Custom report: {@code {dataid, time, timestamp, data: [{target, dimension, metrics,
 * timestamp: <ms>}]}} with the dimensions above (as strings) plus the agent's {@code node_id, ip,
 * bk_cloud_id, bk_agent_id}, one item per task label group, at most {@value #BATCH_SIZE} items
 * per event.
 */
final class PingEvents {
  /** The most data items in one custom-report event. */
  static final int BATCH_SIZE = 512;

  private final TaskSpec task;
  private final PingSettings settings;
  private final HostIdentity host;
  private final EventSink sink;
  private final List<Map<String, Object>> pending = new ArrayList<>();

  PingEvents(TaskSpec task, PingSettings settings, HostIdentity host, EventSink sink) {
    this.task = task;
    this.settings = settings;
    this.host = host;
    this.sink = sink;
  }

  /** Adds the result of one address of {@code target}. */
  void add(PingSettings.Target target, String address, PingRun.Result result, Instant time) {
    double min = Double.MAX_VALUE;
    double max = 0;
    double sum = 0;
    for (long nanos : result.rttNanos()) {
      double millis = nanos / 1_000_000.0;
      min = Math.min(min, millis);
      max = Math.max(max, millis);
      sum += millis;
    }
    int answered = result.rttNanos().size();
    double avg = answered == 0 ? 0 : sum / answered;
    if (answered == 0) {
      min = 0;
    }
    double loss = (double) result.lost() / settings.totalNum();
    String resolvedIp = target.type() == PingSettings.TargetType.DOMAIN ? address : "";
    add(target, resolvedIp, result.code(), metrics(1 - loss, loss, max, min, avg), time);
  }

  /** Adds the failure of a target that has no address to ping. */
  void addFailure(PingSettings.Target target, ErrorCode code, Instant time) {
    add(target, "", code, metrics(0, 1, 0, 0, 0), time);
  }

  private static Map<String, Object> metrics(
      double available, double loss, double max, double min, double avg) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("available", available);
    metrics.put("loss_percent", loss);
    metrics.put("max_rtt", max);
    metrics.put("min_rtt", min);
    metrics.put("avg_rtt", avg);
    metrics.put("task_duration", avg);
    return metrics;
  }

  private void add(PingSettings.Target target, String resolvedIp, ErrorCode code,
      Map<String, Object> metrics, Instant time) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("target", target.target());
    dimensions.put("target_type", target.type().text());
    dimensions.put("error_code", Integer.toString(code.code()));
    dimensions.put("bk_biz_id", Integer.toString(task.bizId()));
    dimensions.put("resolved_ip", resolvedIp);
    target.labels().forEach(dimensions::putIfAbsent);
    dimensions.put("bk_host_id", Integer.toString(host.hostId()));
    dimensions.put("task_id", Integer.toString(task.taskId()));
    if (settings.net().customReport()) {
      dimensions.putAll(CustomReport.agentDimensions(host));
      List<Map<String, String>> groups = task.labels().isEmpty() ? List.of(Map.of()) : task.labels();
      for (Map<String, String> group : groups) {
        Map<String, String> merged = new LinkedHashMap<>(dimensions);
        merged.putAll(group);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("target", target.target());
        item.put("dimension", merged);
        item.put("metrics", metrics);
        item.put("timestamp", time.toEpochMilli());
        pending.add(item);
        if (pending.size() == BATCH_SIZE) {
          flush(time);
        }
      }
      return;
    }
    sink.emit(Event.builder("ping", task.dataId())
        .put("status", 0)
        .put("not_uptimecheck", 0)
        .put("time", time.getEpochSecond())
        .put("bk_biz_id", task.bizId())
        .put("group_info", task.labels())
        .put("metrics", metrics)
        .put("dimensions", dimensions)
        .ignoreCmdbLevel()
        .build());
  }

  /** Emits the custom-report items not yet emitted. */
  void flush(Instant time) {
    if (pending.isEmpty()) {
      return;
    }
    sink.emit(Event.builder("ping", task.dataId())
        .put("time", time.getEpochSecond())
        .put("timestamp", time.getEpochSecond())
        .put("data", List.copyOf(pending))
        .ignoreCmdbLevel()
        .build());
    pending.clear();
  }

  /**
   * The status event of a run that could not ping at all (no ICMP socket): counted as a failure
   * by the host and never sent (spec 9.5).
   */
  static Event failedRun(TaskSpec task) {
    return Event.builder("status", task.dataId())
        .put("status", 1)
        .put("not_uptimecheck", 1)
        .ignoreCmdbLevel()
        .build();
  }
}

package io.bkmonitorbeat.plugin.kubeevent;

import io.bkmonitorbeat.api.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds kubeevent records and events (spec 10.3): records batched 100 to an event of type
 * {@code kubeevent} without {@code bk_cmdb_level}, and the self-monitoring event with the
 * cumulative {@code bkm_kubeevent_*} counters. Stateless; thread-safe.
 */
final class KubeEventRecords {
  static final String TYPE = "kubeevent";
  static final int BATCH = 100;

  private KubeEventRecords() {}

  static Map<String, Object> record(EventWindows.Report report, Map<String, String> labels) {
    KubeEvent e = report.event();
    Map<String, Object> dims = new LinkedHashMap<>();
    dims.put("kind", e.kind());
    dims.put("namespace", e.namespace());
    dims.put("name", e.name());
    dims.put("apiVersion", e.apiVersion());
    dims.put("uid", e.uid());
    dims.put("host", e.host());
    dims.put("type", e.type());
    dims.putIfAbsent(e.kind().toLowerCase(Locale.ROOT), e.name());
    dims.putAll(labels);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("event_name", e.reason());
    record.put("target", e.component().isEmpty() ? "kubelet" : e.component());
    record.put("event", Map.of("content", e.message(), "count", report.count()));
    record.put("dimension", dims);
    record.put("timestamp", e.last().toEpochMilli());
    return record;
  }

  static List<Event> events(int dataId, List<Map<String, Object>> records) {
    List<Event> events = new ArrayList<>();
    for (int from = 0; from < records.size(); from += BATCH) {
      List<Map<String, Object>> batch = records.subList(from, Math.min(records.size(), from + BATCH));
      events.add(Event.builder(TYPE, dataId).put("data", new ArrayList<>(batch)).ignoreCmdbLevel().build());
    }
    return events;
  }

  /** The self-monitoring event (shape of spec 11.12), with cumulative counters as floats. */
  static Event upMetrics(int dataId, int taskId, int bizId, Map<String, String> labels,
      long received, long reported, long cleaned, long timestampMillis) {
    Map<String, Object> dims = new LinkedHashMap<>();
    dims.put("task_id", Integer.toString(taskId));
    dims.put("bk_collect_type", TYPE);
    dims.put("bk_biz_id", Integer.toString(bizId));
    dims.putAll(labels);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("bkm_kubeevent_receive_events", (double) received);
    metrics.put("bkm_kubeevent_report_events", (double) reported);
    metrics.put("bkm_kubeevent_cleaned_events", (double) cleaned);
    Map<String, Object> data = Map.of("metrics", metrics, "dimension", dims, "timestamp", timestampMillis);
    return Event.builder("status", dataId).put("data", List.of(data)).ignoreCmdbLevel().build();
  }
}

package io.bkmonitorbeat.plugin.metricbeat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metric of a scrape as it goes into an event.
 *
 * @param key metric name
 * @param labels labels (read-only)
 * @param value finite value
 * @param timestamp Unix seconds, or {@link #NO_TIMESTAMP} when per-sample timestamps are off
 * @param exemplar {@code bk_trace_id}, {@code bk_span_id}, {@code bk_trace_timestamp}, {@code
 *     bk_trace_value}, or null
 */
record MetricRecord(String key, Map<String, String> labels, double value, long timestamp,
    Map<String, Object> exemplar) {

  static final long NO_TIMESTAMP = Long.MIN_VALUE;

  /** A self-metric ({@code bkm_metricbeat_*}) at {@code timestamp}. */
  static MetricRecord self(String key, Map<String, String> labels, double value, long timestamp) {
    return new MetricRecord(key, labels, value, timestamp, null);
  }

  /** The JSON object of {@code prometheus.collector.metrics[]}. */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", key);
    m.put("labels", labels);
    m.put("value", value);
    if (timestamp != NO_TIMESTAMP) {
      m.put("timestamp", timestamp);
    }
    if (exemplar != null) {
      m.put("exemplar", exemplar);
    }
    return m;
  }
}

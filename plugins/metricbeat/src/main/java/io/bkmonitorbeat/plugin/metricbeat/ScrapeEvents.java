package io.bkmonitorbeat.plugin.metricbeat;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.TaskSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the events of one host's scrape (spec 10.7 steps 6–7): the records split into batches
 * of {@code metrics_batch_size}, at most {@code max_metric_batches} events (the rest of the
 * samples dropped, the self-metrics always kept), then one gather-up event. Stateless.
 */
final class ScrapeEvents {
  static final String TYPE = "metricbeat";
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final TaskSpec task;
  private final MetricbeatSettings settings;

  ScrapeEvents(TaskSpec task, MetricbeatSettings settings) {
    this.task = task;
    this.settings = settings;
  }

  /** The outcome of splitting: events and how many sample records did not fit. */
  record Batches(List<Event> events, int droppedRecords) {}

  /**
   * Splits {@code samples} + {@code self} into metric events.
   *
   * @param errorMessage the scrape failure for {@code error.message}, or null
   */
  Batches metricEvents(List<MetricRecord> samples, List<MetricRecord> self, Instant scrapeStart,
      String errorMessage) {
    long capacity = (long) settings.batchSize() * settings.maxBatches();
    int keep = (int) Math.max(0, Math.min(samples.size(), capacity - self.size()));
    List<MetricRecord> all = new ArrayList<>(keep + self.size());
    all.addAll(samples.subList(0, keep));
    all.addAll(self);
    List<Event> events = new ArrayList<>();
    if (settings.customReport()) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (MetricRecord r : all) {
        items.addAll(customItems(r, scrapeStart));
      }
      for (int from = 0; from < items.size() && events.size() < settings.maxBatches(); from += settings.batchSize()) {
        events.add(customEvent(items.subList(from, Math.min(items.size(), from + settings.batchSize())), scrapeStart));
      }
    } else {
      for (int from = 0; from < all.size(); from += settings.batchSize()) {
        events.add(metricEvent(all.subList(from, Math.min(all.size(), from + settings.batchSize())),
            scrapeStart, errorMessage));
      }
    }
    return new Batches(events, samples.size() - keep);
  }

  private Event metricEvent(List<MetricRecord> records, Instant scrapeStart, String errorMessage) {
    List<Map<String, Object>> metrics = new ArrayList<>(records.size());
    for (MetricRecord r : records) {
      metrics.add(r.toJson());
    }
    Event.Builder b = Event.builder(TYPE, task.dataId())
        .put("@timestamp", ISO_MILLIS.format(scrapeStart))
        .put("service", Map.of("type", "prometheus"))
        .put("prometheus", Map.of("collector", Map.of("namespace", settings.namespace(), "metrics", metrics)));
    if (errorMessage != null) {
      b.put("error", Map.of("message", errorMessage));
    }
    return b.put("bk_biz_id", task.bizId()).put("group_info", task.labels()).build();
  }

  /** One data item per label group (one when the task has none). */
  private List<Map<String, Object>> customItems(MetricRecord r, Instant scrapeStart) {
    List<Map<String, String>> groups = task.labels().isEmpty() ? List.of(Map.of()) : task.labels();
    List<Map<String, Object>> items = new ArrayList<>(groups.size());
    for (Map<String, String> group : groups) {
      Map<String, String> dimension = new LinkedHashMap<>(r.labels());
      for (Map.Entry<String, String> e : group.entrySet()) {
        if (!dimension.containsKey(e.getKey())) {
          dimension.put(e.getKey(), e.getValue());
        } else if (!dimension.containsKey("exported_" + e.getKey())) {
          dimension.put("exported_" + e.getKey(), e.getValue());
        }
      }
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("dimension", dimension);
      item.put("metrics", Map.of(r.key(), r.value()));
      item.put("timestamp", r.timestamp() == MetricRecord.NO_TIMESTAMP
          ? scrapeStart.toEpochMilli() : r.timestamp() * 1000);
      String target = dimension.get("target");
      if (target != null) {
        item.put("target", target);
      }
      if (r.exemplar() != null) {
        item.put("exemplar", r.exemplar());
      }
      items.add(item);
    }
    return items;
  }

  private Event customEvent(List<Map<String, Object>> items, Instant scrapeStart) {
    return Event.builder(TYPE, task.dataId())
        .put("time", scrapeStart.getEpochSecond())
        .put("timestamp", scrapeStart.getEpochSecond())
        .put("data", items)
        .build();
  }
}

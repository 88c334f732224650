package io.bkmonitorbeat.plugin.keyword;

import io.bkmonitorbeat.api.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns flushed aggregation entries into keyword events (spec 9.3): one record per entry and
 * CMDB hit, {@code {event_name, event: {count, content}, dimension, timestamp, target}}, batched
 * into events of at most {@code batch_size} records (gap 20: the original sent one event per
 * entry). Stateless; thread-safe.
 */
final class KeywordEvents {
  static final String TYPE = "keyword";

  private KeywordEvents() {}

  /** Returns the records of {@code entries}, each copied once per dimension set in {@code expansions}. */
  static List<Map<String, Object>> records(List<KeywordAggregator.Entry> entries, long timestamp,
      String target, List<Map<String, String>> expansions) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (KeywordAggregator.Entry entry : entries) {
      Map<String, String> dims = new LinkedHashMap<>(entry.groups);
      dims.put("file_path", entry.file);
      if (expansions.isEmpty()) {
        records.add(record(entry, dims, timestamp, target));
      }
      for (Map<String, String> expansion : expansions) {
        Map<String, String> copy = new LinkedHashMap<>(dims);
        copy.putAll(expansion);
        records.add(record(entry, copy, timestamp, target));
      }
    }
    return records;
  }

  private static Map<String, Object> record(KeywordAggregator.Entry entry, Map<String, String> dims,
      long timestamp, String target) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("event_name", entry.rule);
    record.put("event", Map.of("count", entry.count, "content", entry.content));
    record.put("dimension", dims);
    record.put("timestamp", timestamp);
    record.put("target", target);
    return record;
  }

  /** Batches records into events of at most {@code batchSize} records. */
  static List<Event> events(int dataId, List<Map<String, Object>> records, int batchSize) {
    List<Event> events = new ArrayList<>();
    for (int from = 0; from < records.size(); from += batchSize) {
      List<Map<String, Object>> batch = records.subList(from, Math.min(records.size(), from + batchSize));
      events.add(Event.builder(TYPE, dataId).put("data", new ArrayList<>(batch)).build());
    }
    return events;
  }
}

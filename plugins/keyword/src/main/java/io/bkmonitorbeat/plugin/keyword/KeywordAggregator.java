package io.bkmonitorbeat.plugin.keyword;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts matches per file, rule and group values until the next flush, keeping the last matching
 * line (spec 9.3). At most {@code maxKeys} distinct keys are held per period; matches of further
 * keys are counted as dropped. Not thread-safe; confined to the tailer's thread.
 */
final class KeywordAggregator {

  /** One aggregation key's state; {@code groups} maps the configured group names to values. */
  static final class Entry {
    final String file;
    final String rule;
    final Map<String, String> groups;
    long count;
    String content;

    Entry(String file, String rule, Map<String, String> groups) {
      this.file = file;
      this.rule = rule;
      this.groups = groups;
    }
  }

  private final int maxKeys;
  private Map<String, Entry> entries = new LinkedHashMap<>();
  private long dropped;

  KeywordAggregator(int maxKeys) {
    this.maxKeys = maxKeys;
  }

  void add(String file, Rule rule, List<String> values, String line) {
    StringBuilder key = new StringBuilder(file.length() + 32).append(file).append("||").append(rule.name());
    for (int i = 0; i < values.size(); i++) {
      key.append("||").append(rule.groups().get(i)).append('=').append(values.get(i));
    }
    String k = key.toString();
    Entry entry = entries.get(k);
    if (entry == null) {
      if (entries.size() >= maxKeys) {
        dropped++;
        return;
      }
      Map<String, String> groups = new LinkedHashMap<>();
      for (int i = 0; i < values.size(); i++) {
        groups.put(rule.groups().get(i), values.get(i));
      }
      entry = new Entry(file, rule.name(), groups);
      entries.put(k, entry);
    }
    entry.count++;
    entry.content = line;
  }

  /** Returns and clears what was counted since the last drain, in first-seen order. */
  List<Entry> drain() {
    List<Entry> out = new ArrayList<>(entries.values());
    entries = new LinkedHashMap<>();
    return out;
  }

  /** Returns how many matches were dropped because the key limit was reached. */
  long dropped() {
    return dropped;
  }
}

package io.bkmonitorbeat.plugin.exceptionbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Core file de-duplication (spec 4.5): per key {@code executable_path-executable-signal}, the first
 * core file is sent at once with {@code count} 1; later ones within the gap are only counted, and
 * sent with the accumulated {@code count} either by the next core file after the gap or by the
 * periodic {@link #flush}. Keys idle for longer than the gap with nothing pending are forgotten:
 * their next core file is sent at once either way, so forgetting changes nothing but memory (the
 * original kept every key forever). Not thread-safe; confined to the core watcher thread.
 */
final class CoreDeduplicator {
  private final Duration gap;
  private final Map<String, Entry> entries = new HashMap<>();

  private static final class Entry {
    Instant lastSent;
    long pending;
    Map<String, Object> latest;
  }

  CoreDeduplicator(Duration gap) {
    this.gap = gap;
  }

  /** Returns the extras to send now for a new core file's extra (empty while within the gap). */
  List<Map<String, Object>> offer(Map<String, Object> extra, Instant now) {
    String key = key(extra);
    Entry entry = entries.get(key);
    if (entry == null) {
      entry = new Entry();
      entry.lastSent = now;
      entry.latest = extra;
      entries.put(key, entry);
      extra.put("count", 1L);
      return List.of(extra);
    }
    entry.pending++;
    entry.latest = extra;
    extra.put("count", entry.pending);
    if (Duration.between(entry.lastSent, now).compareTo(gap) > 0) {
      entry.lastSent = now;
      entry.pending = 0;
      return List.of(extra);
    }
    return List.of();
  }

  /** Returns the extras whose counts are due (pending and last sent more than a gap ago). */
  List<Map<String, Object>> flush(Instant now) {
    List<Map<String, Object>> due = new ArrayList<>();
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      boolean expired = Duration.between(entry.lastSent, now).compareTo(gap) > 0;
      if (!expired) {
        continue;
      }
      if (entry.pending > 0) {
        entry.latest.put("count", entry.pending);
        due.add(entry.latest);
        entry.lastSent = now;
        entry.pending = 0;
      } else {
        it.remove();
      }
    }
    return due;
  }

  int size() {
    return entries.size();
  }

  static String key(Map<String, Object> extra) {
    return text(extra.get(CorePattern.EXECUTABLE_PATH)) + "-"
        + text(extra.get(CorePattern.EXECUTABLE)) + "-" + text(extra.get(CorePattern.SIGNAL));
  }

  private static String text(Object value) {
    return value instanceof String s ? s : "";
  }
}

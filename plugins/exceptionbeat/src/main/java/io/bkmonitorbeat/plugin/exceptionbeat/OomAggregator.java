package io.bkmonitorbeat.plugin.exceptionbeat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OOM kills aggregated by process name until the next report (spec 4.6): the first kill of a name
 * in a window keeps its cgroups and constraint, later ones only raise {@code total}. Thread-safe:
 * the kernel-log reader adds, the scheduler drains.
 */
final class OomAggregator {
  static final String MESSAGE = "系统发生OOM异常事件";

  private final Object lock = new Object();
  private final Map<String, Entry> byProcess = new LinkedHashMap<>();

  private static final class Entry {
    final OomKill first;
    long total;

    Entry(OomKill first) {
      this.first = first;
    }
  }

  void add(OomKill kill, long count) {
    synchronized (lock) {
      byProcess.computeIfAbsent(kill.process(), name -> new Entry(kill)).total += count;
    }
  }

  /** Returns the window's extras (without the identity fields) and starts a new window. */
  List<Map<String, Object>> drain() {
    List<Entry> entries;
    synchronized (lock) {
      entries = new ArrayList<>(byProcess.values());
      byProcess.clear();
    }
    List<Map<String, Object>> extras = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("total", entry.total);
      extra.put("process", entry.first.process());
      extra.put("oom_memcg", entry.first.oomMemcg());
      extra.put("task_memcg", entry.first.taskMemcg());
      extra.put("task", entry.first.process());
      extra.put("constraint", entry.first.constraint());
      extra.put("message", MESSAGE);
      extras.add(extra);
    }
    return extras;
  }
}

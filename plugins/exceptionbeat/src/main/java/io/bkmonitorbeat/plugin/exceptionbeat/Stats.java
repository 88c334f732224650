package io.bkmonitorbeat.plugin.exceptionbeat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's counters ({@code Collector.counters()}): what it sent, dropped and skipped, so
 * that a silent detector can be told apart from a quiet host. Thread-safe.
 */
final class Stats {
  final AtomicLong eventsSent = new AtomicLong();
  final AtomicLong eventsDropped = new AtomicLong();
  final AtomicLong mountLinesMalformed = new AtomicLong();
  final AtomicLong statfsFailures = new AtomicLong();
  final AtomicLong coreFiles = new AtomicLong();
  final AtomicLong coreFilesIgnored = new AtomicLong();
  final AtomicLong coreWatchOverflows = new AtomicLong();
  final AtomicLong kmsgRecords = new AtomicLong();
  final AtomicLong kmsgMalformed = new AtomicLong();
  final AtomicLong kmsgLost = new AtomicLong();
  final AtomicLong oomKills = new AtomicLong();

  Map<String, Long> snapshot() {
    Map<String, Long> map = new LinkedHashMap<>();
    map.put("events_sent", eventsSent.get());
    map.put("events_dropped", eventsDropped.get());
    map.put("mount_lines_malformed", mountLinesMalformed.get());
    map.put("statfs_failures", statfsFailures.get());
    map.put("core_files", coreFiles.get());
    map.put("core_files_ignored", coreFilesIgnored.get());
    map.put("core_watch_overflows", coreWatchOverflows.get());
    map.put("kmsg_records", kmsgRecords.get());
    map.put("kmsg_malformed", kmsgMalformed.get());
    map.put("kmsg_lost", kmsgLost.get());
    map.put("oom_kills", oomKills.get());
    return map;
  }
}

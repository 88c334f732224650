package com.acme.bkm.loadavg;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the load averages on every run. The agent calls {@link #collect} on the task's schedule,
 * never twice at once; a failed run throws and is counted by the agent. Thread-safe.
 */
final class LoadAvgCollector implements PolledCollector {
  private final CollectorContext context;
  private final Path file;
  private final AtomicLong unreadable = new AtomicLong();

  LoadAvgCollector(CollectorContext context, Path file) {
    this.context = context;
    this.file = file;
  }

  @Override
  public void collect(Instant deadline) throws IOException {
    String[] fields;
    try {
      fields = Files.readString(file).trim().split("\\s+");
    } catch (IOException e) {
      unreadable.incrementAndGet();
      throw e;
    }
    context.sink().emit(Event.builder(context.task().type(), context.task().dataId())
        .put("status", 0)
        .put("task_id", context.task().taskId())
        .put("load1", Double.parseDouble(fields[0]))
        .put("load5", Double.parseDouble(fields[1]))
        .put("load15", Double.parseDouble(fields[2]))
        .build());
  }

  /** Own counters, summed by the agent into its self-metrics as {@code vendor_loadavg_unreadable}. */
  @Override
  public Map<String, Long> counters() {
    return Map.of("unreadable", unreadable.get());
  }

  @Override
  public void close() {
    // nothing to release: no threads, no sockets
  }
}

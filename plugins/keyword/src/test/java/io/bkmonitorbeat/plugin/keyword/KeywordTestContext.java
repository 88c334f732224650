package io.bkmonitorbeat.plugin.keyword;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A recording context with a real state directory and a settable CMDB content. */
final class KeywordTestContext extends RecordingContext {
  private final Path state;
  volatile HostCmdb cmdb = HostCmdb.NONE;

  KeywordTestContext(Map<String, ?> settings, List<Map<String, String>> labels, Path state) {
    super(task(settings, labels));
    this.state = state;
  }

  static TaskSpec task(Map<String, ?> settings, List<Map<String, String>> labels) {
    return new TaskSpec("keyword", "ident-1", 7, 1500, 2, Duration.ofMinutes(1), Duration.ofSeconds(3),
        Duration.ofSeconds(3), labels, Settings.of("keyword.conf", "tasks[0]", settings),
        Settings.of("keyword.conf", "", Map.of()), new TaskSpec.Source("keyword.conf", "keyword_task", "1.1.1"));
  }

  @Override
  public Path stateDirectory() {
    try {
      return Files.createDirectories(state);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public HostCmdb hostCmdb() {
    return cmdb;
  }

  /** Returns every record of every event so far. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> records() {
    synchronized (events) {
      return events.stream().flatMap(e -> ((List<Map<String, Object>>) e.fields().get("data")).stream()).toList();
    }
  }

  /** Returns the sum of {@code event.count} over all records. */
  @SuppressWarnings("unchecked")
  long totalCount() {
    return records().stream().mapToLong(r -> ((Number) ((Map<String, Object>) r.get("event")).get("count")).longValue()).sum();
  }

  List<Event> eventsSnapshot() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}

package io.bkmonitorbeat.plugin.kubeevent;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A recording context with a real state directory. */
final class KubeTestContext extends RecordingContext {
  private final Path state;

  KubeTestContext(Map<String, ?> settings, Path state) {
    super(task(settings));
    this.state = state;
  }

  static TaskSpec task(Map<String, ?> settings) {
    return new TaskSpec("kubeevent", "ident-1", 9, 1600, 2, Duration.ofMinutes(1), Duration.ofSeconds(3),
        Duration.ofSeconds(3), List.of(Map.of("cluster", "prod")), Settings.of("kube.conf", "kubeevent_task", settings),
        Settings.of("kube.conf", "", Map.of()), new TaskSpec.Source("kube.conf", "", ""));
  }

  @Override
  public Path stateDirectory() {
    try {
      return Files.createDirectories(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> records() {
    synchronized (events) {
      return events.stream().filter(e -> e.type().equals("kubeevent"))
          .flatMap(e -> ((List<Map<String, Object>>) e.fields().get("data")).stream()).toList();
    }
  }

  List<Event> snapshot() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}

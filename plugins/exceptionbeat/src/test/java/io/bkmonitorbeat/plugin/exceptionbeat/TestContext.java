package io.bkmonitorbeat.plugin.exceptionbeat;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.HostIdentity;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The testkit's recording context with a state directory and a settable host identity. */
final class TestContext extends RecordingContext {
  private final Path state;
  volatile HostIdentity identity = HOST;

  TestContext(TaskSpec task, Path state) {
    super(task);
    this.state = state;
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
  public HostIdentity hostIdentity() {
    return identity;
  }

  static TaskSpec task(Map<String, ?> settings) {
    Settings s = Settings.of("bkmonitorbeat.yml", "bkmonitorbeat.exceptionbeat_task", settings);
    Object dataId = settings.get("dataid");
    return new TaskSpec("exceptionbeat", "ident-1", 102,
        dataId == null ? 0 : Integer.parseInt(dataId.toString()), 0, Duration.ofMinutes(1),
        Duration.ofSeconds(3), Duration.ofSeconds(3), List.of(), s, s,
        new TaskSpec.Source("bkmonitorbeat.yml", "", ""));
  }

  /** The extra object of an exceptionbeat event. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> extra(Event event) {
    List<Map<String, Object>> value = (List<Map<String, Object>>) event.fields().get("value");
    return (Map<String, Object>) value.get(0).get("extra");
  }

  /** Waits up to {@code timeout} for an event whose extra satisfies {@code test}. */
  Event await(Duration timeout, Predicate<Map<String, Object>> test) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (events) {
        for (Event event : events) {
          if (test.test(extra(event))) {
            return event;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no matching event within " + timeout + "; events: " + events);
  }
}

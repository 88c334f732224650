package io.bkmonitorbeat.plugin.ping;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ConcurrencyLimiter;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.EventSink;
import io.bkmonitorbeat.api.HostIdentity;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** A collector context for tests: a recording sink, a fixed identity, real threads. */
final class TestContext implements CollectorContext {
  static final HostIdentity HOST = new HostIdentity("10.0.0.5", 3, 2, "agent-9", 77, "test-host");

  final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  final Set<String> threadNames = Collections.synchronizedSet(new java.util.HashSet<>());
  final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
  private final TaskSpec task;
  private final AtomicInteger threadCount = new AtomicInteger();

  TestContext(TaskSpec task) {
    this.task = task;
  }

  static TaskSpec task(Map<String, ?> settings, Duration timeout, Duration available,
      List<Map<String, String>> labels) {
    return task(settings, Map.of(), timeout, available, labels);
  }

  static TaskSpec task(Map<String, ?> settings, Map<String, ?> section, Duration timeout,
      Duration available, List<Map<String, String>> labels) {
    return new TaskSpec("ping", "ident-1", 32, 1010, 2, Duration.ofMinutes(1), timeout, available,
        labels, Settings.of("ping.conf", "ping_task.tasks[0]", settings),
        Settings.of("ping.conf", "ping_task", section), new TaskSpec.Source("ping.conf", "", ""));
  }

  @Override
  public TaskSpec task() {
    return task;
  }

  @Override
  public EventSink sink() {
    return events::add;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public ThreadFactory threadFactory(String purpose) {
    return runnable -> {
      Thread thread = new Thread(runnable,
          "collector-ping-" + task.taskId() + "-" + purpose + "-" + threadCount.incrementAndGet());
      thread.setDaemon(true);
      threadNames.add(thread.getName());
      threads.add(thread);
      return thread;
    };
  }

  @Override
  public Path stateDirectory() {
    throw new UnsupportedOperationException("ping keeps no state");
  }

  @Override
  public HostIdentity hostIdentity() {
    return HOST;
  }

  @Override
  public ConcurrencyLimiter limiter() {
    return deadline -> () -> {};
  }
}

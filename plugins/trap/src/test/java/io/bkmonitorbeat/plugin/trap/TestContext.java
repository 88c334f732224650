package io.bkmonitorbeat.plugin.trap;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** A collector context for tests: a queue sink, a fixed identity, tracked real threads. */
final class TestContext implements CollectorContext {
  static final HostIdentity HOST = new HostIdentity("10.0.0.5", 3, 2, "agent-9", 77, "test-host");

  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
  private final TaskSpec task;
  private final AtomicInteger threadCount = new AtomicInteger();

  TestContext(TaskSpec task) {
    this.task = task;
  }

  TestContext(Map<String, ?> settings) {
    this(task(settings, Duration.ofMinutes(1)));
  }

  static TaskSpec task(Map<String, ?> settings, Duration period) {
    return new TaskSpec("snmptrap", "ident-1", 41, 1500, 2, period, Duration.ofSeconds(3),
        Duration.ofSeconds(3), List.of(), Settings.of("trap.conf", "trap_task.tasks[0]", settings),
        Settings.of("trap.conf", "trap_task", Map.of()), new TaskSpec.Source("trap.conf", "", ""));
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
          "collector-snmptrap-" + task.taskId() + "-" + purpose + "-" + threadCount.incrementAndGet());
      thread.setDaemon(true);
      threads.add(thread);
      return thread;
    };
  }

  @Override
  public Path stateDirectory() {
    throw new UnsupportedOperationException("snmptrap keeps no state");
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

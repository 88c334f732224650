package io.bkmonitorbeat.testkit;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ConcurrencyLimiter;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.EventSink;
import io.bkmonitorbeat.api.HostIdentity;
import io.bkmonitorbeat.api.TaskSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CollectorContext} for plugin tests: events recorded in a list, a fixed host identity,
 * real daemon threads that are recorded (so a test can check they ended after {@code close()}),
 * no concurrency limit and no state directory. Thread-safe.
 */
public class RecordingContext implements CollectorContext {
  /** The identity every test context reports. */
  public static final HostIdentity HOST =
      new HostIdentity("10.0.0.5", 3, 2, "agent-9", 77, "test-host");

  /** The events emitted so far, in order. */
  public final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  /** The names of the threads made so far. */
  public final Set<String> threadNames = Collections.synchronizedSet(new HashSet<>());
  /** The threads made so far. */
  public final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
  private final TaskSpec task;
  private final AtomicInteger threadCount = new AtomicInteger();

  /** Creates a context for {@code task}. */
  public RecordingContext(TaskSpec task) {
    this.task = task;
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
      Thread thread = new Thread(runnable, "collector-" + task.type() + "-" + task.taskId() + "-"
          + purpose + "-" + threadCount.incrementAndGet());
      thread.setDaemon(true);
      threadNames.add(thread.getName());
      threads.add(thread);
      return thread;
    };
  }

  @Override
  public Path stateDirectory() {
    throw new UnsupportedOperationException(task.type() + " keeps no state");
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

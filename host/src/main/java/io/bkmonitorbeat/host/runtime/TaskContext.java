package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ConcurrencyLimiter;
import io.bkmonitorbeat.api.EventSink;
import io.bkmonitorbeat.api.HostCmdb;
import io.bkmonitorbeat.api.HostIdentity;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.host.plugin.TrackedThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadFactory;

/** The {@link CollectorContext} of one task, backed by host services. Thread-safe. */
final class TaskContext implements CollectorContext {
  private final TaskSpec task;
  private final EventSink sink;
  private final TrackedThreadFactory threads;
  private final Path stateRoot;
  private final ConcurrencyLimiter limiter;
  private final AgentView agent;

  /** @param agent what the collector sees of the agent, read at each call */
  TaskContext(
      TaskSpec task,
      EventSink sink,
      TrackedThreadFactory threads,
      Path stateRoot,
      ConcurrencyLimiter limiter,
      AgentView agent) {
    this.task = task;
    this.sink = sink;
    this.threads = threads;
    this.stateRoot = stateRoot;
    this.limiter = limiter;
    this.agent = agent;
  }

  @Override
  public TaskSpec task() {
    return task;
  }

  @Override
  public EventSink sink() {
    return sink;
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
    return threads.forPurpose(purpose);
  }

  @Override
  public Path stateDirectory() throws IOException {
    // Keyed by type and task id, not by ident: an edited task keeps its offsets and caches.
    Path dir = stateRoot.resolve(task.type() + "-" + task.taskId());
    return Files.createDirectories(dir);
  }

  @Override
  public HostIdentity hostIdentity() {
    return agent.identity().get();
  }

  @Override
  public ConcurrencyLimiter limiter() {
    return limiter;
  }

  @Override
  public HostCmdb hostCmdb() {
    return agent.cmdb().get();
  }

  @Override
  public boolean requestReload(String reason) {
    return agent.reloads().test(task.label() + ": " + reason);
  }

  /** Returns the tracker of the threads this context handed out. */
  TrackedThreadFactory threads() {
    return threads;
  }

  @Override
  public int gatherUpDataId() {
    return agentSettings().section("gather_up_beat").integer("dataid", 0);
  }

  @Override
  public Settings agentSettings() {
    return agent.settings().get();
  }
}

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
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The {@link CollectorContext} of one task, backed by host services. Thread-safe. */
final class TaskContext implements CollectorContext {
  private final TaskSpec task;
  private final EventSink sink;
  private final TrackedThreadFactory threads;
  private final Path stateRoot;
  private final Supplier<HostIdentity> hostIdentity;
  private final ConcurrencyLimiter limiter;
  private final Supplier<HostCmdb> hostCmdb;
  private final Predicate<String> reloads;
  private final Supplier<Settings> agentSettings;

  /**
   * @param hostCmdb the host-id file's current content
   * @param reloads queues a reload for a reason; false when the host will not reload
   * @param agentSettings the main file's current {@code bkmonitorbeat} section
   */
  TaskContext(
      TaskSpec task,
      EventSink sink,
      TrackedThreadFactory threads,
      Path stateRoot,
      Supplier<HostIdentity> hostIdentity,
      ConcurrencyLimiter limiter,
      Supplier<HostCmdb> hostCmdb,
      Predicate<String> reloads,
      Supplier<Settings> agentSettings) {
    this.task = task;
    this.sink = sink;
    this.threads = threads;
    this.stateRoot = stateRoot;
    this.hostIdentity = hostIdentity;
    this.limiter = limiter;
    this.hostCmdb = hostCmdb;
    this.reloads = reloads;
    this.agentSettings = agentSettings;
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
    return hostIdentity.get();
  }

  @Override
  public ConcurrencyLimiter limiter() {
    return limiter;
  }

  @Override
  public HostCmdb hostCmdb() {
    return hostCmdb.get();
  }

  @Override
  public boolean requestReload(String reason) {
    return reloads.test(task.label() + ": " + reason);
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
    return agentSettings.get();
  }
}

package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.host.schedule.ScheduledTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Check mode's runner: collects the polled tasks instead of scheduling them, so that the agent
 * can run each once. Thread-safe.
 */
final class CheckRunner implements PeriodicRunner {
  private final Object lock = new Object();
  private final List<ScheduledTask> tasks = new ArrayList<>();

  @Override
  public void add(ScheduledTask task) {
    synchronized (lock) {
      tasks.add(task);
    }
  }

  @Override
  public CompletableFuture<Void> remove(String ident) {
    synchronized (lock) {
      tasks.removeIf(task -> task.ident().equals(ident));
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Returns the collected tasks. */
  List<ScheduledTask> tasks() {
    synchronized (lock) {
      return List.copyOf(tasks);
    }
  }
}

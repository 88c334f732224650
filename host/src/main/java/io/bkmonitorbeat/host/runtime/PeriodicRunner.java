package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.host.schedule.ScheduledTask;
import java.util.concurrent.CompletableFuture;

/**
 * Where the supervisor hands polled tasks: the daemon scheduler, or the one-shot runner of check
 * mode.
 */
interface PeriodicRunner {

  /** Starts running {@code task} on its schedule. */
  void add(ScheduledTask task);

  /** Stops scheduling the task; the future completes when no run of it is in flight. */
  CompletableFuture<Void> remove(String ident);
}

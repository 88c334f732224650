package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.api.ConcurrencyLimiter;

/** Gives each task its concurrency limiter (spec 8.6) and forgets it when the task goes. */
interface LimiterSource {

  /** Returns the limiter of the task {@code ident} of type {@code type}. */
  ConcurrencyLimiter forTask(String type, String ident);

  /** Drops the per-task state of {@code ident}. */
  void forget(String ident);
}

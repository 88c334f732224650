package io.bkmonitorbeat.api;

import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Permits for concurrent probes, configured by the operator per task type under {@code
 * bkmonitorbeat.concurrency_limit.task.<type>} ({@code per_instance}: process-wide, {@code
 * per_task}: per task). Without configuration every acquisition succeeds at once. Thread-safe.
 *
 * @since 1.0.0
 */
public interface ConcurrencyLimiter {

  /**
   * Takes one permit, waiting at most until {@code deadline}.
   *
   * @return the permit; close it when the probe is done
   * @throws TimeoutException if no permit became free before the deadline
   * @throws InterruptedException if the thread was interrupted while waiting
   */
  Permit acquire(Instant deadline) throws InterruptedException, TimeoutException;

  /** A taken permit; {@link #close()} gives it back (idempotent). */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }
}

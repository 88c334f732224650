package io.bkmonitorbeat.api;

import java.time.Instant;

/**
 * A collector that the host runs periodically (probes, host metrics, scripts).
 *
 * @since 1.0.0
 */
public non-sealed interface PolledCollector extends Collector {

  /**
   * Runs the task once and emits its events through {@link CollectorContext#sink()}.
   *
   * <p>Thread: a host worker thread. Runs of the same collector never overlap: while one is in
   * flight the host skips (and counts) the task's next slot. Different collectors run
   * concurrently.
   *
   * <p>The run must end by {@code deadline} (the task's {@code timeout}, itself never longer than
   * its {@code period}). At the deadline the host interrupts the calling thread and stops waiting
   * for the run, so honour interrupts and put timeouts on blocking I/O. An exception is counted,
   * logged (throttled) and affects only this task; report expected failures as events instead.
   *
   * @param deadline the instant by which the run must have returned, on the {@link
   *     CollectorContext#clock() context clock}
   * @throws Exception an unexpected failure of this run
   */
  void collect(Instant deadline) throws Exception;
}

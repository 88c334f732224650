package io.bkmonitorbeat.api;

import java.util.Map;

/**
 * The running collector of one task: either a {@link PolledCollector} that the host calls on the
 * task's schedule, or a {@link StreamingCollector} that runs a long-lived listener.
 *
 * @since 1.0.0
 */
public sealed interface Collector extends AutoCloseable permits PolledCollector, StreamingCollector {

  /**
   * Releases everything the collector holds: sockets, files and every thread it started through
   * {@link CollectorContext#threadFactory}. Called once, when the task is removed or changed, or
   * at shutdown; the host calls it only after any {@link PolledCollector#collect} run has ended or
   * been abandoned. Must be idempotent, must not throw, and should return within a second: the
   * host reports threads of the collector that are still alive afterwards.
   */
  @Override
  void close();

  /**
   * Returns the collector's own counters since it was created — for example datagrams received,
   * or dropped by reason — so that what a collector drops is visible in the host's self-metrics
   * (logged every minute) rather than only in a debug log. Names are {@code snake_case}; values
   * are monotonic counts. The host sums them over the tasks of one type and reports each as
   * {@code <type>_<name>}.
   *
   * <p>Called from a host thread at any time, concurrently with the collector's own work and
   * possibly after {@link #close()}: read atomics or volatile fields, do no I/O, never block.
   * The default reports nothing.
   *
   * @return counter name to value; never null
   * @since 1.1.0
   */
  default Map<String, Long> counters() {
    return Map.of();
  }
}

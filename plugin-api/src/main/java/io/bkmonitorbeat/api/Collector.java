package io.bkmonitorbeat.api;

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
}

package io.bkmonitorbeat.api;

/**
 * Where a collector hands over its events.
 *
 * <p>Thread-safe; never blocks. When the host's outbound queue is full the event is dropped and
 * counted (the host's self-metrics and log say how many), so a stalled GSE agent can never stall a
 * collector.
 *
 * @since 1.0.0
 */
@FunctionalInterface
public interface EventSink {

  /**
   * Publishes one event.
   *
   * @return {@code true} if the event was accepted, {@code false} if it was dropped
   */
  boolean emit(Event event);
}

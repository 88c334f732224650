package io.bkmonitorbeat.host.publish;

import java.time.Duration;
import java.util.Map;

/**
 * Where enriched events go: the GSE agent's socket, or the console. Thread-safe.
 *
 * <p>An output attaches the GSE fields of spec 2.9 ({@code bizid}, {@code bk_biz_id} if absent,
 * {@code gseindex}, {@code cloudid}, {@code ip}, {@code hostname}, {@code bk_agent_id}, {@code
 * bk_host_id}), encodes the event as JSON and sends it. It never blocks the caller: what does not
 * fit its bounded queue is dropped and counted.
 */
public interface Output extends AutoCloseable {

  /** Starts the output's threads; returns at once (connecting happens in the background). */
  void start();

  /**
   * Enqueues one event; never blocks.
   *
   * @return {@code false} if the event was dropped (queue full, no usable dataid, closed)
   */
  boolean publish(OutboundEvent event);

  /** Returns the agent info after the overrides of spec 2.10; empty until the agent answered. */
  AgentInfo agentInfo();

  /**
   * Returns whether the output knows the host's identity: for GSE, whether the agent has answered
   * (events published before are held in the queue, not lost); other outputs are always ready.
   */
  default boolean ready() {
    return true;
  }

  /** Returns the output's counters for self-metrics, by name (e.g. {@code gse_send_total}). */
  Map<String, Long> counters();

  /** Sends what is queued for at most {@code flushTimeout}, then closes; idempotent. */
  void close(Duration flushTimeout);

  @Override
  default void close() {
    close(Duration.ofSeconds(5));
  }
}

package io.bkmonitorbeat.api;

/**
 * A collector that runs a long-lived listener (SNMP traps, log keywords, Kubernetes events) and
 * emits events whenever something arrives.
 *
 * @since 1.0.0
 */
public non-sealed interface StreamingCollector extends Collector {

  /**
   * Starts the listener and returns promptly; the work goes on in threads made by {@link
   * CollectorContext#threadFactory}. Called once, from a host thread. If it throws, the host
   * closes the collector, logs the failure and creates a new collector to try again later (for
   * example when a port is still bound by the previous instance).
   *
   * @throws Exception if the listener cannot start
   */
  void start() throws Exception;
}

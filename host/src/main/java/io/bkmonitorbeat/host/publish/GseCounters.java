package io.bkmonitorbeat.host.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The self-counters of an output, by the names of spec 2.12 (plus {@code gse_queue_dropped}).
 * Thread-safe: {@link LongAdder}s, so hot-path increments from many producers do not contend.
 */
final class GseCounters {
  static final String CLIENT_CONNECTED = "gse_client_connected";
  static final String CLIENT_CONNECT_RETRY = "gse_client_connect_retry";
  static final String CLIENT_CONNECT_FAILED = "gse_client_connect_failed";
  static final String CLIENT_SERVER_CLOSE = "gse_client_server_close";
  static final String CLIENT_SEND_TIMEOUT = "gse_client_send_timeout";
  static final String CLIENT_SEND_TOTAL = "gse_client_send_total";
  static final String AGENT_RECEIVED = "gse_agent_received";
  static final String AGENT_RECEIVE_FAILED = "gse_agent_receive_failed";
  static final String PUBLISH_RECEIVED = "gse_publish_received";
  static final String PUBLISH_DROPPED = "gse_publish_dropped";
  static final String PUBLISH_TOTAL = "gse_publish_total";
  static final String PUBLISH_FAILED = "gse_publish_failed";
  static final String SEND_TOTAL = "gse_send_total";
  static final String QUEUE_DROPPED = "gse_queue_dropped";
  /** A gauge, filled in by the output from its queue. */
  static final String QUEUE_SIZE = "gse_queue_size";

  private final Map<String, LongAdder> counters = new LinkedHashMap<>();

  GseCounters() {
    for (String name : new String[] {
        CLIENT_CONNECTED, CLIENT_CONNECT_RETRY, CLIENT_CONNECT_FAILED, CLIENT_SERVER_CLOSE,
        CLIENT_SEND_TIMEOUT, CLIENT_SEND_TOTAL, AGENT_RECEIVED, AGENT_RECEIVE_FAILED,
        PUBLISH_RECEIVED, PUBLISH_DROPPED, PUBLISH_TOTAL, PUBLISH_FAILED, SEND_TOTAL,
        QUEUE_DROPPED}) {
      counters.put(name, new LongAdder()); // fixed after construction: reads need no lock
    }
  }

  void add(String name, long delta) {
    counters.get(name).add(delta);
  }

  void inc(String name) {
    counters.get(name).increment();
  }

  long get(String name) {
    return counters.get(name).sum();
  }

  /** Returns a snapshot with the gauge {@code gse_queue_size} = {@code queueSize}. */
  Map<String, Long> snapshot(long queueSize) {
    Map<String, Long> out = new LinkedHashMap<>();
    counters.forEach((name, adder) -> out.put(name, adder.sum()));
    out.put(QUEUE_SIZE, queueSize);
    return Collections.unmodifiableMap(out);
  }
}

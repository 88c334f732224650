package io.bkmonitorbeat.plugin.exceptionbeat;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.EventSink;
import java.util.List;
import java.util.Map;

/**
 * One "send" of the original: wraps extras in the alarm envelope (one raw id per call) and hands
 * the events to the host's sink, counting what the sink accepted and dropped. Thread-safe.
 */
final class Publisher {
  private final AlarmEnvelope envelope;
  private final EventSink sink;
  private final Stats stats;

  Publisher(AlarmEnvelope envelope, EventSink sink, Stats stats) {
    this.envelope = envelope;
    this.sink = sink;
    this.stats = stats;
  }

  /** Starts an extra with the current identity and the detector's {@code type}. */
  Map<String, Object> extra(int type) {
    return envelope.extra(type);
  }

  /** Sends {@code extras} (nothing when empty) as one bulk sharing a raw id. */
  void send(List<Map<String, Object>> extras) {
    if (extras.isEmpty()) {
      return;
    }
    for (Event event : envelope.wrap(extras)) {
      (sink.emit(event) ? stats.eventsSent : stats.eventsDropped).incrementAndGet();
    }
  }
}

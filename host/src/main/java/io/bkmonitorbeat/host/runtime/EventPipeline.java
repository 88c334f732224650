package io.bkmonitorbeat.host.runtime;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.host.publish.OutboundEvent;
import io.bkmonitorbeat.host.publish.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The path of a collector event to the output (spec 9.2): adds {@code node_id}, {@code
 * bk_cloud_id}, {@code ip}, {@code type} and {@code bk_cmdb_level}; counts statuses for the
 * heartbeat (0 = published, -1 = unknown, anything else = error; any integral type, gap G-20);
 * strips the {@code not_uptimecheck} marker and swallows such events when their status is not 0.
 * Thread-safe and non-blocking.
 */
final class EventPipeline {
  private final Output output;
  private final AtomicReference<Enrichment> enrichment;
  private final LongAdder published = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder unknown = new LongAdder();
  private final LongAdder swallowed = new LongAdder();

  EventPipeline(Output output, Enrichment enrichment) {
    this.output = output;
    this.enrichment = new AtomicReference<>(enrichment);
  }

  /** Replaces the identity added to events (after a reload or a host-id file change). */
  void setEnrichment(Enrichment value) {
    enrichment.set(value);
  }

  /** Enriches and publishes a collector's event; returns whether the output accepted it. */
  boolean publish(Event event) {
    Enrichment identity = enrichment.get();
    Map<String, Object> fields = new LinkedHashMap<>(event.fields());
    fields.put("node_id", identity.nodeId());
    fields.put("bk_cloud_id", identity.cloudId());
    fields.put("ip", identity.ip());
    fields.put("type", event.type());
    if (!identity.ignoreCmdbLevel() && !event.ignoreCmdbLevel() && !identity.cmdbLevels().isEmpty()) {
      fields.put("bk_cmdb_level", identity.cmdbLevels());
    }
    Optional<Long> status = event.status();
    status.ifPresent(this::count);
    if (fields.containsKey("not_uptimecheck")) {
      fields.remove("not_uptimecheck");
      fields.remove("status");
      if (status.orElse(0L) != 0L) {
        swallowed.increment();
        return true; // a failure marker: counted above, never sent (as the original)
      }
    }
    return output.publish(new OutboundEvent(event.dataId(), fields));
  }

  /** Publishes a host event (heartbeat) without enrichment, as the original's direct send. */
  boolean publishDirect(int dataId, Map<String, Object> fields) {
    return output.publish(new OutboundEvent(dataId, new LinkedHashMap<>(fields)));
  }

  /** Returns the number of events seen with status 0. */
  long published() {
    return published.sum();
  }

  /** Returns the number of events seen with a status other than 0 and -1. */
  long errors() {
    return errors.sum();
  }

  /** Returns the counters for self-metrics. */
  Map<String, Long> counters() {
    return Map.of(
        "events_status_ok", published.sum(),
        "events_status_error", errors.sum(),
        "events_status_unknown", unknown.sum(),
        "events_swallowed", swallowed.sum());
  }

  private void count(long status) {
    if (status == 0) {
      published.increment();
    } else if (status == -1) {
      unknown.increment();
    } else {
      errors.increment();
    }
  }
}

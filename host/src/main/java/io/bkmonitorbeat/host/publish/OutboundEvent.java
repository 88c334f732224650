package io.bkmonitorbeat.host.publish;

import java.util.Map;
import java.util.Objects;

/**
 * An event on its way to an output, after the host's enrichment (spec 9.2).
 *
 * @param dataId the data id the GSE frame carries
 * @param fields the JSON object; the output takes ownership and may add fields to it, so pass a
 *     mutable map that no one else touches
 */
public record OutboundEvent(int dataId, Map<String, Object> fields) {
  /** Validates the components. */
  public OutboundEvent {
    Objects.requireNonNull(fields, "fields");
  }
}

package io.bkmonitorbeat.plugin.trap;

import io.bkmonitorbeat.api.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@code snmptrap} event of one flushed entry (spec 10.5 step 5). Pure. */
final class TrapEvents {
  static final String TYPE = "snmptrap";

  private TrapEvents() {}

  /**
   * Returns {@code {dataid, data:[{event_name, event:{content, count}, dimension, target,
   * timestamp}]}}. {@code event_name} is the trap's display name (gap G-8: the original always
   * wrote the constant {@code TrapOID}); {@code content} is the content map as a JSON string.
   */
  static Event toEvent(int dataId, String target, Aggregator.Pending pending) {
    TrapRecord record = pending.first();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("content", json(record.content()));
    event.put("count", pending.count());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("event_name", record.displayName().isEmpty() ? "TrapOID" : record.displayName());
    data.put("event", event);
    data.put("dimension", new LinkedHashMap<>(record.dimensions()));
    data.put("target", target);
    data.put("timestamp", record.timestampMillis());
    return Event.builder(TYPE, dataId).put("data", List.of(data)).build();
  }

  /** Encodes a string map as a JSON object, keys in the map's order. */
  static String json(Map<String, String> map) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> entry : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(out, entry.getKey());
      out.append(':');
      quote(out, entry.getValue());
    }
    return out.append('}').toString();
  }

  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c)); // as Go's encoding/json escapes
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

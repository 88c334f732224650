package io.bkmonitorbeat.plugin.trap;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One received trap, decoded: the content map (varbinds and internal dimensions, sorted by key as
 * Go's JSON encoder writes a map), the dimensions, and when it arrived.
 *
 * @param content {@code <translated name>(<raw oid>)} to value, plus the internal dimensions and
 *     {@code timestamp}
 * @param dimensions the event's dimensions
 * @param timestampMillis Unix milliseconds of arrival
 * @param displayName the trap's translated name (or its OID when untranslated)
 */
record TrapRecord(
    SortedMap<String, String> content,
    Map<String, String> dimensions,
    long timestampMillis,
    String displayName) {

  /** Content keys left out of the aggregation key: they change with every trap. */
  static final String AGENT_PORT = "agent_port";
  static final String TIMESTAMP = "timestamp";
  private static final String SYS_UP_TIME_SUFFIX = "(" + Oids.dotted(Oids.SYS_UP_TIME) + ")";

  TrapRecord {
    content = Collections.unmodifiableSortedMap(new TreeMap<>(content));
    dimensions = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dimensions));
  }

  /**
   * Returns the aggregation key: every content key except {@code agent_port}, {@code timestamp}
   * and sysUpTime.0 (it differs on every trap; gap G-8: the original exclusion never matched), in
   * sorted order, then every dimension except {@code agent_port} with its value. So traps with the
   * same varbind OIDs and the same dimension values (including {@code report_oid_dimensions})
   * aggregate, whatever their other varbind values.
   */
  String aggregationKey() {
    StringJoiner key = new StringJoiner("\u0001");
    for (String name : content.keySet()) {
      if (!name.equals(AGENT_PORT) && !name.equals(TIMESTAMP) && !name.endsWith(SYS_UP_TIME_SUFFIX)) {
        key.add(name);
      }
    }
    key.add("");
    new TreeMap<>(dimensions).forEach((name, value) -> {
      if (!name.equals(AGENT_PORT)) {
        key.add(name + "\u0000" + value);
      }
    });
    return key.toString();
  }
}

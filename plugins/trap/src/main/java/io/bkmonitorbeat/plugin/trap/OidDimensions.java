package io.bkmonitorbeat.plugin.trap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report_oid_dimensions}: which varbinds become event dimensions, and under which name.
 *
 * <p>A plain entry matches a varbind whose OID equals it or lies under it (whole sub-identifiers);
 * the dimension is named after the configured OID with dots replaced by {@code _} (or, with {@code
 * use_display_name_oid}, after its translated name). An entry ending in {@code .index} matches a
 * varbind whose parent OID equals the rest (a table column); the value becomes {@code <last
 * sub-id>::::<value>}. Immutable.
 */
final class OidDimensions {
  private static final String INDEX_SUFFIX = ".index";

  private record Entry(String oid, boolean index, String dimension) {}

  private final List<Entry> entries;

  /**
   * @throws IllegalArgumentException if an entry is not an OID (with optional {@code .index})
   */
  OidDimensions(List<String> configured, OidTranslator translator, boolean useDisplayName) {
    List<Entry> list = new ArrayList<>();
    for (String item : configured) {
      String text = item.trim();
      boolean index = text.endsWith(INDEX_SUFFIX);
      String oid = Oids.normalize(index ? text.substring(0, text.length() - INDEX_SUFFIX.length()) : text);
      String name = useDisplayName ? stripDot(translator.translate(oid)) : oid;
      list.add(new Entry(oid, index, name.replace('.', '_')));
    }
    this.entries = List.copyOf(list);
  }

  private static String stripDot(String text) {
    return text.startsWith(".") ? text.substring(1) : text;
  }

  /** Returns whether no dimension is configured. */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Returns the dimensions one varbind contributes (usually none or one).
   *
   * @param oid the varbind's normalized OID
   * @param value the varbind's rendered value
   */
  Map<String, String> dimensionsOf(String oid, String value) {
    Map<String, String> result = new LinkedHashMap<>();
    for (Entry entry : entries) {
      if (entry.index()) {
        if (Oids.parent(oid).equals(entry.oid())) {
          result.put(entry.dimension(), Oids.last(oid) + "::::" + value);
        }
      } else if (Oids.isUnderOrEqual(oid, entry.oid())) {
        result.put(entry.dimension(), value);
      }
    }
    return result;
  }
}

package io.bkmonitorbeat.plugin.trap;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code oids} dictionary: translates an OID by its longest configured dotted prefix (whole
 * sub-identifiers). An exact match gives the name; a match on a prefix gives the name followed by
 * the remaining sub-identifiers ({@code ifIndex.3}); no match gives the OID itself, with a leading
 * dot. Immutable.
 */
final class OidTranslator {
  private final Map<String, String> names;

  /**
   * @param dictionary OID (with or without a leading dot) to name
   * @throws IllegalArgumentException if a key is not an OID
   */
  OidTranslator(Map<String, String> dictionary) {
    Map<String, String> copy = new HashMap<>();
    dictionary.forEach((oid, name) -> copy.put(Oids.normalize(oid), name));
    this.names = Map.copyOf(copy);
  }

  /** Translates a normalized OID (no leading dot). */
  String translate(String oid) {
    String prefix = oid;
    while (!prefix.isEmpty()) {
      String name = names.get(prefix);
      if (name != null) {
        return name + oid.substring(prefix.length());
      }
      prefix = Oids.parent(prefix);
    }
    return Oids.dotted(oid);
  }

  /** Returns whether the OID or one of its prefixes has a name. */
  boolean knows(String oid) {
    return !translate(oid).equals(Oids.dotted(oid));
  }
}

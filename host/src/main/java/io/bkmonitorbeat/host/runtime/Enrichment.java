package io.bkmonitorbeat.host.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the host adds to every collector event (spec 9.2): the node identity from the main
 * config (after the host-id file's overrides) and the CMDB levels. Immutable.
 *
 * @param ip the host IP ({@code ip})
 * @param cloudId {@code bk_cloud_id}
 * @param cmdbLevels {@code bk_cmdb_level}; empty means the field is left out
 * @param ignoreCmdbLevel {@code bkmonitorbeat.ignore_cmdb_level}
 */
record Enrichment(String ip, int cloudId, List<Map<String, Object>> cmdbLevels, boolean ignoreCmdbLevel) {
  Enrichment {
    Objects.requireNonNull(ip, "ip");
    cmdbLevels = List.copyOf(cmdbLevels);
  }

  /** Returns {@code node_id}: {@code "<cloudId>:<ip>"}. */
  String nodeId() {
    return cloudId + ":" + ip;
  }
}

package io.bkmonitorbeat.probe;

import io.bkmonitorbeat.api.Settings;
import java.util.List;

/**
 * The target keys of the simple probes tcp and udp (spec 10.2, 10.3): {@code target_host_list}
 * (when it has a non-blank entry) or else {@code target_host}, and {@code target_port}. Immutable.
 *
 * @param hosts the configured target hosts, as written (blank entries of the list dropped)
 * @param port the target port, 1 to 65535
 */
public record TargetSettings(List<String> hosts, int port) {

  /** Validates and copies the components. */
  public TargetSettings {
    hosts = List.copyOf(hosts);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("no target host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }

  /**
   * Reads the target keys of a task.
   *
   * @throws io.bkmonitorbeat.api.ConfigException naming the key path and the value
   */
  public static TargetSettings parse(Settings task) {
    List<String> hosts =
        task.strings("target_host_list").stream().filter(host -> !host.isBlank()).toList();
    if (hosts.isEmpty()) {
      String host = task.string("target_host", "").trim();
      if (host.isEmpty()) {
        throw task.error("target_host", "is required when target_host_list is empty");
      }
      hosts = List.of(host);
    }
    if (!task.has("target_port")) {
      throw task.error("target_port", "is required");
    }
    int port = task.integer("target_port", 0);
    if (port < 1 || port > 65_535) {
      throw task.error("target_port", "must be between 1 and 65535");
    }
    return new TargetSettings(hosts, port);
  }
}

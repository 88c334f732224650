package io.bkmonitorbeat.plugin.tcp;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.Matcher;
import io.bkmonitorbeat.probe.NetSettings;
import java.util.List;

/**
 * The parsed settings of one tcp task.
 *
 * @param hosts the configured target hosts ({@code target_host_list}, or {@code target_host})
 * @param port the target port
 * @param net the net task parameters
 * @param matcher the request and the response check
 */
record TcpSettings(List<String> hosts, int port, NetSettings net, Matcher matcher) {

  TcpSettings {
    hosts = List.copyOf(hosts);
  }

  /**
   * Reads and validates a task's keys.
   *
   * @throws io.bkmonitorbeat.api.ConfigException naming the key path and the value
   */
  static TcpSettings parse(TaskSpec task) {
    Settings settings = task.settings();
    List<String> hosts = settings.strings("target_host_list");
    if (hosts.stream().allMatch(String::isBlank)) {
      String host = settings.string("target_host", "").trim();
      if (host.isEmpty()) {
        throw settings.error("target_host", "is required when target_host_list is empty");
      }
      hosts = List.of(host);
    }
    if (!settings.has("target_port")) {
      throw settings.error("target_port", "is required");
    }
    int port = settings.integer("target_port", 0);
    if (port < 1 || port > 65_535) {
      throw settings.error("target_port", "must be between 1 and 65535");
    }
    return new TcpSettings(
        hosts, port, NetSettings.parse(settings, task.section()), Matcher.parse(settings));
  }
}

package io.bkmonitorbeat.plugin.tcp;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.Matcher;
import io.bkmonitorbeat.probe.NetSettings;
import io.bkmonitorbeat.probe.TargetSettings;
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
    TargetSettings target = TargetSettings.parse(settings);
    return new TcpSettings(target.hosts(), target.port(),
        NetSettings.parse(settings, task.section()), Matcher.parse(settings));
  }
}

package io.bkmonitorbeat.plugin.udp;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.Matcher;
import io.bkmonitorbeat.probe.NetSettings;
import io.bkmonitorbeat.probe.TargetSettings;
import java.util.Objects;

/**
 * The parsed settings of one udp task (spec 10.3).
 *
 * @param target the configured hosts and the port
 * @param net the net task parameters
 * @param matcher the request (default {@code X}) and the response check
 * @param times the most attempts per address, at least 1, already clamped to the section's
 *     {@code max_times}
 * @param waitEmptyResponse whether a reply (even an empty datagram) is required when no {@code
 *     response} is configured
 */
record UdpSettings(
    TargetSettings target, NetSettings net, Matcher matcher, int times, boolean waitEmptyResponse) {

  /** The default of {@code times}. */
  static final int DEFAULT_TIMES = 3;
  /** The default of the section's {@code max_times} (also used when it is 0). */
  static final int DEFAULT_MAX_TIMES = 10;
  private static final byte[] DEFAULT_REQUEST = {'X'};

  UdpSettings {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(net, "net");
    Objects.requireNonNull(matcher, "matcher");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
  }

  /**
   * Reads and validates a task's keys.
   *
   * @throws io.bkmonitorbeat.api.ConfigException naming the file, the key path and the value
   */
  static UdpSettings parse(TaskSpec task) {
    Settings settings = task.settings();
    Settings section = task.section();
    int maxTimes = section.integer("max_times", 0);
    if (maxTimes < 0) {
      throw section.error("max_times", "must not be negative");
    }
    if (maxTimes == 0) {
      maxTimes = DEFAULT_MAX_TIMES;
    }
    int times = settings.integer("times", DEFAULT_TIMES);
    if (times < 1) {
      throw settings.error("times", "must be at least 1");
    }
    return new UdpSettings(
        TargetSettings.parse(settings),
        NetSettings.parse(settings, section),
        Matcher.parse(settings, DEFAULT_REQUEST),
        Math.min(times, maxTimes),
        settings.bool("wait_empty_response", false));
  }
}

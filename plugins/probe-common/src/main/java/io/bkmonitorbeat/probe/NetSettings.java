package io.bkmonitorbeat.probe;

import io.bkmonitorbeat.api.Settings;
import java.util.Locale;
import java.util.Objects;

/**
 * The net task parameters shared by http, tcp and udp (spec 10.0.1). Immutable.
 *
 * @param bufferSize the most bytes read from one response, already clamped to the section's
 *     {@code max_buffer_size}
 * @param ipFamily the family domains are resolved to ({@code target_ip_type})
 * @param dnsCheckMode which resolved addresses are probed ({@code dns_check_mode})
 * @param customReport whether the task emits the time-series variant ({@code custom_report})
 */
public record NetSettings(
    int bufferSize, IpFamily ipFamily, DnsCheckMode dnsCheckMode, boolean customReport) {

  /** The default of {@code buffer_size} and of the section's {@code max_buffer_size}. */
  public static final int DEFAULT_BUFFER_SIZE = 102_400;

  /** Validates the components. */
  public NetSettings {
    if (bufferSize <= 0) {
      throw new IllegalArgumentException("bufferSize must be positive, was " + bufferSize);
    }
    Objects.requireNonNull(ipFamily, "ipFamily");
    Objects.requireNonNull(dnsCheckMode, "dnsCheckMode");
  }

  /**
   * Reads the net keys of a task.
   *
   * @param task the task's settings ({@code buffer_size}, {@code target_ip_type}, {@code
   *     dns_check_mode}, {@code custom_report})
   * @param section the enclosing section ({@code max_buffer_size}; 0 or absent means 102400)
   * @throws io.bkmonitorbeat.api.ConfigException if a value is invalid
   */
  public static NetSettings parse(Settings task, Settings section) {
    int maxBufferSize = section.integer("max_buffer_size", 0);
    if (maxBufferSize < 0) {
      throw section.error("max_buffer_size", "must not be negative");
    }
    if (maxBufferSize == 0) {
      maxBufferSize = DEFAULT_BUFFER_SIZE;
    }
    int bufferSize = task.integer("buffer_size", DEFAULT_BUFFER_SIZE);
    if (bufferSize <= 0) {
      throw task.error("buffer_size", "must be positive");
    }
    IpFamily family;
    try {
      family = IpFamily.ofConfigValue(task.integer("target_ip_type", 0));
    } catch (IllegalArgumentException e) {
      throw task.error("target_ip_type", e.getMessage());
    }
    DnsCheckMode mode =
        switch (task.string("dns_check_mode", "").trim().toLowerCase(Locale.ROOT)) {
          case "", "single" -> DnsCheckMode.SINGLE;
          case "all" -> DnsCheckMode.ALL;
          default -> throw task.error("dns_check_mode", "must be 'single' or 'all'");
        };
    return new NetSettings(
        Math.min(bufferSize, maxBufferSize), family, mode, task.bool("custom_report", false));
  }
}

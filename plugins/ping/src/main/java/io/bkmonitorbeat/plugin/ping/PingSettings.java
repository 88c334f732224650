package io.bkmonitorbeat.plugin.ping;

import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.NetSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The parsed settings of one ping task (spec 10.4).
 *
 * @param targets the configured targets, in order
 * @param maxRtt how long each echo request waits for its reply ({@code max_rtt}, default 1s)
 * @param totalNum echo requests per address ({@code total_num}; 0 means 2)
 * @param pingSize the ICMP message size, header included ({@code ping_size}; below 8 means 56)
 * @param sendInterval the least time between two requests of the run ({@code send_interval},
 *     default 500µs)
 * @param notPrivileged try an unprivileged ICMP datagram socket first ({@code not_privileged})
 * @param net {@code target_ip_type}, {@code dns_check_mode} and {@code custom_report}
 */
record PingSettings(
    List<Target> targets,
    Duration maxRtt,
    int totalNum,
    int pingSize,
    Duration sendInterval,
    boolean notPrivileged,
    NetSettings net) {

  static final Duration DEFAULT_MAX_RTT = Duration.ofSeconds(1);
  static final int DEFAULT_TOTAL_NUM = 2;
  static final int DEFAULT_PING_SIZE = 56;
  static final Duration DEFAULT_SEND_INTERVAL = Duration.ofNanos(500_000);
  /** The largest ICMP message an IPv4 datagram carries (65535 − 20). */
  static final int MAX_PING_SIZE = 65_515;
  /** Sequence numbers are 16 bits. */
  static final int MAX_TOTAL_NUM = 65_536;

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  PingSettings {
    targets = List.copyOf(targets);
    Objects.requireNonNull(maxRtt, "maxRtt");
    Objects.requireNonNull(sendInterval, "sendInterval");
    Objects.requireNonNull(net, "net");
  }

  /** How a target is given ({@code target_type}). */
  enum TargetType {
    IP,
    DOMAIN;

    /** Returns the configured text, {@code ip} or {@code domain}. */
    String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One configured target.
   *
   * @param target the text as configured
   * @param type its {@code target_type}
   * @param literal the address of an {@code ip} target, {@code null} for a domain
   * @param labels {@code labels}, added to the target's dimensions
   */
  record Target(String target, TargetType type, InetAddress literal, Map<String, String> labels) {
    Target {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(type, "type");
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels)); // configured order
    }
  }

  /**
   * Reads and validates a task's keys.
   *
   * @throws io.bkmonitorbeat.api.ConfigException naming the file, the key path and the value
   */
  static PingSettings parse(TaskSpec task) {
    Settings settings = task.settings();
    List<Target> targets = new ArrayList<>();
    for (Settings item : settings.sections("targets")) {
      String text = item.string("target", "").trim();
      if (text.isEmpty()) {
        throw item.error("target", "must not be empty");
      }
      String typeText = item.string("target_type", "").trim().toLowerCase(Locale.ROOT);
      TargetType type = switch (typeText) {
        case "ip" -> TargetType.IP;
        case "domain" -> TargetType.DOMAIN;
        default -> throw item.error("target_type", "must be 'ip' or 'domain' (config error 138)");
      };
      InetAddress literal = null;
      if (type == TargetType.IP) {
        literal = parseLiteral(text);
        if (literal == null) {
          throw item.error("target", "must be an IPv4 or IPv6 address when target_type is 'ip'");
        }
      }
      targets.add(new Target(text, type, literal, item.stringMap("labels")));
    }
    Duration maxRtt = settings.duration("max_rtt", DEFAULT_MAX_RTT);
    if (maxRtt.isZero()) {
      maxRtt = DEFAULT_MAX_RTT;
    }
    if (maxRtt.isNegative()) {
      throw settings.error("max_rtt", "must be positive");
    }
    int totalNum = settings.integer("total_num", 0);
    if (totalNum < 0 || totalNum > MAX_TOTAL_NUM) {
      throw settings.error("total_num", "must be between 0 (meaning 2) and " + MAX_TOTAL_NUM);
    }
    if (totalNum == 0) {
      totalNum = DEFAULT_TOTAL_NUM;
    }
    int pingSize = settings.integer("ping_size", 0);
    if (pingSize > MAX_PING_SIZE) {
      throw settings.error("ping_size", "must be at most " + MAX_PING_SIZE
          + " (the ICMP message, 8-byte header included, in one IPv4 datagram)");
    }
    if (pingSize < IcmpPacket.HEADER_SIZE) {
      pingSize = DEFAULT_PING_SIZE;
    }
    // The node manager's template writes send_interval into the section (bkmonitorbeat reads it
    // from the meta config); a task may still set its own.
    Settings intervalSource = settings.has("send_interval") ? settings : task.section();
    Duration sendInterval = intervalSource.duration("send_interval", DEFAULT_SEND_INTERVAL);
    if (sendInterval.isNegative()) {
      throw intervalSource.error("send_interval", "must not be negative");
    }
    return new PingSettings(
        targets,
        maxRtt,
        totalNum,
        pingSize,
        sendInterval,
        settings.bool("not_privileged", false),
        NetSettings.parse(settings, task.section()));
  }

  /** Parses an IPv4 dotted quad or an IPv6 literal (brackets allowed) without any lookup. */
  static InetAddress parseLiteral(String text) {
    String name = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    try {
      if (IPV4.matcher(name).matches()) {
        return InetAddress.getByName(name);
      }
      if (name.indexOf(':') >= 0) {
        return InetAddress.getByName("[" + name + "]");
      }
    } catch (UnknownHostException e) {
      return null;
    }
    return null;
  }
}

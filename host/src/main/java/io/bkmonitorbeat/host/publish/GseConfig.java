package io.bkmonitorbeat.host.publish;

import io.bkmonitorbeat.api.Settings;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The settings of a GSE output section ({@code output.bkpipe} etc., spec 2.7 and 2.9). Immutable.
 *
 * <p>Accepted but ignored, parsed only so that a wrong type is still reported: {@code
 * retrytimes}, {@code retryinterval}, {@code reconnecttimes} (we reconnect forever with capped
 * exponential backoff instead of dropping after a budget), {@code mqsize} (replaced by {@code
 * queue_size}), {@code nonblock} (unused in Go too), {@code fastmode}, {@code concurrency}, {@code
 * eventbuffermax} (batching is internal), {@code flowlimit} (no rate limiter yet), {@code
 * monitorid}, {@code resourceid}, {@code synccfg} (unused in Go too), {@code readtimeout} (the
 * agent only speaks when asked, so a quiet agent is normal; a dead one shows as EOF or a stalled
 * write).
 *
 * @param endpoint unix socket path or {@code host:port}
 * @param writeTimeout a write blocked longer than this closes the connection; zero = never
 * @param readTimeout parsed, see above
 * @param queueSize capacity of the event queue
 * @param overflow what a full queue drops
 * @param cloudId output override of the agent's cloud id, when configured
 * @param hostIp output override of the agent's IP, or empty
 * @param hostId output override of the host id, or 0
 * @param dynamicAddressing {@code bk_addressing: dynamic}: the IP is blanked
 * @param reconnectMin first reconnect delay (1 s; shorter only in tests)
 * @param reconnectMax cap of the reconnect delay (30 s)
 * @param agentInfoInterval period of agent-info requests (31 s as in Go)
 * @param jdkUnixTransport {@code transport: jdk}: the JDK's AF_UNIX channel instead of
 *     jnr-unixsocket ({@code transport: jnr}, the default) for a socket path
 */
record GseConfig(
    String endpoint,
    Duration writeTimeout,
    Duration readTimeout,
    int queueSize,
    OverflowPolicy overflow,
    OptionalInt cloudId,
    String hostIp,
    int hostId,
    boolean dynamicAddressing,
    Duration reconnectMin,
    Duration reconnectMax,
    Duration agentInfoInterval,
    boolean jdkUnixTransport) {

  static final String DEFAULT_ENDPOINT = "/usr/local/gse/gseagent/ipc.state.report";
  static final int DEFAULT_QUEUE_SIZE = 8192;

  /** Reads and validates an output section; errors name the key path and value. */
  static GseConfig from(Settings s) {
    for (String key : new String[] {"retrytimes", "reconnecttimes", "mqsize", "concurrency",
        "eventbuffermax", "flowlimit", "monitorid", "resourceid"}) {
      s.longValue(key, 0);
    }
    for (String key : new String[] {"nonblock", "fastmode", "synccfg"}) {
      s.bool(key, false);
    }
    s.duration("retryinterval", Duration.ZERO);
    String endpoint = s.string("endpoint", DEFAULT_ENDPOINT).trim();
    if (endpoint.isEmpty()) {
      throw s.error("endpoint", "must not be empty");
    }
    int queueSize = s.integer("queue_size", DEFAULT_QUEUE_SIZE);
    if (queueSize <= 0) {
      throw s.error("queue_size", "must be > 0");
    }
    return new GseConfig(
        endpoint,
        nonNegative(s, "writetimeout", Duration.ofSeconds(5)),
        nonNegative(s, "readtimeout", Duration.ofSeconds(60)),
        queueSize,
        overflow(s),
        s.has("cloudid") ? OptionalInt.of(s.integer("cloudid", 0)) : OptionalInt.empty(),
        firstOf(s.string("hostip", "")),
        s.integer("hostid", 0),
        addressing(s),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(31),
        jdkTransport(s));
  }

  private static boolean jdkTransport(Settings s) {
    String value = s.string("transport", "jnr").trim().toLowerCase(Locale.ROOT);
    if (!value.equals("jnr") && !value.equals("jdk")) {
      throw s.error("transport", "must be jnr or jdk");
    }
    return value.equals("jdk");
  }

  /** Returns a copy with other reconnect and agent-info timings (tests). */
  GseConfig withTimings(Duration min, Duration max, Duration agentInfo) {
    return new GseConfig(endpoint, writeTimeout, readTimeout, queueSize, overflow, cloudId,
        hostIp, hostId, dynamicAddressing, min, max, agentInfo, jdkUnixTransport);
  }

  private static Duration nonNegative(Settings s, String key, Duration defaultValue) {
    Duration value = s.duration(key, defaultValue);
    if (value.isNegative()) {
      throw s.error(key, "must not be negative");
    }
    return value;
  }

  static OverflowPolicy overflow(Settings s) {
    String value = s.string("overflow", "drop_oldest").trim().toLowerCase(Locale.ROOT);
    for (OverflowPolicy policy : OverflowPolicy.values()) {
      if (policy.key().equals(value)) {
        return policy;
      }
    }
    throw s.error("overflow", "must be drop_oldest or drop_newest");
  }

  private static boolean addressing(Settings s) {
    String value = s.string("bk_addressing", "").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "static" -> false;
      case "dynamic" -> true;
      default -> throw s.error("bk_addressing", "must be static or dynamic");
    };
  }

  private static String firstOf(String commaList) {
    int comma = commaList.indexOf(',');
    return (comma < 0 ? commaList : commaList.substring(0, comma)).trim();
  }
}

package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Durations;
import io.bkmonitorbeat.api.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the main file's settings into an {@link AgentConfig}: defaults, range checks, the
 * daemon-mode heartbeat check and the host-id identity override. Bad values throw a {@link
 * io.bkmonitorbeat.api.ConfigException} naming file, key path and value. Stateless; thread-safe.
 */
final class AgentConfigParser {
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  private AgentConfigParser() {}

  static AgentConfig parse(Path file, Settings root, HostIdInfo hostId) {
    Settings bk = root.section("bkmonitorbeat");
    Mode mode = Mode.parse(bk);
    PluginsConfig.from(root.section("plugins"), file); // fail at load time, not in the agent
    return new AgentConfig(
        file,
        mode,
        atLeast(bk, "check_interval", Duration.ofMillis(500), Duration.ofNanos(1)),
        atLeast(bk, "clean_up_timeout", ONE_SECOND, ONE_SECOND),
        positive(bk, "event_buffer_size", 10),
        identity(bk).overriddenBy(hostId),
        heartBeat(bk, mode),
        bk.section("gather_up_beat").integer("dataid", 0),
        includeSettings(bk, file),
        HostIdSettings.from(bk),
        bk.bool("disable_netlink", false),
        bk.string("admin_addr", ""),
        defaultWhenNotPositive(bk.integer("metrics_batch_size", 0), 1024),
        defaultWhenNotPositive(bk.integer("max_metric_batches", 0), 5000),
        concurrencyLimits(bk.section("concurrency_limit").section("task")),
        root.section("output"),
        PathConfig.from(root.section("path"), file),
        LoggingConfig.from(root.section("logging")),
        root);
  }

  // node_id/ip/bk_biz_id/bk_cloud_id are "required" in the original, but the host-id file
  // overrides them anyway (spec 3.6), so absent values are accepted as empty/0.
  private static Identity identity(Settings bk) {
    return new Identity(
        bk.string("node_id", ""),
        bk.string("ip", ""),
        bk.integer("bk_biz_id", 0),
        bk.integer("bk_cloud_id", 0));
  }

  private static HeartBeatConfig heartBeat(Settings bk, Mode mode) {
    Settings hb = bk.section("heart_beat");
    HeartBeatConfig config =
        new HeartBeatConfig(
            hb.integer("global_dataid", 0),
            hb.integer("child_dataid", 0),
            hb.integer("dataid", 0),
            atLeast(hb, "period", Duration.ofMinutes(1), ONE_SECOND),
            hb.bool("publish_immediately", true));
    if (mode.daemonLike() && config.globalDataId() == 0 && config.dataId() == 0) {
      throw hb.error(
          "global_dataid",
          "must be non-zero (or heart_beat.dataid must be) in " + mode.name().toLowerCase(Locale.ROOT) + " mode");
    }
    return config;
  }

  private static Map<String, ConcurrencyLimit> concurrencyLimits(Settings task) {
    Map<String, ConcurrencyLimit> limits = new LinkedHashMap<>();
    for (String type : task.keys()) {
      Settings limit = task.section(type);
      // Gap G-11: each field gets its own default.
      limits.put(
          type,
          ConcurrencyLimit.of(
              limit.longValue("per_instance", 0), limit.longValue("per_task", 0)));
    }
    return limits;
  }

  static Duration atLeast(Settings settings, String key, Duration fallback, Duration min) {
    Duration value = settings.duration(key, fallback);
    if (value.compareTo(min) < 0) {
      throw settings.error(key, "must be at least " + Durations.format(min));
    }
    return value;
  }

  private static int positive(Settings settings, String key, int fallback) {
    int value = settings.integer(key, fallback);
    if (value <= 0) {
      throw settings.error(key, "must be positive");
    }
    return value;
  }

  private static int defaultWhenNotPositive(int value, int fallback) {
    return value > 0 ? value : fallback;
  }

  /** A relative {@code include} is taken relative to the main file's directory, like path.*. */
  private static IncludeSettings includeSettings(Settings bk, Path file) {
    String dir = bk.string("include", "").trim();
    if (!dir.isEmpty()) {
      dir = PathConfig.configDir(file).resolve(dir).normalize().toString();
    }
    return new IncludeSettings(dir, bk.bool("multi_child_dir", false));
  }
}

package io.bkmonitorbeat.host.config;

import io.bkmonitorbeat.api.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The interpreted main configuration file (spec 3.4, 3.7), without its tasks. Immutable.
 *
 * @param file the main config file
 * @param mode {@code bkmonitorbeat.mode}
 * @param checkInterval {@code check_interval}, positive, default 500ms
 * @param cleanUpTimeout {@code clean_up_timeout}, at least 1s, default 1s
 * @param eventBufferSize {@code event_buffer_size}, positive, default 10
 * @param identity node id, IP, biz and cloud id after the host-id override
 * @param heartBeat {@code heart_beat}
 * @param gatherUpDataId {@code gather_up_beat.dataid}
 * @param include {@code include} and {@code multi_child_dir}
 * @param hostId {@code host_id_path}, {@code cmdb_level_max_length}, {@code ignore_cmdb_level},
 *     {@code must_host_id_exist}
 * @param disableNetlink {@code disable_netlink}
 * @param adminAddr {@code admin_addr}, empty = no admin server
 * @param metricsBatchSize {@code metrics_batch_size}, default 1024 when not positive
 * @param maxMetricBatches {@code max_metric_batches}, default 5000 when not positive
 * @param concurrencyLimits {@code concurrency_limit.task.<type>} by type
 * @param output the {@code output} section, for the output factory (not interpreted here)
 * @param paths {@code path.*}
 * @param logging {@code logging.*}
 * @param root the whole file, for anyone who needs a key not modelled here
 */
public record AgentConfig(
    Path file,
    Mode mode,
    Duration checkInterval,
    Duration cleanUpTimeout,
    int eventBufferSize,
    Identity identity,
    HeartBeatConfig heartBeat,
    int gatherUpDataId,
    IncludeSettings include,
    HostIdSettings hostId,
    boolean disableNetlink,
    String adminAddr,
    int metricsBatchSize,
    int maxMetricBatches,
    Map<String, ConcurrencyLimit> concurrencyLimits,
    Settings output,
    PathConfig paths,
    LoggingConfig logging,
    Settings root) {

  /** Validates and copies the components. */
  public AgentConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(checkInterval, "checkInterval");
    Objects.requireNonNull(cleanUpTimeout, "cleanUpTimeout");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(heartBeat, "heartBeat");
    Objects.requireNonNull(include, "include");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(adminAddr, "adminAddr");
    concurrencyLimits = Map.copyOf(concurrencyLimits);
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(root, "root");
  }

  /** Returns the {@code plugins:} section (validated when the file was loaded). */
  public PluginsConfig plugins() {
    return PluginsConfig.from(root.section("plugins"), file);
  }

  /** Returns the {@code bkmonitorbeat:} section. */
  public Settings bkmonitorbeat() {
    return root.section("bkmonitorbeat");
  }
}

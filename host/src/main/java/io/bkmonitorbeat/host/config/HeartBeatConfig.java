package io.bkmonitorbeat.host.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code bkmonitorbeat.heart_beat} (spec 6).
 *
 * @param globalDataId data id of the global heartbeat
 * @param childDataId reserved (child heartbeats)
 * @param dataId legacy heartbeat data id; only used by the daemon-mode sanity check
 * @param period heartbeat interval, at least 1s, default 1m
 * @param publishImmediately send one heartbeat right after start (default true)
 */
public record HeartBeatConfig(
    int globalDataId, int childDataId, int dataId, Duration period, boolean publishImmediately) {
  /** Validates the components. */
  public HeartBeatConfig {
    Objects.requireNonNull(period, "period");
  }
}

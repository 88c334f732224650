package io.bkmonitorbeat.host.publish;

/** What a full output queue does with one more event (config key {@code overflow}). */
enum OverflowPolicy {
  /** Evict the oldest queued event: fresh monitoring data is worth more than stale data. */
  DROP_OLDEST,
  /** Reject the new event and keep what is queued. */
  DROP_NEWEST;

  /** Returns the config spelling, e.g. {@code drop_oldest}. */
  String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

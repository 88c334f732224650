package io.bkmonitorbeat.host.plugin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link PluginCatalog#refresh} did.
 *
 * @param loaded labels ({@code id@version}) of the plugins that were started
 * @param unloaded labels of the plugins that were stopped and unloaded
 * @param failed file names of the jars that were rejected
 * @param retryAfter when to refresh again: some jar is still being written (or waits for its
 *     settle time), or a jar rejected for a duplicate id may load now
 */
public record PluginRefresh(
    List<String> loaded, List<String> unloaded, List<String> failed, Optional<Duration> retryAfter) {
  /** Copies the components. */
  public PluginRefresh {
    loaded = List.copyOf(loaded);
    unloaded = List.copyOf(unloaded);
    failed = List.copyOf(failed);
  }

  /** Returns whether the set of running plugins changed (tasks must be re-applied). */
  public boolean changed() {
    return !loaded.isEmpty() || !unloaded.isEmpty();
  }

  /** Returns whether anything happened worth a log line. */
  public boolean anything() {
    return changed() || !failed.isEmpty();
  }
}

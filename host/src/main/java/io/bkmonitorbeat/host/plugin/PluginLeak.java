package io.bkmonitorbeat.host.plugin;

import java.util.List;
import java.util.Objects;

/**
 * An unloaded plugin whose class loader was still reachable after the bounded number of GCs.
 *
 * @param pluginId the plugin id
 * @param version the plugin's version
 * @param threads names of live threads that still had the loader as context loader (or whose
 *     class it defined) when the leak was found
 */
public record PluginLeak(String pluginId, String version, List<String> threads) {
  /** Validates and copies the components. */
  public PluginLeak {
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(version, "version");
    threads = List.copyOf(threads);
  }
}

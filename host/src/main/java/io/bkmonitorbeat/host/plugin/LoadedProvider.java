package io.bkmonitorbeat.host.plugin;

import io.bkmonitorbeat.api.CollectorProvider;
import java.util.Objects;

/**
 * A collector provider of a started plugin, with what the host needs to call into it.
 *
 * @param pluginId the plugin that contributed it
 * @param pluginVersion that plugin's version
 * @param provider the provider (stateless)
 * @param classLoader the plugin's class loader, for {@link PluginScope}
 */
public record LoadedProvider(
    String pluginId, String pluginVersion, CollectorProvider provider, ClassLoader classLoader) {
  /** Validates the components. */
  public LoadedProvider {
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(pluginVersion, "pluginVersion");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(classLoader, "classLoader");
  }
}

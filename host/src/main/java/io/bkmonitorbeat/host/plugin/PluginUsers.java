package io.bkmonitorbeat.host.plugin;

/**
 * Whoever runs collectors of the catalog's plugins (the task supervisor). Before the catalog
 * stops and unloads a plugin, it asks the users to release it: stop every task of the plugin and
 * close its collectors, so that nothing of the plugin runs when its class loader closes.
 */
@FunctionalInterface
public interface PluginUsers {
  /** Users of no plugin (the {@code plugins} listing, start-up). */
  PluginUsers NONE = pluginId -> { };

  /** Stops and closes everything that uses {@code pluginId}; returns when it is done. */
  void release(String pluginId);
}

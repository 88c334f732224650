package io.bkmonitorbeat.host.plugin;

import io.bkmonitorbeat.api.PluginApi;
import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;

/**
 * PF4J configured for the host: plugins are jars with a manifest descriptor, each in a {@link
 * HostPluginClassLoader}, and {@code Plugin-Requires} is checked against the plugin API version
 * (PF4J skips the check entirely while the system version is its default {@code 0.0.0}).
 * Confined to the thread that loads and unloads plugins.
 */
final class HostPluginManager extends DefaultPluginManager {

  HostPluginManager(Path pluginsDir) {
    super(pluginsDir);
    setSystemVersion(PluginApi.VERSION);
  }

  @Override
  protected PluginRepository createPluginRepository() {
    return new JarPluginRepository(getPluginsRoots());
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new HostJarPluginLoader(this);
  }

  @Override
  protected PluginDescriptorFinder createPluginDescriptorFinder() {
    return new ManifestPluginDescriptorFinder();
  }

  @Override
  protected PluginFactory createPluginFactory() {
    return new HostPluginFactory();
  }

  /** Returns whether a plugin's {@code Plugin-Requires} admits this host's API version. */
  boolean admits(String requires) {
    return requires == null
        || requires.isBlank()
        || requires.equals("*")
        || getVersionManager().checkVersionConstraint(getSystemVersion(), requires);
  }

  /** Returns the jars PF4J would load, in its order. */
  java.util.List<Path> pluginJars() {
    return pluginRepository.getPluginPaths();
  }
}

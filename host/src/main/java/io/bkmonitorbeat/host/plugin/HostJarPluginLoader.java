package io.bkmonitorbeat.host.plugin;

import java.nio.file.Path;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/** Loads a plugin jar into its own {@link HostPluginClassLoader}. Thread-safe. */
final class HostJarPluginLoader extends JarPluginLoader {

  HostJarPluginLoader(PluginManager manager) {
    super(manager);
  }

  @Override
  public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
    HostPluginClassLoader loader =
        new HostPluginClassLoader(pluginManager, descriptor, getClass().getClassLoader());
    loader.addFile(pluginPath.toFile());
    return loader;
  }
}

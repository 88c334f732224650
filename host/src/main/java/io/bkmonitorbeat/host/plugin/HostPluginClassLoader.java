package io.bkmonitorbeat.host.plugin;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin jar's class loader: child-first, except for the classes {@link ParentFirstPolicy}
 * reserves to the host. Thread-safe (as {@link PluginClassLoader}).
 */
final class HostPluginClassLoader extends PluginClassLoader {

  static {
    registerAsParallelCapable();
  }

  HostPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
    super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
  }

  @Override
  protected boolean shouldDelegateToParent(String className) {
    return ParentFirstPolicy.isParentFirst(className);
  }
}

package io.bkmonitorbeat.host.plugin;

import java.lang.reflect.InvocationTargetException;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates the optional plugin-wide object ({@code Plugin-Class}). A jar without one gets a plain
 * {@link Plugin}: collectors are extensions, and most plugins need no plugin-wide state. Unlike
 * PF4J's default factory, a failure is thrown (not logged and turned into null), so PF4J marks the
 * plugin FAILED with the real cause, which the host then reports. Thread-safe.
 */
final class HostPluginFactory implements PluginFactory {

  @Override
  public Plugin create(PluginWrapper wrapper) {
    String className = wrapper.getDescriptor().getPluginClass();
    if (className == null || className.isBlank() || className.equals(Plugin.class.getName())) {
      return new Plugin();
    }
    try {
      Class<?> pluginClass = wrapper.getPluginClassLoader().loadClass(className);
      if (!Plugin.class.isAssignableFrom(pluginClass)) {
        throw new PluginRuntimeException("Plugin-Class '{}' does not extend org.pf4j.Plugin", className);
      }
      return (Plugin) pluginClass.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new PluginRuntimeException(e.getCause(), "Plugin-Class '{}' constructor failed", className);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new PluginRuntimeException(e, "Plugin-Class '{}' cannot be created", className);
    }
  }
}

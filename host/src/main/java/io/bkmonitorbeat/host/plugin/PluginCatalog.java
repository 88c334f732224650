package io.bkmonitorbeat.host.plugin;

import io.bkmonitorbeat.api.CollectorProvider;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of a {@code plugins/} directory and the task types they serve. Each jar is loaded,
 * started and asked for its {@link CollectorProvider}s on its own; a jar that fails at any step
 * (unreadable manifest, {@code Plugin-Requires} that excludes this API version, duplicate id,
 * {@code Plugin-Class} or extension constructor that throws, missing classes, a task type another
 * plugin already serves) is unloaded, reported with its reason and skipped, and the others run.
 *
 * <p>Loading and closing are confined to one thread; {@link #provider} and {@link #statuses} are
 * thread-safe.
 */
public final class PluginCatalog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PluginCatalog.class);

  private final HostPluginManager manager;
  private final Map<String, LoadedProvider> providersByType = new ConcurrentHashMap<>();
  private final Map<Path, PluginStatus> statuses = new ConcurrentHashMap<>();

  /** Creates a catalog of the jars in {@code pluginsDir}; nothing is loaded yet. */
  public PluginCatalog(Path pluginsDir) {
    this.manager = new HostPluginManager(pluginsDir);
  }

  /** Loads and starts every jar of the directory that is not loaded yet. */
  public void loadAll() {
    for (Path jar : manager.pluginJars()) {
      if (!statuses.containsKey(jar)) {
        PluginStatus status = load(jar);
        statuses.put(jar, status);
        if (status.running()) {
          log.info("Plugin '{}' started, serving {}", status.label(), status.types());
        } else {
          log.warn("Plugin jar '{}' skipped: {}", jar.getFileName(), status.failure());
        }
      }
    }
  }

  /** Returns the provider serving {@code type}, if a running plugin does. */
  public Optional<LoadedProvider> provider(String type) {
    return Optional.ofNullable(providersByType.get(type));
  }

  /** Returns the status of every jar seen, ordered by file name. */
  public List<PluginStatus> statuses() {
    List<PluginStatus> list = new ArrayList<>(statuses.values());
    list.sort((a, b) -> a.jar().getFileName().compareTo(b.jar().getFileName()));
    return list;
  }

  /** Stops and unloads every plugin, one by one (PF4J's stopPlugins() is unsafe, pf4j#656). */
  @Override
  public void close() {
    for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
      unload(plugin.getPluginId());
    }
    providersByType.clear();
  }

  private PluginStatus load(Path jar) {
    String pluginId;
    try {
      pluginId = manager.loadPlugin(jar);
    } catch (RuntimeException | LinkageError e) {
      return failed(jar, null, "cannot load: " + describe(e));
    }
    PluginWrapper plugin = manager.getPlugin(pluginId);
    PluginDescriptor descriptor = plugin.getDescriptor();
    if (!manager.admits(descriptor.getRequires())) {
      unload(pluginId);
      return failed(jar, descriptor, "Plugin-Requires '" + descriptor.getRequires()
          + "' excludes the host's plugin API " + manager.getSystemVersion());
    }
    if (plugin.getPluginState() != PluginState.RESOLVED) {
      unload(pluginId);
      return failed(jar, descriptor, "not resolved (state " + plugin.getPluginState() + ")");
    }
    PluginState state = manager.startPlugin(pluginId);
    if (state != PluginState.STARTED) {
      Throwable cause = plugin.getFailedException();
      unload(pluginId);
      return failed(jar, descriptor, "cannot start: "
          + (cause == null ? "state " + state : describe(cause)));
    }
    try {
      return registerProviders(jar, plugin);
    } catch (RuntimeException | LinkageError e) {
      unload(pluginId);
      return failed(jar, descriptor, "cannot create its collector providers: " + describe(e));
    }
  }

  private PluginStatus registerProviders(Path jar, PluginWrapper plugin) {
    String pluginId = plugin.getPluginId();
    Map<String, LoadedProvider> found = new LinkedHashMap<>();
    ClassLoader loader = plugin.getPluginClassLoader();
    try (PluginScope scope = PluginScope.enter(loader, pluginId, "-")) {
      // Instantiated here rather than through PF4J's getExtensions(), which logs and swallows a
      // failing constructor or a missing class; the host wants the cause in the plugin's status.
      for (String className : manager.getExtensionClassNames(pluginId)) {
        CollectorProvider provider = instantiate(className, loader);
        if (provider == null) {
          continue; // an extension of some other extension point
        }
        String type = provider.type();
        LoadedProvider other = providersByType.get(type);
        if (other != null || found.containsKey(type)) {
          String owner = other != null ? other.pluginId() : pluginId;
          throw new IllegalStateException(
              "task type '" + type + "' is already served by plugin '" + owner + "'");
        }
        found.put(type,
            new LoadedProvider(pluginId, plugin.getDescriptor().getVersion(), provider, loader));
      }
    }
    if (found.isEmpty()) {
      unload(pluginId);
      return failed(jar, plugin.getDescriptor(),
          "no CollectorProvider extension found (is META-INF/extensions.idx in the jar?)");
    }
    providersByType.putAll(found);
    return status(jar, plugin.getDescriptor(), List.copyOf(found.keySet()), "");
  }

  private static CollectorProvider instantiate(String className, ClassLoader loader) {
    Class<?> extension;
    try {
      extension = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("extension class '" + className + "' cannot load", e);
    }
    if (!CollectorProvider.class.isAssignableFrom(extension)) {
      return null;
    }
    try {
      return (CollectorProvider) extension.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "extension '" + className + "' constructor failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "extension '" + className + "' needs a public no-argument constructor", e);
    }
  }

  private void unload(String pluginId) {
    providersByType.values().removeIf(p -> p.pluginId().equals(pluginId));
    try {
      if (manager.getPlugin(pluginId) != null
          && manager.getPlugin(pluginId).getPluginState() == PluginState.STARTED) {
        manager.stopPlugin(pluginId);
      }
      manager.unloadPlugin(pluginId);
    } catch (RuntimeException | LinkageError e) {
      log.warn("Plugin '{}' did not unload cleanly", pluginId, e);
    }
  }

  private static PluginStatus failed(Path jar, PluginDescriptor descriptor, String reason) {
    return status(jar, descriptor, List.of(), reason);
  }

  private static PluginStatus status(
      Path jar, PluginDescriptor descriptor, List<String> types, String failure) {
    if (descriptor == null) {
      return new PluginStatus(jar.getFileName().toString(), "", "", jar, types, failure);
    }
    return new PluginStatus(
        descriptor.getPluginId(),
        nullToEmpty(descriptor.getVersion()),
        nullToEmpty(descriptor.getProvider()),
        jar,
        types,
        failure);
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) {
        text.append(": ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(" (").append(t.getMessage()).append(')');
      }
    }
    return text.toString();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

}

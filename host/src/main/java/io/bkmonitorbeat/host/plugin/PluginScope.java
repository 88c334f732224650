package io.bkmonitorbeat.host.plugin;

import org.slf4j.MDC;

/**
 * The context of a call into plugin code: the plugin's class loader as the thread's context
 * class loader (libraries that load classes through it find the plugin's) and the plugin and task
 * in the logging MDC (so a plugin's log lines say whose they are). Restored on {@link #close()}.
 * Not thread-safe; open and close on the same thread:
 *
 * <pre>{@code
 * try (PluginScope scope = PluginScope.enter(loader, "tcp", "tcp/42")) {
 *   collector.collect(deadline);
 * }
 * }</pre>
 */
public final class PluginScope implements AutoCloseable {
  private final Thread thread;
  private final ClassLoader previousLoader;
  private final String previousPlugin;
  private final String previousTask;

  private PluginScope(ClassLoader loader, String plugin, String task) {
    this.thread = Thread.currentThread();
    this.previousLoader = thread.getContextClassLoader();
    this.previousPlugin = MDC.get("plugin");
    this.previousTask = MDC.get("task");
    thread.setContextClassLoader(loader);
    MDC.put("plugin", plugin);
    MDC.put("task", task);
  }

  /** Enters the scope of {@code plugin}'s code for {@code task} on the current thread. */
  public static PluginScope enter(ClassLoader loader, String plugin, String task) {
    return new PluginScope(loader, plugin, task);
  }

  @Override
  public void close() {
    thread.setContextClassLoader(previousLoader);
    restore("plugin", previousPlugin);
    restore("task", previousTask);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}

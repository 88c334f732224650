package io.bkmonitorbeat.host.plugin;

import com.fasterxml.jackson.databind.type.TypeFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that unloaded plugins are gone: keeps a weak reference to each unloaded plugin's class
 * loader and, in {@link #check}, runs up to a bounded number of GCs until every reference is
 * cleared. A loader that survives them is a leak: it is logged with the plugin id and the live
 * threads that still use the loader as context loader (the usual culprit: a thread the plugin
 * made itself, not through the host, or one that ignored {@code close()}), and reported in {@link
 * #leaked()} for the self-metrics. Confined to the catalog's thread; {@link #leaked()} and the
 * counters are thread-safe.
 */
final class LeakWatch {
  private static final Logger log = LoggerFactory.getLogger(LeakWatch.class);
  private static final long GC_PAUSE_MILLIS = 50;

  private final List<Watched> watched = new ArrayList<>();
  private volatile List<PluginLeak> leaked = List.of();
  private final AtomicLong collected = new AtomicLong();

  private record Watched(String pluginId, String version, WeakReference<ClassLoader> loader) {}

  /** Starts watching the loader of a plugin that was just unloaded. */
  void watch(String pluginId, String version, ClassLoader loader) {
    watched.add(new Watched(pluginId, version, new WeakReference<>(loader)));
  }

  /** Returns whether some unloaded loader has not been checked yet. */
  boolean pending() {
    return !watched.isEmpty();
  }

  /**
   * Runs up to {@code maxGcs} GCs until every watched loader is collected; returns the loaders
   * that survived them, which from now on count as leaked.
   */
  List<PluginLeak> check(int maxGcs) throws InterruptedException {
    if (watched.isEmpty()) {
      return List.of();
    }
    // Host libraries must not keep a plugin's classes: Jackson's shared type cache is the one a
    // plugin that uses the host's Jackson (not a bundled copy) fills with its classes.
    TypeFactory.defaultInstance().clearCache();
    for (int i = 0; i < maxGcs && anyAlive(); i++) {
      System.gc();
      Thread.sleep(GC_PAUSE_MILLIS);
    }
    List<PluginLeak> found = new ArrayList<>();
    for (Iterator<Watched> it = watched.iterator(); it.hasNext(); ) {
      Watched w = it.next();
      it.remove();
      ClassLoader loader = w.loader.get();
      if (loader == null) {
        collected.incrementAndGet();
        continue;
      }
      List<String> threads = threadsUsing(loader);
      loader = null; // do not pin it from here
      PluginLeak report = new PluginLeak(w.pluginId, w.version, threads);
      log.error("Plugin '{}@{}' was unloaded but its class loader is still reachable after {} GCs"
          + " (threads still using it: {}); it stays in memory until the agent restarts",
          w.pluginId, w.version, maxGcs, threads.isEmpty() ? "none" : threads);
      found.add(report);
    }
    if (!found.isEmpty()) {
      List<PluginLeak> all = new ArrayList<>(leaked);
      all.addAll(found);
      leaked = List.copyOf(all);
    }
    return found;
  }

  /** Returns every leak found so far. */
  List<PluginLeak> leaked() {
    return leaked;
  }

  /** Returns how many unloaded loaders were proven collected. */
  long collected() {
    return collected.get();
  }

  private boolean anyAlive() {
    return watched.stream().anyMatch(w -> w.loader.get() != null);
  }

  private static List<String> threadsUsing(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && (thread.getContextClassLoader() == loader
          || thread.getClass().getClassLoader() == loader)) {
        names.add(thread.getName());
      }
    }
    names.sort(null);
    return names;
  }
}

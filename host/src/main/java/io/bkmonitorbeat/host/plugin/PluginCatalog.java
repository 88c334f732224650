package io.bkmonitorbeat.host.plugin;

import io.bkmonitorbeat.api.CollectorProvider;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of a {@code plugins/} directory and the task types they serve, kept equal to the
 * directory's jars by {@link #refresh}: a new jar is loaded, a removed one unloaded, a changed one
 * replaced. Each jar is loaded, started and asked for its {@link CollectorProvider}s on its own; a
 * jar that fails at any step (unreadable or half-written, not in the trust file, no manifest,
 * {@code Plugin-Requires} that excludes this API version, duplicate id, {@code Plugin-Class} or
 * extension constructor that throws, missing classes, a task type another plugin already serves)
 * is reported with its reason and skipped, and the others run.
 *
 * <p>A jar is loaded from a private copy ({@link ShadowJars}), so the file in {@code plugins/} is
 * never held open. A new or changed jar is loaded only once its size, time and inode have stayed
 * the same for the settle time (a copy in progress is not loaded half-written). A replacement
 * (the same file changed, or a removed jar and a new one with the same plugin id) whose new jar
 * is rejected before loading (unreadable, untrusted, wrong API range) leaves the old plugin
 * running untouched; one that fails while loading or starting brings the old plugin back from its
 * copy. Unloaded plugins' class loaders are checked for leaks ({@link #checkLeaks}).
 *
 * <p>Loading, refreshing and closing are confined to one thread; {@link #provider}, {@link
 * #statuses} and the counters are thread-safe.
 */
public final class PluginCatalog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PluginCatalog.class);

  private final HostPluginManager manager;
  private final Options options;
  private final PluginTrust trust;
  private final ShadowJars copies;
  private final LeakWatch leaks = new LeakWatch();
  private final Map<String, LoadedProvider> providersByType = new ConcurrentHashMap<>();
  private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
  private final Map<Path, Observed> settling = new HashMap<>();
  private final AtomicLong loads = new AtomicLong();
  private final AtomicLong unloads = new AtomicLong();

  /**
   * How the catalog finds and admits jars.
   *
   * @param pluginsDir the directory of plugin jars
   * @param trustFile the trust file, required when it exists; {@code null} for none
   * @param copyDir where the private copies go; {@code null} for a temporary directory
   * @param settle how long a new or changed jar must stay unchanged before it loads
   */
  public record Options(Path pluginsDir, Path trustFile, Path copyDir, Duration settle) {
    /** Validates the components. */
    public Options {
      Objects.requireNonNull(pluginsDir, "pluginsDir");
      Objects.requireNonNull(settle, "settle");
    }

    /** Options with no trust file, a temporary copy directory and no settle time. */
    public static Options of(Path pluginsDir) {
      return new Options(pluginsDir, null, null, Duration.ZERO);
    }
  }

  /** Creates a catalog of the jars in {@code pluginsDir} ({@link Options#of}); nothing is loaded yet. */
  public PluginCatalog(Path pluginsDir) {
    this(Options.of(pluginsDir));
  }

  /** Creates a catalog; nothing is loaded yet. */
  public PluginCatalog(Options options) {
    this.options = options;
    this.manager = new HostPluginManager(options.pluginsDir());
    this.trust = options.trustFile() == null ? null : new PluginTrust(options.trustFile());
    this.copies = new ShadowJars(options.copyDir());
  }

  /** Loads and starts every jar of the directory as it is now, without waiting for them to settle. */
  public void loadAll() {
    refresh(PluginUsers.NONE, true);
  }

  /**
   * Makes the loaded plugins match the directory: loads new jars, unloads removed ones (after
   * {@code users} released them), replaces changed ones. Returns what changed.
   */
  public PluginRefresh refresh(PluginUsers users) {
    return refresh(users, false);
  }

  /** Returns the provider serving {@code type}, if a running plugin does. */
  public Optional<LoadedProvider> provider(String type) {
    return Optional.ofNullable(providersByType.get(type));
  }

  /** Returns the status of every jar seen, ordered by file name. */
  public List<PluginStatus> statuses() {
    List<PluginStatus> list = new ArrayList<>();
    entries.values().forEach(entry -> list.add(entry.status));
    list.sort(Comparator.comparing(status -> status.jar().getFileName().toString()));
    return list;
  }

  /** Returns whether unloaded plugins wait for {@link #checkLeaks}. */
  public boolean leakCheckPending() {
    return leaks.pending();
  }

  /**
   * Runs up to {@code maxGcs} GCs until the class loaders of the plugins unloaded since the last
   * check are collected; returns those that were not (logged as errors).
   */
  public List<PluginLeak> checkLeaks(int maxGcs) throws InterruptedException {
    return leaks.check(maxGcs);
  }

  /** Returns every unloaded plugin whose class loader was found not collected. */
  public List<PluginLeak> leaked() {
    return leaks.leaked();
  }

  /** Returns the catalog's counters: loads, unloads, proven-collected loaders, leaks. */
  public Map<String, Long> counters() {
    Map<String, Long> counters = new TreeMap<>();
    counters.put("plugins_loaded_total", loads.get());
    counters.put("plugins_unloaded_total", unloads.get());
    counters.put("plugins_collected_total", leaks.collected());
    counters.put("plugins_leaked", (long) leaks.leaked().size());
    return counters;
  }

  /** Stops and unloads every plugin, one by one (PF4J's stopPlugins() is unsafe, pf4j#656). */
  @Override
  public void close() {
    for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
      unload(plugin.getPluginId());
    }
    providersByType.clear();
    entries.clear();
    copies.close();
  }

  // ---------------------------------------------------------------------------------------------

  private PluginRefresh refresh(PluginUsers users, boolean ignoreSettle) {
    Changes changes = new Changes();
    Map<Path, JarStamp> onDisk = listJars();
    List<Prepared> ready = new ArrayList<>();
    for (Map.Entry<Path, JarStamp> jar : onDisk.entrySet()) {
      Entry known = entries.get(jar.getKey());
      if (known != null && jar.getValue().equals(known.stamp)) {
        continue;
      }
      if (ignoreSettle || settled(jar.getKey(), jar.getValue(), changes)) {
        ready.add(prepare(jar.getKey(), jar.getValue()));
      }
    }
    settling.keySet().retainAll(onDisk.keySet());
    removeVanished(onDisk, ready, users, changes);
    for (Prepared next : ready) {
      install(next, users, changes);
    }
    return changes.result();
  }

  /** Returns whether {@code jar} has kept {@code stamp} for the settle time; else waits for it. */
  private boolean settled(Path jar, JarStamp stamp, Changes changes) {
    long now = System.nanoTime();
    Observed seen = settling.get(jar);
    if (seen == null || !seen.stamp.equals(stamp)) {
      seen = new Observed(stamp, now);
      settling.put(jar, seen);
    }
    long left = options.settle().toNanos() - (now - seen.sinceNanos);
    if (left > 0) {
      changes.retryAfter(Duration.ofNanos(left));
      return false;
    }
    settling.remove(jar);
    return true;
  }

  /** Unloads the plugins whose jar is gone, unless a jar claiming the same id replaces them. */
  private void removeVanished(Map<Path, JarStamp> onDisk, List<Prepared> ready, PluginUsers users,
      Changes changes) {
    for (Entry entry : List.copyOf(entries.values())) {
      if (onDisk.containsKey(entry.jar)) {
        continue;
      }
      if (!entry.running()) {
        entries.remove(entry.jar);
        continue;
      }
      String id = entry.pluginId;
      boolean replacedNow = ready.stream().anyMatch(p -> p.problem == null && id.equals(p.id()));
      if (replacedNow) {
        continue; // install() replaces it
      }
      Optional<String> failedClaimant = ready.stream()
          .filter(p -> p.problem != null && id.equals(p.id()))
          .map(p -> p.jar.getFileName().toString())
          .findFirst()
          .or(() -> entries.values().stream()
              .filter(e -> !e.running() && !e.retryWhenFree && id.equals(e.status.id())
                  && onDisk.containsKey(e.jar))
              .map(e -> e.jar.getFileName().toString())
              .findFirst());
      if (failedClaimant.isPresent()) {
        entry.status = entry.status.withFailure("jar removed, still running because its replacement '"
            + failedClaimant.get() + "' was rejected");
        continue;
      }
      entries.remove(entry.jar);
      unloadEntry(entry, users, changes, false);
      log.info("Plugin '{}' unloaded: its jar '{}' was removed", entry.status.label(),
          entry.jar.getFileName());
      allowRetriesOf(id, changes);
    }
  }

  private void install(Prepared next, PluginUsers users, Changes changes) {
    Entry previous = runningEntryFor(next);
    if (next.problem != null) {
      reject(next, previous, next.problem, changes);
      return;
    }
    Entry holder = entries.values().stream()
        .filter(e -> e.running() && e != previous && next.id().equals(e.pluginId))
        .findFirst().orElse(null);
    if (holder != null) {
      reject(next, null, "plugin id '" + next.id() + "' is already loaded from '"
          + holder.jar.getFileName() + "'", changes);
      entries.get(next.jar).retryWhenFree = true;
      return;
    }
    if (previous != null) {
      entries.remove(previous.jar);
      unloadEntry(previous, users, changes, true); // its copy is the way back if next fails
    }
    Entry loaded = load(next);
    if (loaded.running()) {
      if (previous != null) {
        copies.delete(previous.copy);
      }
      entries.put(next.jar, loaded);
      changes.loaded.add(loaded.status.label());
      log.info("Plugin '{}' started from '{}', serving {}{}", loaded.status.label(),
          next.jar.getFileName(), loaded.status.types(),
          previous == null ? "" : " (replaces " + previous.status.label() + ")");
      return;
    }
    String reason = loaded.status.failure();
    if (previous != null) {
      Entry back = reload(previous);
      if (back != null) {
        changes.loaded.add(back.status.label());
        reject(next, back, reason, changes);
        return;
      }
    }
    if (previous != null) {
      copies.delete(previous.copy);
    }
    entries.put(next.jar, loaded);
    changes.failed.add(next.jar.getFileName().toString());
    log.warn("Plugin jar '{}' rejected: {}", next.jar.getFileName(), reason);
    copies.delete(next.copy.path());
  }

  /** Records a rejected jar; a running previous version of it keeps running. */
  private void reject(Prepared next, Entry previous, String reason, Changes changes) {
    changes.failed.add(next.jar.getFileName().toString());
    if (next.copy != null) {
      copies.delete(next.copy.path());
    }
    if (previous != null) {
      log.warn("Plugin jar '{}' rejected, '{}' keeps running: {}", next.jar.getFileName(),
          previous.status.label(), reason);
      previous.status = previous.status.withFailure("replacement '" + next.jar.getFileName()
          + "' rejected: " + reason);
      if (previous.jar.equals(next.jar)) {
        previous.stamp = next.stamp; // do not retry the same broken file
        entries.put(previous.jar, previous);
        return;
      }
      entries.put(previous.jar, previous);
    } else {
      log.warn("Plugin jar '{}' rejected: {}", next.jar.getFileName(), reason);
    }
    Entry failed = new Entry(next.jar, next.stamp);
    failed.status = status(next.jar, next.descriptor, List.of(), reason);
    entries.put(next.jar, failed);
  }

  /** The running plugin {@code next} replaces: the same file's, or a removed file's of the same id. */
  private Entry runningEntryFor(Prepared next) {
    Entry same = entries.get(next.jar);
    if (same != null && same.running()) {
      return same;
    }
    if (next.id() == null) {
      return null;
    }
    return entries.values().stream()
        .filter(e -> e.running() && next.id().equals(e.pluginId) && !Files.exists(e.jar))
        .findFirst().orElse(null);
  }

  /** After {@code pluginId} went away, a jar rejected because it held the id may load. */
  private void allowRetriesOf(String pluginId, Changes changes) {
    for (Entry entry : entries.values()) {
      if (entry.retryWhenFree && pluginId.equals(entry.status.id())) {
        entry.stamp = null; // seen as changed by the next refresh
        changes.retryAfter(options.settle().isZero() ? Duration.ofMillis(1) : options.settle());
      }
    }
  }

  private Prepared prepare(Path jar, JarStamp stamp) {
    ShadowJars.Copy copy;
    try {
      copy = copies.copy(jar);
    } catch (IOException e) {
      return new Prepared(jar, stamp, null, null, "cannot read: " + e);
    }
    if (trust != null) {
      Optional<String> untrusted = trust.check(jar.getFileName().toString(), copy.sha256());
      if (untrusted.isPresent()) {
        return new Prepared(jar, stamp, copy, null, untrusted.get());
      }
    }
    PluginDescriptor descriptor;
    try {
      descriptor = new ManifestPluginDescriptorFinder().find(copy.path());
    } catch (RuntimeException | LinkageError e) {
      return new Prepared(jar, stamp, copy, null, "cannot load: " + describe(e));
    }
    if (!manager.admits(descriptor.getRequires())) {
      return new Prepared(jar, stamp, copy, descriptor, "Plugin-Requires '"
          + descriptor.getRequires() + "' excludes the host's plugin API " + manager.getSystemVersion());
    }
    return new Prepared(jar, stamp, copy, descriptor, null);
  }

  private Entry load(Prepared next) {
    Entry entry = new Entry(next.jar, next.stamp);
    entry.copy = next.copy.path();
    String pluginId;
    try {
      pluginId = manager.loadPlugin(next.copy.path());
    } catch (RuntimeException | LinkageError e) {
      return entry.failed(status(next.jar, next.descriptor, List.of(), "cannot load: " + describe(e)));
    }
    PluginWrapper plugin = manager.getPlugin(pluginId);
    PluginDescriptor descriptor = plugin.getDescriptor();
    if (plugin.getPluginState() != PluginState.RESOLVED) {
      unload(pluginId);
      return entry.failed(status(next.jar, descriptor, List.of(),
          "not resolved (state " + plugin.getPluginState() + ")"));
    }
    PluginState state = manager.startPlugin(pluginId);
    if (state != PluginState.STARTED) {
      Throwable cause = plugin.getFailedException();
      unload(pluginId);
      return entry.failed(status(next.jar, descriptor, List.of(), "cannot start: "
          + (cause == null ? "state " + state : describe(cause))));
    }
    try {
      List<String> types = registerProviders(plugin);
      entry.pluginId = pluginId;
      entry.loader = plugin.getPluginClassLoader();
      entry.status = status(next.jar, descriptor, types, "");
      loads.incrementAndGet();
      return entry;
    } catch (RuntimeException | LinkageError e) {
      unload(pluginId);
      return entry.failed(status(next.jar, descriptor, List.of(),
          "cannot create its collector providers: " + describe(e)));
    }
  }

  /** Loads a plugin again from the copy it ran from (after its replacement failed). */
  private Entry reload(Entry previous) {
    PluginDescriptor descriptor;
    try {
      descriptor = new ManifestPluginDescriptorFinder().find(previous.copy);
    } catch (RuntimeException e) {
      log.warn("Plugin '{}' cannot be brought back: {}", previous.status.label(), describe(e));
      return null;
    }
    Entry back = load(new Prepared(previous.jar, previous.stamp,
        new ShadowJars.Copy(previous.copy, ""), descriptor, null));
    if (!back.running()) {
      log.warn("Plugin '{}' cannot be brought back: {}", previous.status.label(), back.status.failure());
      return null;
    }
    log.info("Plugin '{}' brought back from its previous jar", back.status.label());
    entries.put(previous.jar, back);
    return back;
  }

  private List<String> registerProviders(PluginWrapper plugin) {
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
      throw new IllegalStateException(
          "no CollectorProvider extension found (is META-INF/extensions.idx in the jar?)");
    }
    providersByType.putAll(found);
    return List.copyOf(found.keySet());
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

  /** Releases, stops and unloads a running plugin and watches its class loader. */
  private void unloadEntry(Entry entry, PluginUsers users, Changes changes, boolean keepCopy) {
    try {
      users.release(entry.pluginId);
    } catch (RuntimeException e) {
      log.warn("Releasing the tasks of plugin '{}' failed", entry.pluginId, e);
    }
    unload(entry.pluginId);
    leaks.watch(entry.pluginId, entry.status.version(), entry.loader);
    entry.loader = null;
    if (!keepCopy) {
      copies.delete(entry.copy);
    }
    unloads.incrementAndGet();
    changes.unloaded.add(entry.status.label());
  }

  private void unload(String pluginId) {
    providersByType.values().removeIf(p -> p.pluginId().equals(pluginId));
    try {
      PluginWrapper plugin = manager.getPlugin(pluginId);
      if (plugin != null && plugin.getPluginState() == PluginState.STARTED) {
        manager.stopPlugin(pluginId);
      }
      if (manager.getPlugin(pluginId) != null) {
        manager.unloadPlugin(pluginId);
      }
    } catch (RuntimeException | LinkageError e) {
      log.warn("Plugin '{}' did not unload cleanly", pluginId, e);
    }
  }

  /** The regular {@code *.jar} files of the directory, hidden ones (writers' temp files) excepted. */
  private Map<Path, JarStamp> listJars() {
    Map<Path, JarStamp> jars = new TreeMap<>();
    if (!Files.isDirectory(options.pluginsDir())) {
      return jars;
    }
    try (Stream<Path> files = Files.list(options.pluginsDir())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".jar") && !name.startsWith(".") && Files.isRegularFile(file)) {
          try {
            jars.put(file, JarStamp.of(file));
          } catch (IOException e) {
            // vanished between the listing and the stat: it is gone
          }
        }
      }
    } catch (IOException e) {
      log.warn("Cannot list the plugins directory {}: {}", options.pluginsDir(), e.toString());
      return entries.keySet().stream().collect(TreeMap::new,
          (m, p) -> m.put(p, entries.get(p).stamp), Map::putAll); // change nothing
    }
    return jars;
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

  /** A jar the catalog has seen; fields are confined to the catalog's thread except status. */
  private static final class Entry {
    final Path jar;
    JarStamp stamp; // null: retry at the next refresh
    volatile PluginStatus status;
    String pluginId; // non-null while running
    ClassLoader loader; // while running
    Path copy; // the private copy it runs from
    boolean retryWhenFree; // rejected for a duplicate id: retry when the holder goes

    Entry(Path jar, JarStamp stamp) {
      this.jar = jar;
      this.stamp = stamp;
    }

    boolean running() {
      return pluginId != null;
    }

    Entry failed(PluginStatus failure) {
      this.status = failure;
      this.pluginId = null;
      return this;
    }
  }

  /** A new or changed jar, copied, hashed, checked and ready to load ({@code problem} null) or not. */
  private record Prepared(
      Path jar, JarStamp stamp, ShadowJars.Copy copy, PluginDescriptor descriptor, String problem) {
    String id() {
      return descriptor == null ? null : descriptor.getPluginId();
    }
  }

  private record Observed(JarStamp stamp, long sinceNanos) {}

  /** What one refresh did, collected as it goes. */
  private static final class Changes {
    final List<String> loaded = new ArrayList<>();
    final List<String> unloaded = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    Duration retryAfter;

    void retryAfter(Duration after) {
      if (retryAfter == null || after.compareTo(retryAfter) < 0) {
        retryAfter = after;
      }
    }

    PluginRefresh result() {
      return new PluginRefresh(loaded, unloaded, failed, Optional.ofNullable(retryAfter));
    }
  }
}

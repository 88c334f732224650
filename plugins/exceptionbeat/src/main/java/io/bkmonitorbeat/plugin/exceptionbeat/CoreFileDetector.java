package io.bkmonitorbeat.plugin.exceptionbeat;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core file detector (spec 4.5, type 7) on one thread: it watches the core directory and its
 * sub-directories (inotify through the JDK's {@link WatchService}; a sub-directory created later
 * is added and scanned), re-reads the core pattern every {@code recheck} and moves the watch when
 * it changed, and flushes the de-duplicated counts every half gap.
 *
 * <p>Gap 29: procfs files raise no inotify events, so the original's watch on {@code
 * core_pattern} never fired and a changed pattern went unnoticed until restart; it also saw no core
 * files in sub-directories (patterns such as {@code /cores/%u/core.%p}). Both are fixed here. Files
 * present when the watch starts are not reported (only new core files are events).
 */
final class CoreFileDetector implements Runnable {
  static final int TYPE = 7;
  static final Duration RECHECK = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(CoreFileDetector.class);
  private static final int RECENT_LIMIT = 1024;
  private static final int POLL_MILLIS = 500;
  /** At most this many directories are watched (each costs an inotify watch of the user's). */
  static final int MAX_DIRECTORIES = 4096;

  private final CorePatternSource source;
  private final Optional<Pattern> matchRegex;
  private final CoreDeduplicator dedup;
  private final Duration gap;
  private final Duration recheck;
  private final Publisher publisher;
  private final Stats stats;
  private final Clock clock;
  private volatile boolean closed;

  private CorePattern pattern;
  private String patternText = "";
  private boolean usesPid;
  private WatchService watcher;
  private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();
  private final Map<Path, Integer> depths = new ConcurrentHashMap<>();
  private boolean warnedTooMany;
  // Files found by scanning a new directory may raise a CREATE event too; report them once.
  private final Set<Path> scanned = new LinkedHashSet<>();

  CoreFileDetector(CorePatternSource source, Optional<Pattern> matchRegex, Duration gap,
      Duration recheck, Publisher publisher, Stats stats, Clock clock) {
    this.source = source;
    this.matchRegex = matchRegex;
    this.dedup = new CoreDeduplicator(gap);
    this.gap = gap;
    this.recheck = recheck;
    this.publisher = publisher;
    this.stats = stats;
    this.clock = clock;
  }

  /** Makes {@link #run} return within about half a second. */
  void close() {
    closed = true;
  }

  @Override
  public void run() {
    long nextRecheck = 0;
    long nextFlush = System.nanoTime() + gap.toNanos() / 2;
    try {
      while (!closed && !Thread.currentThread().isInterrupted()) {
        long now = System.nanoTime();
        if (now - nextRecheck >= 0) {
          refresh();
          nextRecheck = now + recheck.toNanos();
        }
        if (now - nextFlush >= 0) {
          publisher.send(dedup.flush(clock.instant()));
          nextFlush = now + gap.toNanos() / 2;
        }
        // 500 ms: the latency of close(), and two wake-ups a second on an idle host.
        WatchKey key = watcher == null ? null : watcher.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (watcher == null) {
          Thread.sleep(POLL_MILLIS);
        } else if (key != null) {
          handle(key);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ClosedWatchServiceException e) {
      // closing
    } finally {
      publisher.send(dedup.flush(clock.instant().plus(gap).plusSeconds(1)));
      closeWatcher();
    }
  }

  /** Re-reads the pattern; (re)creates the watch when the directory changed or is not watched. */
  void refresh() {
    usesPid = source.usesPid();
    String text;
    try {
      text = source.pattern();
    } catch (IOException e) {
      if (!patternText.equals("<unreadable>")) {
        log.warn("cannot read the core pattern: {}", e.toString());
        patternText = "<unreadable>";
      }
      return;
    }
    boolean changed = !text.equals(patternText);
    if (changed) {
      patternText = text;
      CorePattern.Result parsed = CorePattern.parse(text);
      if (parsed.pattern().isEmpty()) {
        log.warn("core file detection is idle: {}", parsed.error());
        pattern = null;
        closeWatcher();
        return;
      }
      CorePattern previous = pattern;
      pattern = parsed.pattern().get();
      if (!pattern.parsable()) {
        log.warn("core pattern '{}' has two specifiers without a separator: every new file in {}"
            + " counts as a core file, with no dimensions", pattern.namePattern(), pattern.watchRoot());
      }
      if (previous != null && previous.watchRoot().equals(pattern.watchRoot()) && watcher != null) {
        return;
      }
      log.info("watching {} (and its sub-directories) for core files named '{}'",
          pattern.watchRoot(), pattern.namePattern());
      closeWatcher();
    }
    if (pattern != null && watcher != null && !depths.containsKey(Path.of(pattern.watchRoot()))) {
      closeWatcher(); // the core directory was removed; watch it again once it is back
    }
    if (pattern != null && watcher == null) {
      watch(Path.of(pattern.watchRoot()));
    }
  }

  private void watch(Path root) {
    if (!Files.isDirectory(root)) {
      return; // retried at the next recheck, as the original's 30 s timer did
    }
    try {
      watcher = root.getFileSystem().newWatchService();
      register(root, 0, false);
    } catch (IOException e) {
      log.warn("cannot watch the core directory {}: {}", root, e.toString());
      closeWatcher();
    }
  }

  /**
   * Registers {@code dir} ({@code depth} levels below the watch root) and its sub-directories down
   * to the pattern's {@link CorePattern#watchDepth}; with {@code report}, files found are new.
   */
  private void register(Path dir, int depth, boolean report) throws IOException {
    if (directories.size() >= MAX_DIRECTORIES) {
      if (!warnedTooMany) {
        log.warn("more than {} directories under {}: {} and others are not watched for core files",
            MAX_DIRECTORIES, pattern.watchRoot(), dir);
        warnedTooMany = true;
      }
      return;
    }
    WatchKey key = dir.register(watcher, ENTRY_CREATE);
    directories.put(key, dir);
    depths.put(dir, depth);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          if (depth < pattern.watchDepth()) {
            register(entry, depth + 1, report);
          }
        } else if (report) {
          scanned.add(entry);
          if (scanned.size() > RECENT_LIMIT) {
            scanned.remove(scanned.iterator().next());
          }
          created(entry);
        }
      }
    }
  }

  private void handle(WatchKey key) {
    Path dir = directories.get(key);
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW) {
        stats.coreWatchOverflows.incrementAndGet();
        continue;
      }
      if (dir == null) {
        continue;
      }
      Path child = dir.resolve((Path) event.context());
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        int depth = depths.getOrDefault(dir, 0) + 1;
        if (pattern == null || depth > pattern.watchDepth()) {
          continue;
        }
        try {
          register(child, depth, true);
        } catch (IOException e) {
          log.debug("cannot watch {}: {}", child, e.toString());
        }
      } else if (!scanned.remove(child)) {
        created(child);
      }
    }
    if (!key.reset()) {
      Path gone = directories.remove(key);
      if (gone != null) {
        depths.remove(gone);
      }
    }
  }

  /** A new file under the core directory. */
  void created(Path file) {
    if (pattern == null) {
      return;
    }
    String name = file.getFileName().toString();
    Optional<Map<String, String>> dimensions = pattern.dimensions(name, usesPid);
    boolean core = matchRegex.map(regex -> regex.matcher(name).find())
        .orElse(dimensions.isPresent());
    if (!core) {
      stats.coreFilesIgnored.incrementAndGet();
      log.debug("{} is not a core file of pattern '{}'", file, pattern.namePattern());
      return;
    }
    stats.coreFiles.incrementAndGet();
    Map<String, Object> extra = publisher.extra(TYPE);
    extra.put("corefile", file.toString());
    extra.put("filesize", 0);
    extra.putAll(dimensions.orElse(Map.of()));
    publisher.send(dedup.offer(new LinkedHashMap<>(extra), clock.instant()));
  }

  private void closeWatcher() {
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        log.debug("closing the core watch: {}", e.toString());
      }
    }
    watcher = null;
    directories.clear();
    depths.clear();
    warnedTooMany = false;
  }

  /** The directories watched now (for tests). */
  List<Path> watched() {
    return new ArrayList<>(directories.values());
  }
}

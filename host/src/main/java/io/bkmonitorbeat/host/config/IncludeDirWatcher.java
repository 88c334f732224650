package io.bkmonitorbeat.host.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the include directory (recursively when {@code multi_child_dir}) and calls a callback
 * once changes have been quiet for a debounce interval, so a burst of edits (a deployment writing
 * many child files) causes one reload. Uses the JDK {@link WatchService} plus a periodic scan of
 * modification times and sizes as a fallback (some file systems, e.g. NFS, deliver no events; a
 * directory created later is also only seen by the scan).
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} may be called from any thread; the
 * callback runs on the one watcher thread from the given factory.
 */
public final class IncludeDirWatcher implements AutoCloseable {
  /** Default quiet time before the callback fires. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(1);
  /** Default interval of the fallback scan. */
  public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(IncludeDirWatcher.class);
  private static final long POLL_MILLIS = 50;

  private final Path dir;
  private final boolean recursive;
  private final Duration debounce;
  private final Duration scanInterval;
  private final ThreadFactory threadFactory;
  private final Runnable onChange;
  private final Object lock = new Object();
  private Thread thread; // guarded by lock
  private volatile boolean closed;

  /** Creates a watcher with the default debounce and scan interval. */
  public IncludeDirWatcher(
      Path dir, boolean recursive, ThreadFactory threadFactory, Runnable onChange) {
    this(dir, recursive, DEFAULT_DEBOUNCE, DEFAULT_SCAN_INTERVAL, threadFactory, onChange);
  }

  /** Creates a watcher; nothing happens until {@link #start()}. */
  public IncludeDirWatcher(Path dir, boolean recursive, Duration debounce, Duration scanInterval,
      ThreadFactory threadFactory, Runnable onChange) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.recursive = recursive;
    this.debounce = Objects.requireNonNull(debounce, "debounce");
    this.scanInterval = Objects.requireNonNull(scanInterval, "scanInterval");
    this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
    this.onChange = Objects.requireNonNull(onChange, "onChange");
  }

  /** Starts watching. Calling it twice has no further effect. */
  public void start() {
    synchronized (lock) {
      if (thread != null || closed) {
        return;
      }
      thread = threadFactory.newThread(this::run);
      thread.start();
    }
  }

  /** Stops watching and waits briefly for the thread to end. Idempotent. */
  @Override
  public void close() {
    Thread toJoin;
    synchronized (lock) {
      closed = true;
      toJoin = thread;
      thread = null;
    }
    if (toJoin != null) {
      toJoin.interrupt();
      try {
        toJoin.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try (WatchService service = FileSystems.getDefault().newWatchService()) {
      loop(service);
    } catch (IOException e) {
      log.warn("include directory {}: no watch service, scanning only", dir, e);
      loop(null);
    } catch (ClosedWatchServiceException e) {
      log.debug("include directory {}: watch service closed", dir);
    }
  }

  private void loop(WatchService service) {
    Map<Path, String> snapshot = snapshot(service);
    long lastScan = System.nanoTime();
    long lastChange = 0;
    boolean pending = false;
    while (!closed && !Thread.currentThread().isInterrupted()) {
      boolean changed = drain(service);
      if (System.nanoTime() - lastScan >= scanInterval.toNanos() || changed) {
        Map<Path, String> now = snapshot(service);
        changed |= !now.equals(snapshot);
        snapshot = now;
        lastScan = System.nanoTime();
      }
      if (changed) {
        pending = true;
        lastChange = System.nanoTime();
      }
      if (pending && System.nanoTime() - lastChange >= debounce.toNanos()) {
        pending = false;
        fire();
      }
    }
  }

  // Waits up to POLL_MILLIS for events; returns whether any arrived.
  private boolean drain(WatchService service) {
    try {
      if (service == null) {
        Thread.sleep(POLL_MILLIS);
        return false;
      }
      boolean any = false;
      WatchKey key = service.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      while (key != null) {
        any |= !key.pollEvents().isEmpty();
        key.reset();
        key = service.poll();
      }
      return any;
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void fire() {
    try {
      onChange.run();
    } catch (RuntimeException e) {
      log.warn("include directory {}: change callback failed", dir, e);
    }
  }

  // Lists files with "mtime/size", and (re-)registers directories with the watch service.
  private Map<Path, String> snapshot(WatchService service) {
    Map<Path, String> result = new HashMap<>();
    if (!Files.isDirectory(dir)) {
      return result;
    }
    try (Stream<Path> paths = recursive ? Files.walk(dir) : Stream.concat(Stream.of(dir),
        Files.list(dir))) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
          register(service, path);
        } else {
          result.put(path, attributes.lastModifiedTime() + "/" + attributes.size());
        }
      }
    } catch (IOException | RuntimeException e) {
      log.debug("include directory {}: scan failed: {}", dir, e.toString());
    }
    return result;
  }

  private static void register(WatchService service, Path path) throws IOException {
    if (service != null) {
      // Registering again returns the same key, so doing it on every scan is harmless.
      path.register(service, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
    }
  }
}

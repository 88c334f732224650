package io.bkmonitorbeat.host.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the CMDB host-id file's content current (spec 3.6): re-reads it when its modification
 * time or size changes (checked every 10 s, or on {@link #refresh()}), keeps the last good content
 * when the file becomes malformed (logging the reason once per change), and reports a missing file
 * as {@link HostIdInfo#EMPTY}. With {@code ignore_cmdb_level} it never reads and always returns
 * the dummy identity. Thread-safe: {@link #current()} may be called from any thread.
 */
public final class HostIdWatcher implements AutoCloseable {
  /** How often the file is checked. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(HostIdWatcher.class);

  private record Stamp(boolean exists, FileTime modified, long size) {}

  private final HostIdSettings settings;
  private final ThreadFactory threadFactory;
  private final Consumer<HostIdInfo> onChange;
  private final Duration interval;
  private final Object lock = new Object();
  private final AtomicReference<HostIdInfo> current = new AtomicReference<>(HostIdInfo.EMPTY);
  private Stamp lastStamp; // guarded by lock
  private ScheduledExecutorService executor; // guarded by lock

  /**
   * Creates a watcher; nothing is read until {@link #start()}.
   *
   * @param threadFactory gives the one checking thread
   * @param onChange called (on the checking thread, or the caller of {@link #refresh()}) with the
   *     new content whenever it changed
   */
  public HostIdWatcher(
      HostIdSettings settings, ThreadFactory threadFactory, Consumer<HostIdInfo> onChange) {
    this(settings, threadFactory, onChange, DEFAULT_INTERVAL);
  }

  HostIdWatcher(HostIdSettings settings, ThreadFactory threadFactory,
      Consumer<HostIdInfo> onChange, Duration interval) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
    this.onChange = Objects.requireNonNull(onChange, "onChange");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  /**
   * Reads the file once and starts the periodic check.
   *
   * @throws io.bkmonitorbeat.api.ConfigException if {@code must_host_id_exist} and it is missing
   */
  public void start() {
    if (settings.ignoreCmdbLevel()) {
      current.set(HostIdFile.IGNORED);
      return;
    }
    HostIdFile.requirePresent(settings, settings.path().toString());
    refresh();
    synchronized (lock) {
      if (executor == null) {
        executor = Executors.newSingleThreadScheduledExecutor(threadFactory);
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Returns the current content (the last good one, if the file is now malformed). */
  public HostIdInfo current() {
    return current.get();
  }

  /**
   * Re-reads the file if its modification time or size changed.
   *
   * @return whether the content changed
   */
  public boolean refresh() {
    if (settings.ignoreCmdbLevel()) {
      return false;
    }
    HostIdInfo next;
    HostIdInfo previous;
    synchronized (lock) {
      Stamp stamp = stamp(settings.path());
      if (stamp.equals(lastStamp)) {
        return false;
      }
      lastStamp = stamp;
      next = stamp.exists() ? read() : HostIdInfo.EMPTY;
      if (next == null) {
        return false;
      }
      previous = current.getAndSet(next);
    }
    if (previous.equals(next)) {
      return false;
    }
    log.info("host-id file {} loaded: ip={} cloud={} biz={} levels={} processes={}",
        settings.path(), next.innerIp(), next.cloudId(), next.bizId(), next.cmdbLevels().size(),
        next.processes().size());
    onChange.accept(next);
    return true;
  }

  /** Stops the periodic check. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (executor != null) {
        executor.shutdownNow();
        executor = null;
      }
    }
  }

  private void check() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("host-id file {} check failed", settings.path(), e);
    }
  }

  // Returns null when the file is malformed: the caller keeps the last good content.
  private HostIdInfo read() {
    try {
      List<String> warnings = new ArrayList<>();
      HostIdInfo info = HostIdParser.parse(
          Files.readString(settings.path()), settings.cmdbLevelMaxLength(), warnings);
      warnings.forEach(warning -> log.warn("host-id file {}: {}", settings.path(), warning));
      return info;
    } catch (IOException | IllegalArgumentException e) {
      log.warn("host-id file {} is unusable, keeping the previous content: {}", settings.path(),
          e.getMessage());
      return null;
    }
  }

  private static Stamp stamp(Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return new Stamp(true, attributes.lastModifiedTime(), attributes.size());
    } catch (IOException e) {
      return new Stamp(false, null, 0);
    }
  }
}

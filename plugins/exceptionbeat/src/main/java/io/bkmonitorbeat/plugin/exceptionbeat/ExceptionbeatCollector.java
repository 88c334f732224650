package io.bkmonitorbeat.plugin.exceptionbeat;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.StreamingCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running exceptionbeat task: its detectors live from {@link #start} to {@link #close}, as
 * the original's {@code Run()} started them once for the task's life. Threads, all from the host's
 * factory: a scheduler of two threads (the disk checks, each first after one interval, and the OOM
 * report window; two, so that a {@code statvfs} stuck on a hung file system cannot stop the other
 * checks), one core file watcher and one kernel-log reader, each only when its detector is on.
 */
final class ExceptionbeatCollector implements StreamingCollector {
  private static final Logger log = LoggerFactory.getLogger(ExceptionbeatCollector.class);

  /** The system paths the detectors read; a seam so tests never touch the machine's settings. */
  record SystemPaths(Path proc, Path root, Path corePattern, Path coreUsesPid, String kmsg) {
    static final SystemPaths DEFAULT = new SystemPaths(Path.of("/proc"), Path.of("/"),
        CorePatternSource.CORE_PATTERN, CorePatternSource.CORE_USES_PID, "/dev/kmsg");
  }

  private final CollectorContext context;
  private final ExceptionbeatSettings settings;
  private final SystemPaths paths;
  private final DiskUsage.Reader usage;
  private final Stats stats = new Stats();
  private final Publisher publisher;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private ScheduledThreadPoolExecutor scheduler;
  private volatile CoreFileDetector core;
  private volatile OomDetector oom;

  ExceptionbeatCollector(CollectorContext context, ExceptionbeatSettings settings,
      SystemPaths paths, DiskUsage.Reader usage) {
    this.context = context;
    this.settings = settings;
    this.paths = paths;
    this.usage = usage;
    AlarmEnvelope envelope = new AlarmEnvelope(settings.dataId(), context.clock(),
        ZoneId.systemDefault(), context::hostIdentity);
    this.publisher = new Publisher(envelope, context.sink(), stats);
  }

  @Override
  public synchronized void start() {
    if (closed.get()) {
      throw new IllegalStateException("closed");
    }
    String label = context.task().label();
    ThreadFactory factory = context.threadFactory("scheduler");
    scheduler = new ScheduledThreadPoolExecutor(2, factory);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    MountSource mounts = new MountSource(paths.proc(), stats);
    if (settings.checks().contains(ExceptionbeatSettings.Check.DISK_RO)) {
      DiskRoDetector ro = new DiskRoDetector(mounts, new RoHistory(historyFile()), settings,
          publisher);
      every(settings.diskRoInterval(), "read-only check", ro::check);
    }
    if (settings.checks().contains(ExceptionbeatSettings.Check.DISK_SPACE)) {
      DiskSpaceDetector space = new DiskSpaceDetector(mounts, usage, settings, publisher, stats);
      every(settings.diskSpaceInterval(), "disk-space check", space::check);
    }
    if (settings.checks().contains(ExceptionbeatSettings.Check.CORE)) {
      core = new CoreFileDetector(
          new CorePatternSource(settings.corefilePattern(), paths.corePattern(), paths.coreUsesPid()),
          settings.corefileMatchRegex(), settings.corefileReportGap(), CoreFileDetector.RECHECK,
          publisher, stats, context.clock());
      startThread("corefile", core);
    }
    if (settings.checks().contains(ExceptionbeatSettings.Check.OOM)) {
      ContainerCheck.oomDisabledReason(paths.root()).ifPresentOrElse(
          reason -> log.warn("{}: OOM detection is off: {}", label, reason),
          () -> {
            oom = new OomDetector(() -> new Kmsg(paths.kmsg()), paths.proc().resolve("vmstat"),
                publisher, stats);
            startThread("kmsg", oom);
            every(settings.oomReportGap(), "OOM report", oom::drain);
          });
    }
    log.info("{}: detectors {} started", label, settings.checks());
  }

  private interface Check {
    void run() throws IOException;
  }

  private void every(Duration interval, String what, Check check) {
    long millis = Math.max(1, interval.toMillis());
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        check.run();
      } catch (IOException | RuntimeException e) {
        log.warn("{}: {} failed: {}", context.task().label(), what, e.toString());
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void startThread(String purpose, Runnable body) {
    Thread thread = context.threadFactory(purpose).newThread(body);
    threads.add(thread);
    thread.start();
  }

  private Path historyFile() {
    try {
      return context.stateDirectory().resolve("diskro-history");
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("{}: no state directory ({}); the read-only history is kept in memory only",
          context.task().label(), e.toString());
      return null;
    }
  }

  /** Whether the OOM detector uses the {@code /proc/vmstat} fallback (for tests). */
  boolean oomFallback() {
    OomDetector detector = oom;
    return detector != null && detector.fallback();
  }

  /** Whether the core file detector watches its directory (for tests). */
  boolean coreWatching() {
    CoreFileDetector detector = core;
    return detector != null && !detector.watched().isEmpty();
  }

  @Override
  public Map<String, Long> counters() {
    return stats.snapshot();
  }

  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (core != null) {
      core.close();
    }
    if (oom != null) {
      oom.close();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    for (Thread thread : threads) {
      try {
        thread.join(1_500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try {
      if (scheduler != null) {
        scheduler.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (oom != null) {
      oom.drain(); // kills aggregated in the current window are sent at shutdown, as the original
    }
  }
}

package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OOM detector (spec 4.6, type 9). Source decision: the kernel log through {@code /dev/kmsg},
 * read from its end (kills before the start are not reported), as the original; the kernel's
 * records are the only place that names the killed process and its cgroups. When {@code
 * /dev/kmsg} cannot be opened or read (no permission with {@code kernel.dmesg_restrict}, a
 * container without the device, no libc binding), the fallback is the kernel's {@code oom_kill}
 * counter in {@code /proc/vmstat} (Linux 4.13+), polled once per report window: it says how many
 * kills happened but not which process, so those events carry an empty {@code process}/{@code
 * task}, cgroups {@code /}, an empty constraint and {@code total} = the increase. The original
 * reported nothing at all in those cases.
 *
 * <p>Threads: {@link #run} is the kernel-log reader thread; {@link #drain} runs on the scheduler
 * every {@code oom_report_gap} and at close. Thread-safe.
 */
final class OomDetector implements Runnable {
  static final int TYPE = 9;
  private static final Logger log = LoggerFactory.getLogger(OomDetector.class);
  private static final int POLL_MILLIS = 500;

  private final Supplier<KernelLog> logs;
  private final Path vmstat;
  private final Publisher publisher;
  private final Stats stats;
  private final OomAggregator aggregator = new OomAggregator();
  private final OomParser parser = new OomParser();
  private volatile boolean closed;
  private volatile boolean fallback;
  private volatile boolean reading;
  private final Object counterLock = new Object();
  private long lastOomKills = -1; // guarded by counterLock

  OomDetector(Supplier<KernelLog> logs, Path vmstat, Publisher publisher, Stats stats) {
    this.logs = logs;
    this.vmstat = vmstat;
    this.publisher = publisher;
    this.stats = stats;
  }

  /** Makes {@link #run} return within about half a second. */
  void close() {
    closed = true;
  }

  /** Whether the kernel log is open and positioned at its end (kills from now on are seen). */
  boolean reading() {
    return reading;
  }

  /** Whether the {@code /proc/vmstat} fallback is in use. */
  boolean fallback() {
    return fallback;
  }

  @Override
  public void run() {
    KernelLog kernelLog;
    try {
      kernelLog = logs.get();
      kernelLog.open();
    } catch (IOException | RuntimeException | LinkageError e) {
      useFallback("cannot open the kernel log: " + e);
      return;
    }
    reading = true;
    try {
      while (!closed && !Thread.currentThread().isInterrupted()) {
        String record = kernelLog.next(POLL_MILLIS);
        stats.kmsgLost.set(kernelLog.lost());
        if (record != null) {
          accept(record);
        }
      }
    } catch (IOException | RuntimeException e) {
      useFallback("cannot read the kernel log any more: " + e);
    } finally {
      reading = false;
      kernelLog.close();
    }
  }

  /** Feeds one raw kernel-log record. */
  void accept(String record) {
    stats.kmsgRecords.incrementAndGet();
    KmsgRecord parsed = KmsgRecord.parse(record).orElse(null);
    if (parsed == null) {
      stats.kmsgMalformed.incrementAndGet();
      return;
    }
    parser.feed(parsed).ifPresent(kill -> {
      stats.oomKills.incrementAndGet();
      log.info("OOM kill of '{}' (pid {}, memcg {})", kill.process(), kill.pid(), kill.taskMemcg());
      aggregator.add(kill, 1);
    });
  }

  private void useFallback(String reason) {
    if (closed) {
      return;
    }
    pollCounter(); // the baseline: kills from now on are reported
    fallback = true;
    log.warn("OOM detection falls back to the oom_kill counter of {} (no process names): {}",
        vmstat, reason);
  }

  /** Sends the window's aggregated kills (one event per process, one raw id). */
  void drain() {
    if (fallback) {
      pollCounter();
    }
    List<Map<String, Object>> extras = new ArrayList<>();
    for (Map<String, Object> kill : aggregator.drain()) {
      Map<String, Object> extra = publisher.extra(TYPE);
      extra.putAll(kill);
      extras.add(extra);
    }
    publisher.send(extras);
  }

  private void pollCounter() {
    OptionalLong count;
    try {
      count = oomKills(Files.readString(vmstat));
    } catch (IOException e) {
      count = OptionalLong.empty();
    }
    if (count.isEmpty()) {
      return;
    }
    long now = count.getAsLong();
    synchronized (counterLock) {
      if (lastOomKills >= 0 && now > lastOomKills) {
        stats.oomKills.addAndGet(now - lastOomKills);
        aggregator.add(new OomKill("", 0, "", "/", "/", 0), now - lastOomKills);
      }
      lastOomKills = now;
    }
  }

  /** The {@code oom_kill} counter of a {@code /proc/vmstat} text. */
  static OptionalLong oomKills(String vmstat) {
    for (String line : vmstat.split("\n")) {
      if (line.startsWith("oom_kill ")) {
        try {
          return OptionalLong.of(Long.parseLong(line.substring(9).strip()));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}

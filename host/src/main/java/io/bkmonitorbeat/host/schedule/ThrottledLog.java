package io.bkmonitorbeat.host.schedule;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs repeated warnings of one key (e.g. a task ident) at most {@code burst} times per window with
 * their stack traces, then one line saying further ones are suppressed, and at the first warning
 * of a later window one line with the number suppressed. A failing task that runs every second
 * therefore writes a handful of lines a minute instead of sixty stack traces (house style 22,
 * after OpenTelemetry's {@code ThrottlingLogger}).
 *
 * <p>Thread-safe. Keys are kept until {@link #forget(String)}; call it when the task goes away.
 */
public final class ThrottledLog {
  private final Logger log;
  private final int burst;
  private final Duration window;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /** Creates a log that lets 3 warnings per key and minute through. */
  public ThrottledLog(Logger log) {
    this(log, 3, Duration.ofMinutes(1), System::nanoTime);
  }

  /** Creates a log that lets {@code burst} warnings per key and {@code window} through. */
  public ThrottledLog(Logger log, int burst, Duration window, LongSupplier nanoTime) {
    if (burst < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("burst must be >= 1 and window > 0");
    }
    this.log = log;
    this.burst = burst;
    this.window = window;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Logs {@code message} for {@code key} at WARN with {@code error} (nullable), if not throttled. */
  public void warn(String key, String message, Throwable error) {
    long now = nanoTime.getAsLong();
    Window w = windows.computeIfAbsent(key, k -> new Window(now));
    long suppressedBefore = 0;
    boolean logIt;
    boolean firstSuppressed;
    synchronized (w) {
      if (now - w.startNanos >= windowNanos) {
        suppressedBefore = w.suppressed;
        w.startNanos = now;
        w.logged = 0;
        w.suppressed = 0;
      }
      logIt = w.logged < burst;
      if (logIt) {
        w.logged++;
      } else {
        w.suppressed++;
      }
      firstSuppressed = !logIt && w.suppressed == 1;
    }
    if (suppressedBefore > 0) {
      log.warn("{}: {} similar warnings were suppressed in the previous {}", key,
          suppressedBefore, window);
    }
    if (logIt) {
      log.warn("{}: {}", key, message, error);
    } else if (firstSuppressed) {
      log.warn("{}: {} (suppressing further warnings for up to {})", key, message, window);
    }
  }

  /** Drops the state of {@code key}. */
  public void forget(String key) {
    windows.remove(key);
  }

  private static final class Window {
    long startNanos;
    int logged;
    long suppressed;

    Window(long startNanos) {
      this.startNanos = startNanos;
    }
  }
}

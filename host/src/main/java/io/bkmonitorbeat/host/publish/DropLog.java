package io.bkmonitorbeat.host.publish;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throttled WARN log of dropped events: the first drop of a kind is logged at once, later ones
 * are summed and summarised at most once per minute, so a stalled agent cannot flood the log.
 * Thread-safe.
 */
final class DropLog {
  private static final Logger log = LoggerFactory.getLogger(DropLog.class);
  private static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String what;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong nextLogNanos = new AtomicLong(Long.MIN_VALUE);

  /** @param what names the kind of drop in the message, e.g. {@code "queue full"} */
  DropLog(String what) {
    this.what = what;
  }

  /** Records {@code count} dropped events and maybe logs; {@code detail} is for the first one. */
  void dropped(long count, String detail) {
    if (count <= 0) {
      return;
    }
    pending.addAndGet(count);
    long now = System.nanoTime();
    long next = nextLogNanos.get();
    boolean first = next == Long.MIN_VALUE;
    if ((first || now - next >= 0) && nextLogNanos.compareAndSet(next, now + PERIOD_NANOS)) {
      long total = pending.getAndSet(0);
      if (first) {
        log.warn("output dropped {} event(s): {} ({}); further drops summarised once a minute",
            total, what, detail);
      } else {
        log.warn("output dropped {} event(s) in the last minute: {}", total, what);
      }
    }
  }
}

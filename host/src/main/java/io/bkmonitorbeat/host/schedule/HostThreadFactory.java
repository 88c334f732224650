package io.bkmonitorbeat.host.schedule;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates host-owned threads named {@code <prefix>-N}: daemon (a stuck collector must not keep the
 * JVM alive after shutdown) and with a {@code null} context class loader, so no plugin loader is
 * pinned by a pooled thread (house style 11; plugin code is entered through a loader swap).
 * Thread-safe.
 */
public final class HostThreadFactory implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger next = new AtomicInteger(1);

  /** Creates a factory of threads named {@code <prefix>-N}. */
  public HostThreadFactory(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, prefix + "-" + next.getAndIncrement());
    t.setDaemon(true);
    t.setContextClassLoader(null);
    return t;
  }
}

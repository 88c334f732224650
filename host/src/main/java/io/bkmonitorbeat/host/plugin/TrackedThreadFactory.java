package io.bkmonitorbeat.host.plugin;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads the host hands to one collector: daemon, named {@code <prefix>-<purpose>-N}, with
 * the plugin's class loader as context loader, an uncaught-exception handler that logs, and
 * tracked, so that after the collector is closed the host can tell which of them survived (a
 * surviving thread pins the plugin's class loader). Thread-safe.
 */
public final class TrackedThreadFactory {
  private static final Logger log = LoggerFactory.getLogger(TrackedThreadFactory.class);

  private final String prefix;
  private final ClassLoader contextLoader;
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger counter = new AtomicInteger();

  /**
   * @param prefix the thread-name prefix, e.g. {@code collector-tcp-42}
   * @param contextLoader the context class loader of every thread (the plugin's)
   */
  public TrackedThreadFactory(String prefix, ClassLoader contextLoader) {
    this.prefix = prefix;
    this.contextLoader = contextLoader;
  }

  /** Returns a factory whose threads are named {@code <prefix>-<purpose>-N}. */
  public ThreadFactory forPurpose(String purpose) {
    return runnable -> {
      Thread thread =
          new Thread(
              () -> {
                try {
                  runnable.run();
                } finally {
                  threads.remove(Thread.currentThread());
                }
              },
              prefix + "-" + purpose + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      thread.setContextClassLoader(contextLoader);
      thread.setUncaughtExceptionHandler(
          (t, e) -> log.warn("Uncaught exception in collector thread '{}'", t.getName(), e));
      threads.add(thread);
      return thread;
    };
  }

  /**
   * Waits up to {@code timeout} for every thread made here to end, and returns the names of those
   * still alive.
   */
  public List<String> awaitTermination(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : List.copyOf(threads)) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        thread.join(Math.max(1, left / 1_000_000));
      }
    }
    return threads.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
  }
}

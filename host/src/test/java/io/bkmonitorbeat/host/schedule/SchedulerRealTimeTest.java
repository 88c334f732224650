package io.bkmonitorbeat.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tick, deadline and shutdown threads on the system clock; only bounded waits. */
class SchedulerRealTimeTest {
  private final Scheduler scheduler = new Scheduler(
      SchedulerOptions.defaults().withFirstRunImmediately(true));
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    scheduler.close(Duration.ofSeconds(1));
  }

  @Test
  void ticksByItselfAtEverySlotOnWorkerThreads() throws Exception {
    TestTask task = TestTask.quick("fast", Duration.ofMillis(20));
    scheduler.add(task);
    scheduler.start();
    for (int i = 0; i < 5; i++) {
      assertThat(task.awaitStarted().thread()).startsWith("collector-worker-");
    }
    assertThat(scheduler.stats().total().runs()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void workerThreadsAreDaemonsWithoutContextLoader() throws Exception {
    CountDownLatch seen = new CountDownLatch(1);
    AtomicBoolean ok = new AtomicBoolean();
    scheduler.add(new TestTask("probe", Duration.ofSeconds(10), Duration.ofSeconds(1), d -> {
      Thread t = Thread.currentThread();
      ok.set(t.isDaemon() && t.getContextClassLoader() == null);
      seen.countDown();
    }));
    scheduler.start();
    assertThat(seen.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ok).isTrue();
  }

  @Test
  void theDeadlineInterruptsTheRunAndCountsATimeout() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    TestTask task = new TestTask("stuck", Duration.ofSeconds(10), Duration.ofMillis(50), d -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    });
    scheduler.add(task);
    scheduler.start();
    task.awaitFinished();
    assertThat(interrupted).isTrue();
    await(() -> scheduler.stats().total().timeouts() == 1);
    assertThat(scheduler.stats().total().failures()).isZero();
  }

  @Test
  void aTaskIgnoringInterruptsPinsOneThreadAndOthersKeepRunning() throws Exception {
    TestTask hung = new TestTask("hung", Duration.ofMillis(30), Duration.ofMillis(10), d -> {
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException ignored) {
          // deliberately deaf to the deadline
        }
      }
    });
    TestTask healthy = TestTask.quick("healthy", Duration.ofMillis(30));
    scheduler.add(hung);
    scheduler.add(healthy);
    scheduler.start();
    hung.awaitStarted();
    for (int i = 0; i < 10; i++) {
      healthy.awaitFinished();
    }
    await(() -> scheduler.stats().total().skipped() >= 3);
    assertThat(hung.started).isEmpty(); // never started again while its thread is pinned
    assertThat(scheduler.stats().total().timeouts()).isEqualTo(1);
  }

  @Test
  void closeDrainsInFlightRunsWithinTheDeadline() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    TestTask task = new TestTask("draining", Duration.ofSeconds(10), Duration.ofSeconds(5), d -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    });
    scheduler.add(task);
    scheduler.start();
    task.awaitStarted();
    Thread releaser = new Thread(() -> {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      release.countDown();
    });
    releaser.start();
    scheduler.close(Duration.ofSeconds(5));
    assertThat(task.finished).hasSize(1);
    assertThat(interrupted).as("drained, not interrupted").isFalse();
    assertThat(scheduler.activeRuns()).isZero();
  }

  @Test
  void closeInterruptsWhatRemainsAfterTheDrainDeadline() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    TestTask polite = new TestTask("polite", Duration.ofSeconds(10), Duration.ofSeconds(5), d -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    });
    TestTask deaf = new TestTask("deaf", Duration.ofSeconds(10), Duration.ofSeconds(5), d -> {
      threads.add(Thread.currentThread().getName());
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException ignored) {
          // deliberately deaf
        }
      }
    });
    scheduler.add(polite);
    scheduler.add(deaf);
    scheduler.start();
    polite.awaitStarted();
    deaf.awaitStarted();
    long t0 = System.nanoTime();
    scheduler.close(Duration.ofMillis(100));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(tookMs).isLessThan(3_000); // bounded although one run never returns
    polite.awaitFinished();
    assertThat(interrupted).isTrue();
    assertThat(threads).hasSize(1);
  }

  private static void await(BooleanSupplier condition) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(end);
      LockSupport.parkNanos(1_000_000);
    }
  }
}

package io.bkmonitorbeat.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slot timing with a manual clock: the test calls {@link Scheduler#tick()} itself. */
class SchedulerTest {
  private static final Duration PERIOD = Duration.ofSeconds(10);
  private static final long PERIOD_US = 10_000_000;
  private static final long T0 = 1_700_000_000_000_000L; // epoch micros, a multiple of 10 s

  private final ManualTime time = new ManualTime(T0);
  private final Scheduler scheduler =
      new Scheduler(SchedulerOptions.defaults().withTime(time));

  @AfterEach
  void close() {
    scheduler.close(Duration.ofSeconds(1));
  }

  @Test
  void runsAtItsSlotsWithDeadlineFromActualStart() throws Exception {
    TestTask task = TestTask.quick("tcp-a", PERIOD);
    long slot = T0 + task.phaseMicros();
    scheduler.add(task);

    time.set(slot - 1);
    scheduler.tick();
    assertThat(scheduler.stats().total().runs()).isZero();

    time.set(slot);
    scheduler.tick();
    assertThat(task.awaitFinished().deadline()).isEqualTo(TimeSource.toInstant(slot + PERIOD_US));
    awaitIdle(task);

    time.set(slot + PERIOD_US + 250);
    scheduler.tick();
    // Started 250 us late: deadline = actual start + timeout, lag recorded as 250 us.
    assertThat(task.awaitFinished().deadline())
        .isEqualTo(TimeSource.toInstant(slot + 2 * PERIOD_US + 250));
    SchedulerStats stats = scheduler.stats();
    assertThat(stats.total().runs()).isEqualTo(2);
    assertThat(stats.byType().get("test").runs()).isEqualTo(2);
    assertThat(stats.lag().count()).isEqualTo(2);
    assertThat(stats.lag().maxMicros()).isEqualTo(250);
  }

  @Test
  void newTaskWaitsForItsNextSlotUnlessFirstRunImmediately() throws Exception {
    TestTask task = TestTask.quick("tcp-b", PERIOD);
    time.set(T0 + task.phaseMicros() + 1); // just past this period's slot
    scheduler.add(task);
    scheduler.tick();
    assertThat(scheduler.stats().total().runs()).isZero();

    try (Scheduler eager = new Scheduler(
        SchedulerOptions.defaults().withTime(time).withFirstRunImmediately(true))) {
      TestTask other = TestTask.quick("tcp-b", PERIOD);
      eager.add(other);
      eager.tick();
      other.awaitFinished();
      assertThat(eager.stats().total().runs()).isEqualTo(1);
    }
  }

  @Test
  void skipsASlotWhileThePreviousRunIsInFlight() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TestTask task = new TestTask("slow", PERIOD, PERIOD, d -> release.await());
    long slot = T0 + task.phaseMicros();
    scheduler.add(task);
    time.set(slot);
    scheduler.tick();
    task.awaitStarted();

    time.set(slot + PERIOD_US);
    scheduler.tick();
    assertThat(scheduler.stats().total().skipped()).isEqualTo(1);
    assertThat(scheduler.stats().total().runs()).isEqualTo(1);

    release.countDown();
    task.awaitFinished();
    awaitIdle(task);
    time.set(slot + 2 * PERIOD_US);
    scheduler.tick();
    task.awaitFinished();
    assertThat(scheduler.stats().total().runs()).isEqualTo(2);
  }

  @Test
  void aThrowingTaskIsCountedAndEveryTaskKeepsItsSchedule() throws Exception {
    TestTask bad = new TestTask("bad", PERIOD, PERIOD, d -> {
      throw new IllegalStateException("boom");
    });
    TestTask good = TestTask.quick("good", PERIOD);
    scheduler.add(bad);
    scheduler.add(good);
    long badSlot = T0 + bad.phaseMicros();
    long goodSlot = T0 + good.phaseMicros();
    for (int k = 0; k < 3; k++) {
      for (long slot : new long[] {Math.min(badSlot, goodSlot), Math.max(badSlot, goodSlot)}) {
        time.set(slot + k * PERIOD_US);
        scheduler.tick();
        (slot == badSlot ? bad : good).awaitFinished();
        awaitIdle(slot == badSlot ? bad : good);
      }
    }
    assertThat(bad.started).hasSize(3);
    assertThat(good.started).hasSize(3);
    SchedulerStats stats = scheduler.stats();
    assertThat(stats.total().failures()).isEqualTo(3);
    assertThat(stats.total().runs()).isEqualTo(6);
    assertThat(stats.lag().maxMicros()).isZero(); // every run started exactly at its slot
  }

  @Test
  void noCatchUpBurstAfterAStall() throws Exception {
    TestTask task = TestTask.quick("tcp-c", PERIOD);
    long slot = T0 + task.phaseMicros();
    scheduler.add(task);
    time.set(slot);
    scheduler.tick();
    task.awaitFinished();
    awaitIdle(task);

    // The host was suspended for 5.5 periods: slots +1..+5 passed.
    time.set(slot + 5 * PERIOD_US + PERIOD_US / 2);
    scheduler.tick();
    task.awaitFinished();
    awaitIdle(task);
    scheduler.tick();
    SchedulerStats stats = scheduler.stats();
    assertThat(stats.total().runs()).isEqualTo(2);
    assertThat(stats.total().missed()).isEqualTo(4);
    assertThat(stats.lag().maxMicros()).isEqualTo(PERIOD_US / 2); // ran for the latest slot

    time.set(slot + 6 * PERIOD_US);
    scheduler.tick();
    task.awaitFinished();
    assertThat(scheduler.stats().total().runs()).isEqualTo(3);
  }

  @Test
  void aBackwardClockStepRealignsToTheNextSlot() throws Exception {
    TestTask task = TestTask.quick("tcp-d", PERIOD);
    long slot = T0 + task.phaseMicros();
    scheduler.add(task);
    time.set(slot);
    scheduler.tick();
    task.awaitFinished();
    awaitIdle(task);

    time.set(slot - 3 * PERIOD_US + 1); // stepped back 30 s
    scheduler.tick();
    time.set(slot - 2 * PERIOD_US); // without realigning it would wait until slot + period
    scheduler.tick();
    task.awaitFinished();
    assertThat(scheduler.stats().total().runs()).isEqualTo(2);
  }

  @Test
  void removeStopsFutureRunsAndCompletesWhenTheRunReturns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TestTask task = new TestTask("gone", PERIOD, PERIOD, d -> release.await());
    long slot = T0 + task.phaseMicros();
    scheduler.add(task);
    assertThat(scheduler.contains("gone")).isTrue();
    assertThat(scheduler.idents()).containsExactly("gone");
    time.set(slot);
    scheduler.tick();
    task.awaitStarted();

    CompletableFuture<Void> removed = scheduler.remove("gone");
    assertThat(scheduler.contains("gone")).isFalse();
    assertThat(removed).isNotDone();
    release.countDown();
    removed.get(5, TimeUnit.SECONDS);

    time.set(slot + PERIOD_US);
    scheduler.tick();
    assertThat(scheduler.stats().total().runs()).isEqualTo(1);
    assertThat(scheduler.remove("unknown")).isDone();
  }

  @Test
  void rejectsADuplicateIdent() {
    scheduler.add(TestTask.quick("dup", PERIOD));
    assertThatThrownBy(() -> scheduler.add(TestTask.quick("dup", PERIOD)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dup");
  }

  @Test
  void aSlotFindingEveryWorkerBusyIsRejected() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (Scheduler tiny = new Scheduler(
        SchedulerOptions.defaults().withTime(time).withWorkers(1, 1))) {
      TestTask a = new TestTask("a", PERIOD, PERIOD, d -> release.await());
      TestTask b = new TestTask("b", PERIOD, PERIOD, d -> release.await());
      tiny.add(a);
      tiny.add(b);
      time.set(T0 + PERIOD_US); // both slots of the first period are due
      tiny.tick();
      release.countDown();
      assertThat(tiny.stats().total().runs() + tiny.stats().total().rejected()).isEqualTo(2);
      assertThat(tiny.stats().total().rejected()).isEqualTo(1);
    }
  }

  /** Waits until the worker released the job (after the task body returned). */
  private void awaitIdle(TestTask task) throws Exception {
    // The in-flight flag is cleared just after the body returns; probing with a tick would
    // change the schedule, so poll the number of busy workers (bounded wait).
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (scheduler.activeRuns() > 0 && System.nanoTime() < end) {
      LockSupport.parkNanos(100_000);
    }
    assertThat(scheduler.activeRuns()).as("%s still in flight", task.ident()).isZero();
  }
}

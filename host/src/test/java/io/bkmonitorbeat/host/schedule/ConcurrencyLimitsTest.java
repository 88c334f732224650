package io.bkmonitorbeat.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConcurrencyLimiter;
import io.bkmonitorbeat.api.ConcurrencyLimiter.Permit;
import io.bkmonitorbeat.host.config.ConcurrencyLimit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitsTest {

  /** A deadline already passed: acquisitions must succeed at once or fail at once. */
  private static final Instant NOW = Instant.EPOCH;

  private static ConcurrencyLimits limits(long perInstance, long perTask) {
    return new ConcurrencyLimits(Map.of("tcp", new ConcurrencyLimit(perInstance, perTask)));
  }

  @Test
  void perInstanceLimitIsSharedAcrossTasks() throws Exception {
    ConcurrencyLimits limits = limits(2, 10);
    Permit a = limits.forTask("tcp", "a").acquire(NOW);
    Permit b = limits.forTask("tcp", "b").acquire(NOW);
    assertThatThrownBy(() -> limits.forTask("tcp", "c").acquire(NOW))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("tcp.per_instance (2)");
    a.close();
    limits.forTask("tcp", "c").acquire(NOW).close();
    b.close();
  }

  @Test
  void perTaskLimitAppliesToOneTaskOnly() throws Exception {
    ConcurrencyLimits limits = limits(100, 2);
    ConcurrencyLimiter a = limits.forTask("tcp", "a");
    a.acquire(NOW);
    a.acquire(NOW);
    assertThatThrownBy(() -> a.acquire(NOW)).hasMessageContaining("tcp.per_task (2) of task 'a'");
    // The same task asking through a second limiter object shares the task's semaphore.
    assertThatThrownBy(() -> limits.forTask("tcp", "a").acquire(NOW))
        .isInstanceOf(TimeoutException.class);
    limits.forTask("tcp", "b").acquire(NOW);
  }

  @Test
  void theInstancePermitIsRolledBackWhenTheTaskLimitIsExhausted() throws Exception {
    ConcurrencyLimits limits = limits(2, 1);
    limits.forTask("tcp", "a").acquire(NOW);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> limits.forTask("tcp", "a").acquire(NOW))
          .hasMessageContaining("per_task");
    }
    // Without the rollback the failed attempts would have used up the second instance permit.
    limits.forTask("tcp", "b").acquire(NOW);
  }

  @Test
  void waitsUntilTheDeadlineThenTimesOut() throws Exception {
    ConcurrencyLimits limits = limits(1, 1);
    limits.forTask("tcp", "a").acquire(NOW);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> limits.forTask("tcp", "b").acquire(Instant.now().plusMillis(100)))
        .isInstanceOf(TimeoutException.class);
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(90_000_000L);
  }

  @Test
  void aPermitFreedBeforeTheDeadlineIsTaken() throws Exception {
    ConcurrencyLimits limits = limits(1, 1);
    Permit held = limits.forTask("tcp", "a").acquire(NOW);
    Thread releaser = new Thread(held::close);
    releaser.start();
    limits.forTask("tcp", "b").acquire(Instant.now().plusSeconds(5)).close();
    releaser.join();
  }

  @Test
  void closeIsIdempotent() throws Exception {
    ConcurrencyLimits limits = limits(1, 1);
    Permit p = limits.forTask("tcp", "a").acquire(NOW);
    p.close();
    p.close(); // must not release a second permit
    Permit q = limits.forTask("tcp", "a").acquire(NOW);
    assertThatThrownBy(() -> limits.forTask("tcp", "b").acquire(NOW))
        .isInstanceOf(TimeoutException.class);
    q.close();
  }

  @Test
  void unconfiguredTypesAreNotLimited() throws Exception {
    ConcurrencyLimits limits = limits(1, 1);
    ConcurrencyLimiter ping = limits.forTask("ping", "p");
    for (int i = 0; i < 10_000; i++) {
      ping.acquire(NOW);
    }
    assertThat(limits.taskSemaphores()).isZero();
  }

  @Test
  void g11FieldsDefaultIndependently() throws Exception {
    ConcurrencyLimits limits =
        new ConcurrencyLimits(Map.of("http", ConcurrencyLimit.of(0, 0)));
    ConcurrencyLimiter a = limits.forTask("http", "a");
    List<Permit> held = new ArrayList<>();
    for (int i = 0; i < ConcurrencyLimit.DEFAULT_PER_TASK; i++) {
      held.add(a.acquire(NOW)); // one permit per request; none blocks
    }
    assertThatThrownBy(() -> a.acquire(NOW)).hasMessageContaining("per_task (1000)");
    limits.forTask("http", "b").acquire(NOW); // per_instance defaulted to 100000, not 1000
    held.forEach(Permit::close);
  }

  @Test
  void taskSemaphoresAreDroppedWhenUnusedOrForgotten() throws Exception {
    ConcurrencyLimits limits = limits(10, 1);
    Permit p = limits.forTask("tcp", "a").acquire(NOW);
    assertThat(limits.taskSemaphores()).isEqualTo(1);
    p.close();
    assertThat(limits.taskSemaphores()).isZero();

    limits.forTask("tcp", "b").acquire(NOW);
    limits.forget("b");
    assertThat(limits.taskSemaphores()).isZero();
  }

  @Test
  void reloadKeepsUnchangedTypesAndAppliesNewLimits() throws Exception {
    ConcurrencyLimits limits = limits(1, 1);
    ConcurrencyLimiter a = limits.forTask("tcp", "a");
    a.acquire(NOW);
    limits.apply(Map.of("tcp", new ConcurrencyLimit(1, 1)));
    // Unchanged: the permit held before the reload still counts.
    assertThatThrownBy(() -> limits.forTask("tcp", "b").acquire(NOW))
        .isInstanceOf(TimeoutException.class);
    limits.apply(Map.of("tcp", new ConcurrencyLimit(5, 5)));
    a.acquire(NOW); // the existing limiter sees the current config
    limits.apply(Map.of());
    limits.forTask("tcp", "b").acquire(NOW);
  }
}

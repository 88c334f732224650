package io.bkmonitorbeat.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.host.schedule.OneShotResult.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OneShotRunnerTest {
  private static final Duration TEN_S = Duration.ofSeconds(10);

  @Test
  void runsEachTaskOnceInIdentOrderAndReportsEachOutcome() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    List<TestTask> tasks = List.of(
        TestTask.quick("c-ok", TEN_S),
        new TestTask("a-fails", TEN_S, TEN_S, d -> {
          throw new IllegalStateException("refused");
        }),
        new TestTask("b-hangs", TEN_S, Duration.ofMillis(50), d -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            interrupted.incrementAndGet();
          }
        }));
    try (OneShotRunner runner = new OneShotRunner(1)) {
      List<OneShotResult> results = runner.runAll(tasks);
      assertThat(results).extracting(OneShotResult::ident)
          .containsExactly("a-fails", "b-hangs", "c-ok");
      assertThat(results).extracting(OneShotResult::outcome)
          .containsExactly(Outcome.FAILED, Outcome.TIMED_OUT, Outcome.SUCCEEDED);
      assertThat(results.get(0).error()).hasMessage("refused");
      assertThat(results.get(2).succeeded()).isTrue();
    }
    tasks.get(2).awaitFinished();
    assertThat(interrupted).hasValue(1);
  }

  @Test
  void aTaskIgnoringItsDeadlineDoesNotStallTheRest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TestTask deaf = new TestTask("a-deaf", TEN_S, Duration.ofMillis(20), d -> {
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException ignored) {
          // deliberately deaf
        }
      }
    });
    try (OneShotRunner runner = new OneShotRunner(1)) {
      List<OneShotResult> results = runner.runAll(List.of(deaf, TestTask.quick("b", TEN_S)));
      assertThat(results).extracting(OneShotResult::outcome)
          .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
    } finally {
      release.countDown();
    }
  }

  @Test
  void runsInParallelUpToTheLimit() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch bothIn = new CountDownLatch(2);
    TestTask.Body body = d -> {
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      bothIn.countDown();
      bothIn.await(); // only returns when two run at once
      running.decrementAndGet();
    };
    try (OneShotRunner runner = new OneShotRunner(2)) {
      List<OneShotResult> results = runner.runAll(List.of(
          new TestTask("a", TEN_S, Duration.ofSeconds(5), body),
          new TestTask("b", TEN_S, Duration.ofSeconds(5), body),
          new TestTask("c", TEN_S, Duration.ofSeconds(5), body),
          new TestTask("d", TEN_S, Duration.ofSeconds(5), body)));
      assertThat(results).allMatch(OneShotResult::succeeded);
      assertThat(peak.get()).isEqualTo(2);
    }
  }
}

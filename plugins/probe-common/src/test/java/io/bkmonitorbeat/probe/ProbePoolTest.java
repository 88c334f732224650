package io.bkmonitorbeat.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.CollectorContext;
import io.bkmonitorbeat.api.ConcurrencyLimiter;
import io.bkmonitorbeat.api.EventSink;
import io.bkmonitorbeat.api.HostIdentity;
import io.bkmonitorbeat.api.TaskSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbePoolTest {
  private final Context context = new Context();
  private final ProbePool pool = new ProbePool(context, 4);

  @AfterEach
  void close() {
    pool.close();
  }

  /** A context whose limiter counts permits and can refuse some targets' permits. */
  private static final class Context implements CollectorContext {
    final AtomicInteger held = new AtomicInteger();
    final AtomicInteger taken = new AtomicInteger();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    volatile int refuseAfter = Integer.MAX_VALUE;

    @Override
    public TaskSpec task() {
      return UptimeCheckEventTest.task(List.of());
    }

    @Override
    public EventSink sink() {
      return event -> true;
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public ThreadFactory threadFactory(String purpose) {
      return runnable -> {
        Thread thread = new Thread(runnable, "test-" + purpose + "-" + threads.size());
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
      };
    }

    @Override
    public Path stateDirectory() {
      throw new UnsupportedOperationException();
    }

    @Override
    public HostIdentity hostIdentity() {
      return new HostIdentity("10.0.0.5", 0, 0, "", 0, "h");
    }

    @Override
    public ConcurrencyLimiter limiter() {
      return deadline -> {
        if (taken.incrementAndGet() > refuseAfter) {
          throw new TimeoutException("no permit");
        }
        held.incrementAndGet();
        return held::decrementAndGet;
      };
    }
  }

  private static Instant in(Duration duration) {
    return Instant.now().plus(duration);
  }

  @Test
  void singleTargetRunsOnTheCallerHoldingAPermit() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    pool.probeAll(List.of("a"), in(Duration.ofSeconds(2)), target ->
        seen.add(target + "@" + Thread.currentThread().getName() + " held " + context.held.get()));
    assertThat(seen).containsExactly("a@" + Thread.currentThread().getName() + " held 1");
    assertThat(context.held).hasValue(0);
    assertThat(context.threads).isEmpty();
  }

  @Test
  void severalTargetsRunInParallelOnProbeThreadsEachWithAPermit() throws Exception {
    CountDownLatch allStarted = new CountDownLatch(3);
    Set<String> names = ConcurrentHashMap.newKeySet();
    pool.probeAll(List.of(1, 2, 3), in(Duration.ofSeconds(5)), target -> {
      names.add(Thread.currentThread().getName());
      allStarted.countDown();
      // Only returns true when all three run at the same time.
      assertThat(allStarted.await(2, TimeUnit.SECONDS)).isTrue();
    });
    assertThat(names).hasSize(3).allMatch(name -> name.startsWith("test-probe-"));
    assertThat(context.taken).hasValue(3);
    assertThat(context.held).hasValue(0);
  }

  @Test
  void targetWithoutAPermitIsSkipped() throws Exception {
    context.refuseAfter = 1;
    List<Integer> probed = new CopyOnWriteArrayList<>();
    pool.probeAll(List.of(1, 2), in(Duration.ofSeconds(2)), probed::add);
    assertThat(probed).hasSize(1);
  }

  @Test
  void firstFailureIsRethrownAfterTheOthersEnd() {
    List<Integer> probed = new CopyOnWriteArrayList<>();
    assertThatThrownBy(() -> pool.probeAll(List.of(1, 2, 3), in(Duration.ofSeconds(2)), target -> {
      if (target == 2) {
        throw new IllegalStateException("boom");
      }
      probed.add(target);
    })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    assertThat(probed).containsExactlyInAnyOrder(1, 3);
  }

  @Test
  void returnsAtTheDeadlineAndInterruptsStragglers() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    long begin = System.nanoTime();
    pool.probeAll(List.of(1, 2), in(Duration.ofMillis(300)), target -> {
      if (target == 2) {
        try {
          Thread.sleep(10_000);
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
      }
    });
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
    assertThat(interrupted.await(2, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void closeEndsThePoolThreadsAndRefusesFurtherParallelRuns() throws Exception {
    pool.probeAll(List.of(1, 2), in(Duration.ofSeconds(2)), target -> {});
    pool.close();
    pool.close();
    for (Thread thread : context.threads) {
      thread.join(1000);
      assertThat(thread.isAlive()).isFalse();
    }
    assertThatThrownBy(() -> pool.probeAll(List.of(1, 2), in(Duration.ofSeconds(1)), t -> {}))
        .isInstanceOf(IllegalStateException.class);
  }
}

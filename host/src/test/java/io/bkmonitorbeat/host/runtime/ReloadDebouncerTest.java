package io.bkmonitorbeat.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReloadDebouncerTest {
  private final ScheduledExecutorService main = Executors.newSingleThreadScheduledExecutor();
  private final BlockingQueue<String> reloads = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    main.shutdownNow();
  }

  @Test
  void requestsThatArriveTogetherCauseOneReload() throws Exception {
    // The agent thread is busy until the latch opens, so every request below finds the first
    // one still pending, however slow this machine is.
    CountDownLatch busy = new CountDownLatch(1);
    main.execute(() -> awaitQuietly(busy));
    ReloadDebouncer debouncer = new ReloadDebouncer(main, Duration.ZERO, reloads::add);
    assertThat(debouncer.request("procconf/103: wrote a")).isTrue();
    assertThat(debouncer.request("procsync/104: wrote b")).isTrue();
    assertThat(debouncer.request("procconf/103: wrote a")).isTrue();
    busy.countDown();

    assertThat(reloads.poll(10, TimeUnit.SECONDS))
        .isEqualTo("procconf/103: wrote a; procsync/104: wrote b");
    assertThat(reloads.poll(300, TimeUnit.MILLISECONDS)).isNull();

    assertThat(debouncer.request("procconf/103: wrote c")).isTrue(); // a new round
    assertThat(reloads.poll(10, TimeUnit.SECONDS)).isEqualTo("procconf/103: wrote c");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void refusedOnceTheAgentShutsDown() {
    main.shutdownNow();
    ReloadDebouncer debouncer = new ReloadDebouncer(main, Duration.ofMillis(1), reloads::add);
    assertThat(debouncer.request("late")).isFalse();
    assertThat(debouncer.request("later")).isFalse();
  }
}

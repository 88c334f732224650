package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 4.6: kills aggregated by process, one event per process per window. */
class OomDetectorTest {
  @TempDir Path dir;
  private final Stats stats = new Stats();
  private final TestContext context =
      new TestContext(TestContext.task(Map.of("dataid", 1000)), Path.of("unused"));
  private final Publisher publisher = new Publisher(
      new AlarmEnvelope(1000, Clock.systemUTC(), ZoneId.systemDefault(), context::hostIdentity),
      context.sink(), stats);

  @Test
  void killsOfOneWindowAreAggregatedByProcess() throws Exception {
    OomDetector detector = new OomDetector(() -> null, dir.resolve("vmstat"), publisher, stats);
    KmsgFixtures.records("debian12-6.1-global.txt").forEach(detector::accept);
    KmsgFixtures.records("ubuntu2004-5.4-memcg.txt").forEach(detector::accept);
    detector.accept("garbage without a prefix");
    detector.drain();

    assertThat(context.events).hasSize(2);
    Event first = context.events.get(0);
    assertThat(first.fields()).containsEntry("dataid", 1000).containsEntry("server", "10.0.0.5");
    assertThat(TestContext.extra(first)).hasSize(11).containsAllEntriesOf(Map.of(
        "bizid", 2, "cloudid", 3, "host", "10.0.0.5", "type", 9, "total", 2L,
        "process", "stress-ng-vm", "task", "stress-ng-vm", "oom_memcg", "/",
        "task_memcg", "/user.slice/user-0.slice/session-3.scope", "constraint", "CONSTRAINT_NONE"));
    assertThat(TestContext.extra(first)).containsEntry("message", "系统发生OOM异常事件");
    assertThat(TestContext.extra(context.events.get(1))).containsEntry("process", "python3")
        .containsEntry("total", 1L).containsEntry("constraint", "CONSTRAINT_MEMCG")
        .containsEntry("oom_memcg", "/system.slice/app.service");
    assertThat(stats.oomKills.get()).isEqualTo(3);
    assertThat(stats.kmsgMalformed.get()).isEqualTo(1);

    detector.drain();
    assertThat(context.events).as("a new window starts empty").hasSize(2);
  }

  @Test
  void withoutKmsgTheVmstatCounterIsReported() throws Exception {
    Path vmstat = dir.resolve("vmstat");
    Files.writeString(vmstat, "nr_free_pages 1000\noom_kill 4\nnr_foll_pin_acquired 0\n");
    OomDetector detector = new OomDetector(() -> new Unopenable(), vmstat, publisher, stats);
    detector.run(); // cannot open: falls back and takes the baseline, then returns
    assertThat(detector.fallback()).isTrue();
    detector.drain();
    assertThat(context.events).as("no kill since the baseline").isEmpty();

    Files.writeString(vmstat, "nr_free_pages 1000\noom_kill 7\n");
    detector.drain();
    assertThat(context.events).singleElement().satisfies(event ->
        assertThat(TestContext.extra(event)).containsEntry("total", 3L)
            .containsEntry("process", "").containsEntry("task", "").containsEntry("oom_memcg", "/")
            .containsEntry("task_memcg", "/").containsEntry("constraint", "").containsEntry("type", 9));
  }

  @Test
  void vmstatWithoutTheCounter() {
    assertThat(OomDetector.oomKills("pgfault 1\n")).isEmpty();
    assertThat(OomDetector.oomKills("oom_kill 12\n")).hasValue(12);
  }

  private static final class Unopenable implements KernelLog {
    @Override
    public void open() throws IOException {
      throw new IOException("open /dev/kmsg: Operation not permitted (errno 1)");
    }

    @Override
    public String next(int timeoutMillis) {
      return null;
    }

    @Override
    public long lost() {
      return 0;
    }

    @Override
    public void close() {}
  }
}

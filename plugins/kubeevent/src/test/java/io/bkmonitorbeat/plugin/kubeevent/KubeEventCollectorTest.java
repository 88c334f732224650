package io.bkmonitorbeat.plugin.kubeevent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeEventCollectorTest {
  @TempDir Path dir;

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private Map<String, Object> settings() {
    Map<String, Object> m = new HashMap<>();
    m.put("tail_files", List.of(dir.resolve("events.log").toString()));
    m.put("interval", "300ms");
    return m;
  }

  private static KubeEventCollector start(KubeTestContext ctx) throws Exception {
    KubeEventCollector c = (KubeEventCollector) new KubeEventCollectorProvider().create(ctx);
    c.start();
    return c;
  }

  private static void append(Path file, String... lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void eventFileIsReadFromTheBeginningAndCountedPerWindow() throws Exception {
    Instant now = Instant.now();
    Instant old = now.minus(1, ChronoUnit.HOURS);
    Path file = dir.resolve("events.log");
    append(file,
        Events.json("u1", "BackOff", "web-0", 1, old, old), // old: never reported
        "garbage line",
        "{\"reason\":\"NoTime\"}");
    KubeTestContext ctx = new KubeTestContext(settings(), dir.resolve("state"));
    KubeEventCollector c = start(ctx);
    await(() -> c.counters().get("lines_read") >= 3, "the existing lines");
    Instant t1 = Instant.now().plusSeconds(1);
    append(file,
        Events.json("u2", "FailedMount", "db-0", 1, t1, t1),
        Events.json("u2", "FailedMount", "db-0", 4, t1, t1.plusSeconds(5)),
        Events.json("u1", "BackOff", "web-0", 2, old, t1)); // the old event recurs
    await(() -> ctx.records().size() >= 2, "two records");
    c.close();

    List<Map<String, Object>> records = ctx.records();
    Map<String, Object> mount = records.stream().filter(r -> r.get("event_name").equals("FailedMount")).findFirst().orElseThrow();
    assertThat(mount.get("event")).isEqualTo(Map.of("content", "Back-off restarting db-0", "count", 4L));
    assertThat(mount).containsEntry("target", "kubelet").containsEntry("timestamp", t1.plusSeconds(5).toEpochMilli());
    assertThat(mount.get("dimension")).isEqualTo(Map.of("kind", "Pod", "namespace", "default", "name", "db-0",
        "apiVersion", "v1", "uid", "u2", "host", "node-1", "type", "Warning", "pod", "db-0", "cluster", "prod"));
    Map<String, Object> backoff = records.stream().filter(r -> r.get("event_name").equals("BackOff")).findFirst().orElseThrow();
    assertThat(backoff.get("event")).isEqualTo(Map.of("content", "Back-off restarting web-0", "count", 1L));
    assertThat(records).hasSize(2);
    Event event = ctx.snapshot().get(0);
    assertThat(event.type()).isEqualTo("kubeevent");
    assertThat(event.ignoreCmdbLevel()).isTrue();
    assertThat(event.dataId()).isEqualTo(1600);
    assertThat(c.counters()).containsEntry("malformed_lines", 1L).containsEntry("no_timestamp", 1L)
        .containsEntry("received_events", 4L);
  }

  @Test
  void oldEventWithAFractionalEventTimeIsNotMistakenForANewOne() throws Exception {
    // gap 21: the original parsed only whole seconds and took "now" for this, reporting it
    String old = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_000).toString();
    Path file = dir.resolve("events.log");
    append(file, "{\"reason\":\"Scheduled\",\"metadata\":{\"uid\":\"u9\"},\"involvedObject\":{\"kind\":\"Pod\","
        + "\"name\":\"p\"},\"eventTime\":\"" + old + "\"}");
    KubeTestContext ctx = new KubeTestContext(settings(), dir.resolve("state"));
    KubeEventCollector c = start(ctx);
    await(() -> c.counters().get("received_events") >= 1, "the event");
    c.close();
    assertThat(old).contains(".123456");
    assertThat(ctx.records()).isEmpty();
  }

  @Test
  void restartResumesFromTheOffsetsInsteadOfRereadingTheFile() throws Exception {
    Path file = dir.resolve("events.log");
    Instant t = Instant.now().plusSeconds(1);
    append(file, Events.json("u1", "A", "a", 1, t, t), Events.json("u2", "B", "b", 1, t, t));
    KubeTestContext first = new KubeTestContext(settings(), dir.resolve("state"));
    KubeEventCollector c1 = start(first);
    await(() -> c1.counters().get("received_events") >= 2, "two events");
    c1.close();
    append(file, Events.json("u3", "C", "c", 1, Instant.now().plusSeconds(60), Instant.now().plusSeconds(60)));
    KubeTestContext second = new KubeTestContext(settings(), dir.resolve("state"));
    KubeEventCollector c2 = start(second);
    await(() -> c2.counters().get("received_events") >= 1, "the new event");
    Thread.sleep(200);
    c2.close();
    assertThat(c2.counters()).containsEntry("received_events", 1L); // gap 21: not re-read
    assertThat(second.records()).extracting(r -> r.get("event_name")).containsExactly("C");
  }

  @Test
  void upMetricsCarryTheCumulativeCounters() {
    Event up = KubeEventRecords.upMetrics(1100017, 9, 2, Map.of("cluster", "prod"), 5, 3, 1, 1000L);
    assertThat(up.type()).isEqualTo("status");
    assertThat(up.fields().get("data")).asList().singleElement().satisfies(d -> {
      Map<?, ?> data = (Map<?, ?>) d;
      assertThat(data.get("metrics")).isEqualTo(Map.of("bkm_kubeevent_receive_events", 5.0,
          "bkm_kubeevent_report_events", 3.0, "bkm_kubeevent_cleaned_events", 1.0));
      assertThat(data.get("dimension")).isEqualTo(Map.of("task_id", "9", "bk_collect_type", "kubeevent",
          "bk_biz_id", "2", "cluster", "prod"));
    });
  }

  @Test
  void closeStopsEveryThread() throws Exception {
    KubeTestContext ctx = new KubeTestContext(settings(), dir.resolve("state"));
    KubeEventCollector c = start(ctx);
    c.close();
    c.close();
    assertThat(ctx.threads).isNotEmpty().allSatisfy(t -> assertThat(t.isAlive()).isFalse());
  }
}

package io.bkmonitorbeat.plugin.proccustom;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.testkit.Children;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the collector against real child processes, the real /proc and socket table. */
class ProccustomCollectorTest {
  private static final String MARKER = "pctest-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String SLEEP_A = "613." + (System.nanoTime() % 1000) + "1";
  private static final String SLEEP_B = "613." + (System.nanoTime() % 1000) + "2";
  private static Children.Child listener;
  private static Children.Child sleepA;
  private static Children.Child sleepB;

  @BeforeAll
  static void start() throws Exception {
    listener = Children.listener(MARKER);
    sleepA = Children.sleep(SLEEP_A);
    sleepB = Children.sleep(SLEEP_B);
  }

  @AfterAll
  static void stop() throws Exception {
    listener.close();
    sleepA.close();
    sleepB.close();
  }

  private static RecordingContext run(Map<String, Object> settings, int runs) throws Exception {
    RecordingContext context = new RecordingContext(Tasks.proccustom(settings));
    PolledCollector collector = (PolledCollector) new ProccustomCollectorProvider().create(context);
    for (int i = 0; i < runs; i++) {
      if (i > 0) {
        Thread.sleep(300);
      }
      collector.collect(Instant.now().plusSeconds(30));
    }
    collector.close();
    return context;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> data(Event event) {
    return (List<Map<String, Object>>) event.fields().get("data");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> dims(Map<String, Object> record) {
    return (Map<String, String>) record.get("dimension");
  }

  @Test
  @SuppressWarnings("unchecked")
  void perfAndPortEventsOfAMatchedListener() throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("dataid", 1500008);
    settings.put("port_dataid", 1500009);
    settings.put("port_detect", true);
    settings.put("match_pattern", MARKER);
    settings.put("extract_pattern", "(?P<run_id>pctest-\\w+)");
    settings.put("tags", Map.of("team", "infra", "pid", "overridden"));
    RecordingContext context = run(settings, 2);
    List<Event> perf = context.events.stream().filter(e -> e.dataId() == 1500008).toList();
    List<Event> port = context.events.stream().filter(e -> e.dataId() == 1500009).toList();
    assertThat(perf).hasSize(2);
    assertThat(port).hasSize(2);
    Event last = perf.get(1);
    assertThat(last.type()).isEqualTo("proccustom");
    assertThat(last.fields()).containsEntry("version", "v2");
    List<Map<String, Object>> records = data(last);
    assertThat(records).as("one record per usable label").hasSize(2);
    Map<String, Object> first = records.get(0);
    assertThat(first).containsEntry("target", "0:10.0.0.5");
    assertThat(records.get(1)).containsEntry("target", "2:10.0.0.6");
    assertThat(dims(first)).containsEntry("team", "infra").containsEntry("run_id", MARKER)
        .containsEntry("pid", "0").containsEntry("process_name", "java")
        .containsEntry("process_username", System.getProperty("user.name"))
        .containsEntry("bk_target_ip", "10.0.0.5").containsEntry("bk_collect_config_id", "7");
    Map<String, Object> metrics = (Map<String, Object>) first.get("metrics");
    assertThat(metrics).containsKeys("memory_rss_bytes", "memory_rss_pct", "cpu_total_pct",
        "cpu_start_time", "fd_open", "io_read_speed");
    assertThat((Long) metrics.get("memory_rss_bytes")).isPositive();
    assertThat(data(perf.get(0)).get(0).get("metrics")).as("no rates on the first sample")
        .satisfies(m -> assertThat((Map<String, Object>) m).doesNotContainKey("cpu_total_pct"));

    List<Map<String, Object>> ports = data(port.get(1));
    assertThat(ports).extracting(r -> dims(r).get("listen_protocol") + " " + dims(r).get("listen_address")
        + ":" + dims(r).get("listen_port") + " " + ((Map<String, Object>) r.get("metrics")).get("alive"))
        .as("TCP and UDP sockets, alive from the socket table, per label")
        .containsExactlyInAnyOrder(
            "tcp 127.0.0.1:" + listener.tcpPort() + " 1", "tcp 127.0.0.1:" + listener.tcpPort() + " 1",
            "udp 127.0.0.1:" + listener.udpPort() + " 1", "udp 127.0.0.1:" + listener.udpPort() + " 1");
  }

  @Test
  void pidFileMode(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("app.pid");
    Files.writeString(pidFile, sleepA.pid() + "\n");
    RecordingContext context = run(Map.of("dataid", 1500008, "pid_path", pidFile.toString(),
        "disable_mapping", true), 1);
    assertThat(context.events).singleElement().satisfies(e ->
        assertThat(dims(data(e).get(0))).containsEntry("pid", Integer.toString(sleepA.pid()))
            .containsEntry("process_name", "sleep"));
    Files.writeString(pidFile, "not a pid");
    RecordingContext broken = new RecordingContext(Tasks.proccustom(
        Map.of("dataid", 1500008, "pid_path", pidFile.toString())));
    PolledCollector collector = (PolledCollector) new ProccustomCollectorProvider().create(broken);
    collector.collect(Instant.now().plusSeconds(3));
    assertThat(broken.events).isEmpty();
    assertThat(collector.counters()).containsEntry("empty_rounds", 1L);
  }

  @Test
  void excludePatternAndPortOnlySlots_gap19() throws Exception {
    String pattern = "^sleep 613\\.";
    RecordingContext both = run(Map.of("dataid", -1, "port_dataid", 1500009, "port_detect", true,
        "match_pattern", pattern), 1);
    assertThat(both.events).as("port-only: one port event per process").hasSize(2);
    assertThat(both.events).extracting(e -> dims(data(e).get(0)).get("pid"))
        .as("distinct slots in port-only mode (the original gave every process slot 0)")
        .containsExactlyInAnyOrder("0", "1");
    assertThat(both.events).allSatisfy(e -> assertThat(data(e).get(0).get("metrics"))
        .isEqualTo(Map.of("alive", 0)));
    RecordingContext one = run(Map.of("dataid", 1500008, "match_pattern", pattern,
        "exclude_pattern", SLEEP_B.replace(".", "\\.") + "$", "disable_mapping", true), 1);
    assertThat(one.events).singleElement().satisfies(e ->
        assertThat(dims(data(e).get(0))).containsEntry("pid", Integer.toString(sleepA.pid())));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCompleteRunEndsWithAnUpEvent() throws Exception {
    RecordingContext context = new RecordingContext(Tasks.proccustom(Map.of("dataid", 1500008,
        "match_pattern", MARKER))) {
      @Override
      public int gatherUpDataId() {
        return 1100017;
      }
    };
    PolledCollector collector = (PolledCollector) new ProccustomCollectorProvider().create(context);
    collector.collect(Instant.now().plusSeconds(30));
    Event up = context.events.get(context.events.size() - 1);
    assertThat(up.type()).isEqualTo("status");
    assertThat(up.dataId()).isEqualTo(1100017);
    assertThat(up.ignoreCmdbLevel()).isTrue();
    Map<String, Object> item = data(up).get(0);
    assertThat((Map<String, Object>) item.get("metrics")).containsEntry("bkm_gather_up", 1);
    assertThat(dims(item)).containsEntry("task_id", "9").containsEntry("bk_collect_type", "proccustom")
        .containsEntry("bkm_up_code", "0").containsEntry("bkm_up_code_name", "Ok");
  }

  @Test
  void noMatchingProcessSendsNothing() throws Exception {
    RecordingContext context = run(Map.of("dataid", 1500008, "match_pattern", "no-such-" + MARKER), 1);
    assertThat(context.events).isEmpty();
  }
}

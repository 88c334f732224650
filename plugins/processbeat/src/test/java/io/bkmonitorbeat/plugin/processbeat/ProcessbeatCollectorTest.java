package io.bkmonitorbeat.plugin.processbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.testkit.Children;
import io.bkmonitorbeat.testkit.RecordingContext;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the collector against real child processes and the real /proc and socket table. */
class ProcessbeatCollectorTest {
  private static final String MARKER = "pbtest-" + UUID.randomUUID();
  private static final String SLEEP = "612." + (System.nanoTime() % 1000);
  private static Children.Child listener;
  private static Children.Child sleep;
  private static int freePort;

  @BeforeAll
  static void start() throws Exception {
    listener = Children.listener(MARKER);
    sleep = Children.sleep(SLEEP);
    try (ServerSocket probe = new ServerSocket(0)) {
      freePort = probe.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    listener.close();
    sleep.close();
  }

  private static Map<String, Object> settings(boolean disableNetlink, boolean converge) {
    String exe = ProcessHandle.of(listener.pid()).orElseThrow().info().command().orElseThrow();
    Map<String, Object> java = Map.of("name", "java", "displayname", "listener", "paramregex", MARKER,
        "bind_info", List.of(
            Map.of("ip", "127.0.0.1", "ports", List.of(listener.tcpPort(), freePort), "protocol", "tcp"),
            Map.of("ip", "", "ports", List.of(listener.udpPort()), "protocol", "udp")));
    // The same process matched a second time, by its exe path.
    Map<String, Object> byExe = Map.of("name", exe, "displayname", "by-exe", "paramregex", MARKER);
    Map<String, Object> sleeper = Map.of("name", "sleep", "displayname", "sleeper",
        "paramregex", "^sleep " + SLEEP.replace(".", "\\.") + "$");
    Map<String, Object> missing = Map.of("name", "no-such-process-" + MARKER, "displayname", "gone",
        "protocol", "tcp", "bindip", "0.0.0.0", "ports", List.of(1));
    Map<String, Object> settings = new HashMap<>();
    settings.put("perfdataid", 1007);
    settings.put("portdataid", 1013);
    settings.put("converge_pid", converge);
    settings.put("disable_netlink", disableNetlink);
    settings.put("processes", List.of(java, byExe, sleeper, missing));
    return settings;
  }

  private static RecordingContext run(Map<String, Object> settings, int runs) throws Exception {
    RecordingContext context = new RecordingContext(Tasks.processbeat(settings));
    Collector collector = new ProcessbeatCollectorProvider().create(context);
    for (int i = 0; i < runs; i++) {
      if (i > 0) {
        Thread.sleep(300);
      }
      ((PolledCollector) collector).collect(Instant.now().plusSeconds(30));
    }
    collector.close();
    return context;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> data(Event event, String key) {
    return (List<Map<String, Object>>) ((Map<String, Object>) event.fields().get("data")).get(key);
  }

  private static List<Event> byDataId(RecordingContext context, int dataId) {
    List<Event> events = new ArrayList<>();
    context.events.stream().filter(e -> e.dataId() == dataId).forEach(events::add);
    return events;
  }

  @Test
  @SuppressWarnings("unchecked")
  void perfEventsForMatchedAndMissingProcesses() throws Exception {
    RecordingContext context = run(settings(false, false), 2);
    List<Event> perf = byDataId(context, 1007);
    assertThat(perf).hasSize(2);
    assertThat(perf.get(0).type()).isEqualTo("processbeat");
    assertThat(perf.get(0).fields()).containsKeys("timezone", "datetime", "utctime");
    List<Map<String, Object>> first = data(perf.get(0), "perf");
    Map<String, Object> firstListener = find(first, "listener");
    assertThat(firstListener).as("no CPU or IO rate on the first sample").doesNotContainKeys("cpu", "io")
        .containsKeys("memory", "fd");

    List<Map<String, Object>> records = data(perf.get(1), "perf");
    assertThat(records).extracting(r -> r.get("displayname"))
        .containsExactly("listener", "by-exe", "sleeper", "gone");
    Map<String, Object> java = find(records, "listener");
    assertThat(java).containsEntry("pid", listener.pid()).containsEntry("name", "java")
        .containsEntry("exists", true).containsEntry("paramregex", MARKER)
        .containsEntry("ppid", (int) ProcessHandle.current().pid())
        .containsEntry("username", System.getProperty("user.name"));
    assertThat((String) java.get("cmdline")).contains(MARKER);
    Map<String, Object> memory = (Map<String, Object>) java.get("memory");
    assertThat((Long) memory.get("size")).isPositive();
    Map<String, Object> cpu = (Map<String, Object>) java.get("cpu");
    assertThat(cpu).containsKeys("total", "start_time", "user", "system");
    assertThat(((Map<String, Object>) cpu.get("total")).get("value")).isInstanceOf(Long.class);
    assertThat((String) cpu.get("start_time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
    assertThat((Map<String, Object>) java.get("fd")).containsKey("limit");
    assertThat(java).containsKey("io");
    // Gap 15: the process matched twice is sampled once; both records show the same rates.
    assertThat(find(records, "by-exe").get("cpu")).isEqualTo(cpu);
    assertThat(find(records, "by-exe").get("pid")).isEqualTo(listener.pid());
    assertThat(find(records, "sleeper")).containsEntry("pid", sleep.pid()).containsEntry("state", "sleeping")
        .containsEntry("cmdline", "sleep " + SLEEP);
    assertThat(find(records, "gone")).containsOnlyKeys("exists", "name", "paramregex", "displayname")
        .containsEntry("exists", false);
  }

  @Test
  void portEventsFromTheSocketTableIncludingUdp() throws Exception {
    RecordingContext context = run(settings(false, false), 1);
    List<Map<String, Object>> records = data(byDataId(context, 1013).get(0), "processes");
    assertThat(records).hasSize(5);
    Map<String, Object> tcp = records.get(0);
    assertThat(tcp).containsEntry("name", "java").containsEntry("exists", 1)
        .containsEntry("protocol", "tcp").containsEntry("bindip", "127.0.0.1")
        .containsEntry("listen", List.of(listener.tcpPort()))
        .containsEntry("nonlisten", List.of(freePort)).containsEntry("porthealth", 0);
    Map<String, Object> udp = records.get(1);
    assertThat(udp).containsEntry("protocol", "udp").containsEntry("listen", List.of(listener.udpPort()))
        .containsEntry("porthealth", 1);
    assertThat(records.get(2)).as("by-exe expects no ports").containsEntry("porthealth", 1)
        .containsEntry("exists", 1);
    assertThat(records.get(4)).containsEntry("exists", 0).containsEntry("nonlisten", List.of(1))
        .containsEntry("porthealth", 0);
  }

  @Test
  void netlinkAndProcNetDetectorsGiveTheSamePortEvent() throws Exception {
    List<Map<String, Object>> netlink = data(byDataId(run(settings(false, false), 1), 1013).get(0), "processes");
    List<Map<String, Object>> procNet = data(byDataId(run(settings(true, false), 1), 1013).get(0), "processes");
    assertThat(procNet).isEqualTo(netlink);
  }

  @Test
  void convergePidReportsSlots() throws Exception {
    List<Map<String, Object>> records = data(byDataId(run(settings(false, true), 1), 1007).get(0), "perf");
    assertThat(find(records, "listener")).containsEntry("pid", 0).containsEntry("ppid", 0)
        .containsEntry("pgid", 0).containsEntry("state", "sleeping");
    assertThat(find(records, "sleeper")).containsEntry("pid", 0);
  }

  @Test
  void trackedStateFollowsTheMatchedProcesses_gap27() throws Exception {
    RecordingContext context = new RecordingContext(Tasks.processbeat(settings(false, false)));
    PolledCollector collector = (PolledCollector) new ProcessbeatCollectorProvider().create(context);
    try (Children.Child extra = Children.sleep(SLEEP)) {
      collector.collect(Instant.now().plusSeconds(30));
      assertThat(collector.counters()).containsEntry("tracked_pids", 3L);
    }
    collector.collect(Instant.now().plusSeconds(30));
    assertThat(collector.counters()).as("the ended sleep's state is dropped")
        .containsEntry("tracked_pids", 2L).containsEntry("runs", 2L);
  }

  @Test
  void disabledConfigsCreateAnIdleTask() throws Exception {
    RecordingContext context = new RecordingContext(Tasks.processbeat(Map.of("perfdataid", 1)));
    Collector collector = new ProcessbeatCollectorProvider().create(context);
    ((PolledCollector) collector).collect(Instant.now().plusSeconds(3));
    assertThat(context.events).isEmpty();
  }

  private static Map<String, Object> find(List<Map<String, Object>> records, String displayName) {
    return records.stream().filter(r -> displayName.equals(r.get("displayname"))).findFirst()
        .orElseThrow(() -> new AssertionError("no record " + displayName + " in " + records));
  }
}

package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.Children;
import io.bkmonitorbeat.testkit.FakeGseAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tarball as a daemon with a processbeat child config and a proccustom child file that
 * both describe a JVM the test started (listening on a loopback TCP and UDP port): the fake GSE
 * agent receives processbeat perf and port events and proccustom perf and port events about it.
 */
class ProcessPluginsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":0,\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"agent-x\",\"hostid\":42}");

  @TempDir Path work;

  @Test
  @SuppressWarnings("unchecked")
  void processAndPortEventsForAProcessTheTestStarted() throws Exception {
    String marker = "pit-" + UUID.randomUUID().toString().substring(0, 8);
    Installation installation = Installation.unpack(work);
    Path child = Files.createDirectories(work.resolve("etc/bkmonitorbeat"));
    try (Children.Child listener = Children.listener(marker)) {
      Files.writeString(child.resolve("bkmonitorbeat_processbeat.conf"), """
          type: processbeat
          name: processbeat_task
          version: 1.0.0
          task_id: 0
          perfdataid: 1007
          portdataid: 1013
          period: 1s
          min_period: 1s
          disable_netlink: false
          processes:
            - name: java
              displayname: listener
              paramregex: %s
              bind_info:
                - {ip: 127.0.0.1, ports: [%d], protocol: tcp}
                - {ip: "", ports: [%d], protocol: udp}
          max_nolisten_ports: 0
          """.formatted(marker, listener.tcpPort(), listener.udpPort()));
      Files.writeString(child.resolve("monitor_process_it.conf"), """
          type: proccustom
          name: proccustom_task
          version: 1.0.0
          task_id: 536870999
          dataid: 1500008
          port_dataid: 1500009
          port_detect: true
          period: 1s
          min_period: 1s
          match_pattern: %s
          labels:
            - {bk_target_ip: 127.0.0.1, bk_target_cloud_id: "0", bk_collect_config_id: "5"}
          tags: {team: infra}
          """.formatted(marker));
      Path config = Installation.writeConfig(work, gse, """
          bkmonitorbeat:
            ignore_cmdb_level: true
            include: %s
          """.formatted(child));

      try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
        Map<String, Object> perf = await(agent, 1007, p -> perfRecord(p, listener.pid()) != null);
        Map<String, Object> record = perfRecord(perf, listener.pid());
        assertThat(perf).containsEntry("type", "processbeat");
        assertThat(record).containsEntry("name", "java").containsEntry("exists", true)
            .containsKeys("memory", "fd");

        Map<String, Object> port = await(agent, 1013, p -> true);
        List<Map<String, Object>> processes =
            (List<Map<String, Object>>) ((Map<String, Object>) port.get("data")).get("processes");
        assertThat(processes).hasSize(2);
        assertThat(processes.get(0)).containsEntry("listen", List.of(listener.tcpPort()))
            .containsEntry("porthealth", 1).containsEntry("exists", 1);
        assertThat(processes.get(1)).containsEntry("listen", List.of(listener.udpPort()))
            .containsEntry("protocol", "udp");

        Map<String, Object> custom = await(agent, 1500008, p -> true);
        assertThat(custom).containsEntry("type", "proccustom").containsEntry("version", "v2");
        Map<String, Object> customRecord = ((List<Map<String, Object>>) custom.get("data")).get(0);
        assertThat(customRecord).containsEntry("target", "0:127.0.0.1");
        assertThat((Map<String, Object>) customRecord.get("dimension"))
            .containsEntry("process_name", "java").containsEntry("team", "infra");
        assertThat((Map<String, Object>) customRecord.get("metrics")).containsKey("memory_rss_bytes");

        Map<String, Object> customPort = await(agent, 1500009, p -> true);
        assertThat((List<Map<String, Object>>) customPort.get("data"))
            .extracting(r -> ((Map<String, Object>) r.get("dimension")).get("listen_port"))
            .contains(Integer.toString(listener.tcpPort()), Integer.toString(listener.udpPort()));

        agent.signal("TERM");
        assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
        assertThat(agent.stderr()).doesNotContain("Exception in thread");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> perfRecord(Map<String, Object> payload, int pid) {
    Map<String, Object> data = (Map<String, Object>) payload.get("data");
    for (Map<String, Object> record : (List<Map<String, Object>>) data.get("perf")) {
      if (record.get("pid") instanceof Number n && n.intValue() == pid) {
        return record;
      }
    }
    return null;
  }

  private Map<String, Object> await(AgentProcess agent, int dataId,
      Predicate<Map<String, Object>> accept) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!agent.isAlive()) {
        throw new AssertionError("bkmonitorbeat exited; stderr:\n" + agent.stderr());
      }
      FakeGseAgent.Frame frame = gse.poll(Duration.ofMillis(500));
      if (frame != null && frame.dataId() == dataId && accept.test(frame.payload())) {
        return frame.payload();
      }
    }
    throw new AssertionError("no event of dataid " + dataId + " within " + WAIT + "; stderr:\n"
        + agent.stderr());
  }
}

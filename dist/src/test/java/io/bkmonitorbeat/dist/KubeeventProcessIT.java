package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.bkmonitorbeat.testkit.FakeGseAgent;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tarball as a daemon with a kubeevent child config that follows an event file and
 * watches a fake Kubernetes API on loopback: both sources' events arrive as kubeevent records on
 * the GSE socket (Jackson comes from the host's lib/), and SIGTERM stops the agent cleanly.
 */
class KubeeventProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int DATAID = 1100097;

  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":0,\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"agent-x\",\"hostid\":42}");

  @TempDir Path work;
  private Installation installation;

  @BeforeEach
  void unpack() throws Exception {
    installation = Installation.unpack(work);
  }

  private static String event(String uid, String reason, String name, long count, Instant at) {
    return "{\"kind\":\"Event\",\"metadata\":{\"uid\":\"" + uid + "\",\"resourceVersion\":\"7\"},"
        + "\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"default\",\"name\":\"" + name + "\",\"apiVersion\":\"v1\"},"
        + "\"reason\":\"" + reason + "\",\"message\":\"m\",\"source\":{\"component\":\"kubelet\",\"host\":\"node-1\"},"
        + "\"firstTimestamp\":\"" + at + "\",\"lastTimestamp\":\"" + at + "\",\"count\":" + count + ",\"type\":\"Warning\"}";
  }

  @Test
  void eventFileAndApiWatchBecomeKubeeventRecords() throws Exception {
    Instant soon = Instant.now().plusSeconds(30);
    List<String> queries = new CopyOnWriteArrayList<>();
    HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/api/v1/events", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      queries.add(query);
      String body = query.contains("watch=1")
          ? (queries.size() == 2 ? "{\"type\":\"ADDED\",\"object\":" + event("api-1", "FromApi", "api-0", 1, soon) + "}\n" : "")
          : "{\"kind\":\"EventList\",\"metadata\":{\"resourceVersion\":\"5\"},\"items\":[]}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    api.start();
    try {
      Path events = work.resolve("events.log");
      Files.writeString(events, "");
      Path child = Files.createDirectories(work.resolve("etc/bkmonitorbeat"));
      Files.writeString(child.resolve("bkmonitorbeat_kubeevent.conf"), """
          type: kubeevent
          name: kubeevent_task
          version: 1.1.1
          dataid: 0
          tasks:
            - task_id: 701
              bk_biz_id: 2
              dataid: %d
              tail_files: ["%s"]
              interval: 1s
              kube_api: {url: "http://127.0.0.1:%d", watch_timeout: 2s}
              labels: [{bcs_cluster_id: BCS-K8S-1}]
          """.formatted(DATAID, events, api.getAddress().getPort()));
      Path config = Installation.writeConfig(work, gse, """
          bkmonitorbeat:
            include: %s
          """.formatted(child));

      try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
        Files.writeString(events, event("file-1", "FromFile", "web-0", 3, soon) + "\n", StandardOpenOption.APPEND);
        Map<String, Object> byReason = new HashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (byReason.size() < 2 && System.nanoTime() < deadline) {
          if (!agent.isAlive()) {
            throw new AssertionError("bkmonitorbeat exited; stderr:\n" + agent.stderr());
          }
          FakeGseAgent.Frame frame = gse.poll(Duration.ofMillis(500));
          if (frame != null && frame.dataId() == DATAID) {
            assertThat(frame.payload()).containsEntry("type", "kubeevent").doesNotContainKey("bk_cmdb_level");
            for (Object r : (List<?>) frame.payload().get("data")) {
              Map<?, ?> record = (Map<?, ?>) r;
              byReason.put((String) record.get("event_name"), record);
            }
          }
        }
        assertThat(byReason).as("stderr:\n" + agent.stderr()).containsKeys("FromFile", "FromApi");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> fromFile = (Map<String, Map<String, Object>>) byReason.get("FromFile");
        assertThat(fromFile.get("event")).containsEntry("count", 3);
        assertThat(fromFile.get("dimension")).containsEntry("pod", "web-0").containsEntry("bcs_cluster_id", "BCS-K8S-1");
        assertThat(queries.get(0)).isEqualTo("limit=500");
        assertThat(queries.get(1)).contains("watch=1", "resourceVersion=5");
        agent.signal("TERM");
        assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
        assertThat(agent.stderr()).doesNotContain("Exception in thread");
      }
    } finally {
      api.stop(0);
    }
  }
}

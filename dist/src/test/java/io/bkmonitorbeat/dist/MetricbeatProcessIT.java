package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tarball as a daemon with a metricbeat child file scraping a loopback HTTP server that
 * serves captured node_exporter output behind basic auth: metric events with the samples and
 * self-metrics, and gather-up events on their own data id, reach the GSE socket; a request
 * without the right credentials is never made.
 */
class MetricbeatProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int DATA_ID = 1500123;
  private static final int GATHER_UP = 1100017;

  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":0,\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"agent-x\",\"hostid\":42}");

  @TempDir Path work;
  private Installation installation;
  private HttpServer exporter;
  private final AtomicInteger unauthorized = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    installation = Installation.unpack(work);
    byte[] body;
    try (InputStream in = MetricbeatProcessIT.class.getResourceAsStream("/node_exporter.prom")) {
      body = in.readAllBytes();
    }
    String expected = "Basic " + Base64.getEncoder().encodeToString("prom:s3cret".getBytes(StandardCharsets.UTF_8));
    exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    exporter.createContext("/metrics", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
          unauthorized.incrementAndGet();
          exchange.sendResponseHeaders(401, -1);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    exporter.start();
  }

  @AfterEach
  void stop() {
    exporter.stop(0);
  }

  @Test
  void scrapesALoopbackExporterAndPublishesMetricAndGatherUpEvents() throws Exception {
    Path child = Files.createDirectories(work.resolve("child"));
    Files.writeString(child.resolve("bkmonitorbeat_metricbeat.conf"), """
        type: metricbeat
        name: node_scrape
        version: 1.0
        dataid: %d
        max_timeout: 100s
        min_period: 1s
        tasks:
          - task_id: 77
            bk_biz_id: 2
            period: 1s
            timeout: 5s
            labels: [{bk_target_ip: 127.0.0.1}]
            module:
              module: prometheus
              metricsets: [collector]
              enabled: true
              hosts: ["http://127.0.0.1:%d/metrics"]
              metrics_path: ''
              namespace: node_scrape
              username: prom
              password: s3cret
              metric_relabel_configs:
                - {source_labels: [__name__], regex: 'go_.*', action: drop}
        """.formatted(DATA_ID, exporter.getAddress().getPort()));
    Path config = Installation.writeConfig(work, gse, """
        bkmonitorbeat:
          bk_biz_id: 2
          ignore_cmdb_level: true
          include: %s
          gather_up_beat: {dataid: %d}
        """.formatted(child, GATHER_UP));

    try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
      Frame metrics = awaitFrame(f -> f.dataId() == DATA_ID, agent);
      assertThat(metrics.payload()).containsEntry("type", "metricbeat").containsEntry("bk_biz_id", 2)
          .containsEntry("service", Map.of("type", "prometheus")).containsKey("@timestamp")
          .containsEntry("group_info", List.of(Map.of("bk_target_ip", "127.0.0.1")));
      List<Map<String, Object>> samples = collectorMetrics(metrics);
      assertThat(samples).extracting(m -> m.get("key"))
          .contains("node_load1", "node_cpu_seconds_total", "bkm_metricbeat_endpoint_up",
              "bkm_metricbeat_scrape_line")
          .noneMatch(k -> ((String) k).startsWith("go_"));
      assertThat(samples).filteredOn(m -> m.get("key").equals("bkm_metricbeat_endpoint_up"))
          .singleElement().satisfies(m -> assertThat(m.get("labels")).isEqualTo(Map.of("code", "0", "code_name", "Ok")));

      Frame up = awaitFrame(f -> f.dataId() == GATHER_UP, agent);
      @SuppressWarnings("unchecked")
      Map<String, Object> item = ((List<Map<String, Object>>) up.payload().get("data")).get(0);
      assertThat(item.get("metrics")).isEqualTo(Map.of("bkm_gather_up", 2));
      @SuppressWarnings("unchecked")
      Map<String, Object> dimension = (Map<String, Object>) item.get("dimension");
      assertThat(dimension).containsEntry("bkm_up_code", "0")
          .containsEntry("task_id", "77").containsEntry("bk_collect_type", "metricbeat")
          .containsEntry("bk_target_ip", "127.0.0.1");

      agent.signal("TERM");
      assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
      assertThat(agent.stderr()).doesNotContain("Exception in thread");
    }
    assertThat(unauthorized.get()).isZero();
    assertThat(gse.violations()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> collectorMetrics(Frame frame) {
    Map<String, Object> prom = (Map<String, Object>) frame.payload().get("prometheus");
    return (List<Map<String, Object>>) ((Map<String, Object>) prom.get("collector")).get("metrics");
  }

  private Frame awaitFrame(Predicate<Frame> wanted, AgentProcess agent) throws InterruptedException {
    return agent.awaitFrame(gse, wanted, WAIT);
  }
}

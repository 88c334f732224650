package io.bkmonitorbeat.plugin.metricbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.testkit.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector against loopback HTTP(S) servers serving captured node_exporter output. */
class MetricbeatCollectorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  @TempDir static Path tempDir;
  static byte[] nodeExporter;
  static long nodeExporterSamples;
  static KeyStore serverKeys;
  static KeyStore otherKeys;

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final ConcurrentLinkedQueue<Map<String, String>> requests = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void fixtures() throws Exception {
    try (InputStream in = MetricbeatCollectorTest.class.getResourceAsStream("/node_exporter.prom")) {
      nodeExporter = in.readAllBytes();
    }
    nodeExporterSamples = new String(nodeExporter, StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    serverKeys = TestServers.selfSigned(tempDir, "dns:scrape.test,ip:127.0.0.1", 30);
    otherKeys = TestServers.selfSigned(tempDir, "dns:other.test,ip:127.0.0.2", 30);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  /** Serves {@code body(exchange)} with status 200, recording request headers. */
  TestServers.Running serve(Function<HttpExchange, byte[]> body) throws IOException {
    TestServers.Running server = TestServers.http(exchange -> {
      record(exchange);
      TestServers.respond(exchange, 200, "text/plain; version=0.0.4", body.apply(exchange));
    });
    cleanup.add(server);
    return server;
  }

  TestServers.Running serveText(String text) throws IOException {
    return serve(e -> text.getBytes(StandardCharsets.UTF_8));
  }

  private void record(HttpExchange exchange) {
    Map<String, String> h = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), String.join(",", v)));
    h.put(":uri", exchange.getRequestURI().toString());
    requests.add(h);
  }

  TestContext context(TaskSpec task) {
    return new TestContext(task);
  }

  MetricbeatCollector collector(TestContext context) {
    MetricbeatCollector c = new MetricbeatCollector(context, MetricbeatSettings.parse(context.task()));
    cleanup.add(c::close);
    return c;
  }

  static Map<String, Object> module(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static void run(MetricbeatCollector c) throws Exception {
    c.collect(Instant.now().plus(TIMEOUT));
  }

  static List<Event> metricEvents(TestContext ctx) {
    return ctx.events.stream().filter(e -> e.type().equals("metricbeat")).toList();
  }

  static Event gatherUp(TestContext ctx) {
    List<Event> ups = ctx.events.stream().filter(e -> e.type().equals("status")).toList();
    assertThat(ups).hasSize(1);
    return ups.get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> gatherUpDimension(Event e) {
    List<Map<String, Object>> data = (List<Map<String, Object>>) e.fields().get("data");
    return (Map<String, String>) data.get(0).get("dimension");
  }

  @SuppressWarnings("unchecked")
  static Object gatherUpValue(Event e) {
    List<Map<String, Object>> data = (List<Map<String, Object>>) e.fields().get("data");
    return ((Map<String, Object>) data.get(0).get("metrics")).get("bkm_gather_up");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> metrics(Event e) {
    Map<String, Object> prom = (Map<String, Object>) e.fields().get("prometheus");
    return (List<Map<String, Object>>) ((Map<String, Object>) prom.get("collector")).get("metrics");
  }

  static List<Map<String, Object>> allMetrics(TestContext ctx) {
    List<Map<String, Object>> all = new ArrayList<>();
    metricEvents(ctx).forEach(e -> all.addAll(metrics(e)));
    return all;
  }

  static List<Map<String, Object>> named(TestContext ctx, String key) {
    return allMetrics(ctx).stream().filter(m -> m.get("key").equals(key)).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> labelsOf(Map<String, Object> metric) {
    return (Map<String, String>) metric.get("labels");
  }

  static String endpointUpCode(TestContext ctx) {
    List<Map<String, Object>> up = named(ctx, "bkm_metricbeat_endpoint_up");
    assertThat(up).hasSize(1);
    return labelsOf(up.get(0)).get("code");
  }

  // ------------------------------------------------------------------------------------ tests

  @Test
  void scrapesRealNodeExporterOutput() throws Exception {
    TestServers.Running server = serve(e -> nodeExporter);
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("")))));
    run(collector(ctx));

    List<Event> events = metricEvents(ctx);
    assertThat(events).hasSize(1);
    Event event = events.get(0);
    assertThat(event.dataId()).isEqualTo(TestContext.DATA_ID);
    assertThat(event.fields()).containsEntry("bk_biz_id", 2).containsEntry("service", Map.of("type", "prometheus"))
        .containsKey("@timestamp").doesNotContainKey("error");
    assertThat((String) event.fields().get("@timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    List<Map<String, Object>> all = metrics(event);
    assertThat(all).hasSize((int) nodeExporterSamples + 5);
    Map<String, Object> load = named(ctx, "node_load1").get(0);
    assertThat(load.get("value")).isInstanceOf(Double.class);
    assertThat((Long) load.get("timestamp")).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
    assertThat(named(ctx, "node_cpu_seconds_total")).allSatisfy(m -> assertThat(labelsOf(m)).containsKeys("cpu", "mode"));
    assertThat(endpointUpCode(ctx)).isEqualTo("0");
    assertThat(named(ctx, "bkm_metricbeat_scrape_line").get(0).get("value")).isEqualTo((double) nodeExporterSamples);
    assertThat(named(ctx, "bkm_metricbeat_scrape_size_bytes").get(0).get("value")).isEqualTo((double) nodeExporter.length);
    assertThat(named(ctx, "bkm_metricbeat_scrape_duration_seconds")).hasSize(1);
    assertThat(named(ctx, "bkm_metricbeat_handle_duration_seconds")).hasSize(1);

    Event up = gatherUp(ctx);
    assertThat(up.ignoreCmdbLevel()).isTrue();
    assertThat(up.dataId()).isEqualTo(TestContext.GATHER_UP_DATA_ID);
    assertThat(gatherUpValue(up)).isEqualTo(2);
    assertThat(gatherUpDimension(up)).containsEntry("bkm_up_code", "0").containsEntry("bkm_up_code_name", "Ok")
        .containsEntry("task_id", "41").containsEntry("bk_collect_type", "metricbeat")
        .containsEntry("bkm_metricbeat_endpoint", server.url("/metrics"));

    Map<String, String> request = requests.peek();
    assertThat(request).containsEntry(":uri", "/metrics").containsEntry("x-bk-agent", "bkmonitorbeat")
        .containsEntry("accept", "application/openmetrics-text,*/*");
  }

  @Test
  void basicAuthFromSettingsAndFromTheUrl() throws Exception {
    TestServers.Running server = serveText("a 1\n");
    run(collector(context(TestContext.task(module("hosts", List.of(server.url("/m")),
        "username", "user", "password", "pä:ss", "bearer_token", "ignored")))));
    assertThat(requests.poll()).containsEntry("authorization", "Basic "
        + java.util.Base64.getEncoder().encodeToString("user:pä:ss".getBytes(StandardCharsets.UTF_8)));

    String withUser = server.url("/m").replace("http://", "http://u%40x:p%3Aw@");
    run(collector(context(TestContext.task(module("hosts", List.of(withUser))))));
    assertThat(requests.poll()).containsEntry("authorization", "Basic "
        + java.util.Base64.getEncoder().encodeToString("u@x:p:w".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bearerTokenAndBearerFileReadAtEveryScrape() throws Exception {
    TestServers.Running server = serveText("a 1\n");
    run(collector(context(TestContext.task(module("hosts", List.of(server.url("/m")), "bearer_token", "tok1")))));
    assertThat(requests.poll()).containsEntry("authorization", "Bearer tok1");

    Path file = tempDir.resolve("token");
    Files.writeString(file, "file-token-1\n");
    MetricbeatCollector c = collector(context(TestContext.task(module("hosts", List.of(server.url("/m")),
        "bearer_file", file.toString(), "headers", Map.of("X-Extra", "yes")))));
    run(c);
    assertThat(requests.poll()).containsEntry("authorization", "Bearer file-token-1").containsEntry("x-extra", "yes");
    Files.writeString(file, "file-token-2");
    run(c);
    assertThat(requests.poll()).containsEntry("authorization", "Bearer file-token-2");
  }

  @Test
  void queryIsAppendedNotReplacingTheUrlsParametersG15() throws Exception {
    TestServers.Running server = serveText("probe_success 1\n");
    run(collector(context(TestContext.task(module("hosts", List.of(server.url("/snmp?target=10.1.1.1")),
        "query", Map.of("module", "if_mib"))))));
    assertThat(requests.poll()).containsEntry(":uri", "/snmp?target=10.1.1.1&module=if_mib");
  }

  @Test
  void errorStatusIsAFailedScrapeAndTheBodyIsNotParsedG14() throws Exception {
    TestServers.Running server = TestServers.http(exchange ->
        TestServers.respond(exchange, 500, "text/plain", "error_page 1\n".getBytes()));
    cleanup.add(server);
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")))));
    run(collector(ctx));
    assertThat(named(ctx, "error_page")).isEmpty();
    assertThat(endpointUpCode(ctx)).isEqualTo("1202");
    assertThat(allMetrics(ctx)).hasSize(1);
    assertThat(metricEvents(ctx).get(0).fields()).containsEntry("error", Map.of("message", "HTTP status 500"));
    assertThat(gatherUpDimension(gatherUp(ctx))).containsEntry("bkm_up_code", "1202")
        .containsEntry("bkm_up_code_name", "ResponseNotMatch");
  }

  @Test
  void connectionRefusedIs2501WithTheErrorMessage() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    TestContext ctx = context(TestContext.task(module("hosts", List.of("127.0.0.1:" + port))));
    run(collector(ctx));
    assertThat(endpointUpCode(ctx)).isEqualTo("2501");
    assertThat(labelsOf(named(ctx, "bkm_metricbeat_endpoint_up").get(0))).containsEntry("code_name", "ConnRefused");
    assertThat(metricEvents(ctx).get(0).fields()).containsKey("error");
    assertThat(gatherUpDimension(gatherUp(ctx))).containsEntry("bkm_up_code", "2501");
  }

  @Test
  void slowHeadersTimeOutAtTheTaskTimeoutWhenTheModuleHasNoneG14() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TestServers.Running server = TestServers.http(exchange -> {
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      TestServers.respond(exchange, 200, null, "late 1\n".getBytes());
    });
    cleanup.add(server);
    cleanup.add(release::countDown);
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics"))), Map.of(),
        Duration.ofMillis(700), List.of()));
    long t0 = System.nanoTime();
    collector(ctx).collect(Instant.now().plusSeconds(30));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    assertThat(endpointUpCode(ctx)).isEqualTo("1101");
    assertThat(gatherUpDimension(gatherUp(ctx))).containsEntry("bkm_up_code_name", "RequestTimeout");
  }

  @Test
  void aBodyThatStallsAfterTheHeadersAlsoTimesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TestServers.Running server = TestServers.http(exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("first 1\n".getBytes());
      out.flush();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    cleanup.add(server);
    cleanup.add(release::countDown);
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "timeout", "700ms")));
    long t0 = System.nanoTime();
    run(collector(ctx));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    assertThat(endpointUpCode(ctx)).isEqualTo("1101");
  }

  @Test
  void malformedLinesGive2502AndTheGoodLinesAreStillSent() throws Exception {
    TestServers.Running server = serveText("good 1\nbad{ 2\nalso_good{a=\"b\"} 3\nnan_value NaN\n");
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")))));
    MetricbeatCollector c = collector(ctx);
    run(c);
    assertThat(named(ctx, "good")).hasSize(1);
    assertThat(named(ctx, "also_good")).hasSize(1);
    assertThat(named(ctx, "nan_value")).as("NaN dropped").isEmpty();
    assertThat(endpointUpCode(ctx)).isEqualTo("2502");
    assertThat(named(ctx, "bkm_metricbeat_scrape_line").get(0).get("value")).isEqualTo(2.0);
    assertThat(gatherUpDimension(gatherUp(ctx))).containsEntry("bkm_up_code", "2502");
    assertThat(c.counters()).containsEntry("malformed_lines", 1L).containsEntry("non_finite_dropped", 1L);
  }

  @Test
  void sampleTimestampsInMillisecondsOrSecondsLandOnTheSameSecond() throws Exception {
    TestServers.Running server = serveText("ms 1 1700000000123\ns 2 1700000000.5\nnone 3\n");
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")))));
    run(collector(ctx));
    assertThat(named(ctx, "ms").get(0).get("timestamp")).isEqualTo(1700000000L);
    assertThat(named(ctx, "s").get(0).get("timestamp")).isEqualTo(1700000000L);
    TestContext off = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "disable_custom_timestamp", true)));
    run(collector(off));
    assertThat(allMetrics(off)).allSatisfy(m -> assertThat(m).doesNotContainKey("timestamp"));
  }

  @Test
  void relabelKeepDropAndLabelmap() throws Exception {
    TestServers.Running server = serve(e -> nodeExporter);
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "metric_relabel_configs", List.of(
            Map.of("source_labels", List.of("__name__"), "regex", "node_cpu_seconds_total|node_load.*", "action", "keep"),
            Map.of("source_labels", List.of("mode"), "regex", "idle", "action", "drop"),
            Map.of("regex", "(cpu)", "replacement", "core_$1", "action", "labelmap"),
            Map.of("source_labels", List.of("__name__"), "target_label", "origin", "replacement", "relabelled")))));
    MetricbeatCollector c = collector(ctx);
    run(c);
    List<Map<String, Object>> all = allMetrics(ctx);
    assertThat(all).extracting(m -> m.get("key")).allMatch(k -> k.equals("node_cpu_seconds_total")
        || ((String) k).startsWith("node_load") || ((String) k).startsWith("bkm_metricbeat_"));
    assertThat(named(ctx, "node_cpu_seconds_total")).isNotEmpty()
        .allSatisfy(m -> assertThat(labelsOf(m)).containsKey("core_cpu").containsEntry("origin", "relabelled")
            .doesNotContainEntry("mode", "idle").doesNotContainKey("__name__"));
    assertThat(named(ctx, "node_load1")).hasSize(1);
    assertThat(named(ctx, "bkm_metricbeat_endpoint_up").get(0)).satisfies(m ->
        assertThat(labelsOf(m)).doesNotContainKey("origin")); // self-metrics are exempt
    assertThat(c.counters().get("relabel_dropped")).isGreaterThan(400L);
  }

  @Test
  void remoteRulesApplyWithoutLocalRulesAndSurviveAFailedFetchG14() throws Exception {
    String[] remoteBody = {"[{\"sourceLabels\":[\"__name__\"],\"regex\":\"keep_me\",\"action\":\"keep\"}]"};
    int[] remoteStatus = {200};
    TestServers.Running remote = TestServers.http(exchange ->
        TestServers.respond(exchange, remoteStatus[0], "application/json", remoteBody[0].getBytes()));
    cleanup.add(remote);
    TestServers.Running server = serveText("keep_me 1\ndrop_me 2\n");
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "metric_relabel_remote", remote.url("/rules"))));
    MetricbeatCollector c = collector(ctx);
    run(c);
    assertThat(named(ctx, "keep_me")).hasSize(1);
    assertThat(named(ctx, "drop_me")).isEmpty();

    remoteStatus[0] = 503;
    ctx.events.clear();
    run(c);
    assertThat(named(ctx, "drop_me")).as("last good rules still apply").isEmpty();
    assertThat(c.counters()).containsEntry("remote_relabel_failures", 1L);
  }

  @Test
  void deltaFromDiffMetricsDropsOnlyTheFirstSample() throws Exception {
    double[] value = {10};
    TestServers.Running server = serve(e -> ("counter_total{a=\"1\"} " + value[0] + "\ngauge 5\n").getBytes());
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "diff_metrics", List.of("counter_total"))));
    MetricbeatCollector c = collector(ctx);
    run(c);
    assertThat(named(ctx, "counter_total")).isEmpty();
    assertThat(named(ctx, "gauge")).hasSize(1);
    ctx.events.clear();
    value[0] = 25.5;
    run(c);
    assertThat(named(ctx, "counter_total")).singleElement().satisfies(m -> assertThat(m.get("value")).isEqualTo(15.5));
  }

  @Test
  void rateKeepsTheOriginalAndNeverDividesByZeroG14() throws Exception {
    String[] body = {"req_total 100 1700000000000\n"};
    TestServers.Running server = serve(e -> body[0].getBytes());
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "metric_relabel_configs", List.of(Map.of("source_labels", List.of("__name__"), "regex", "req_total",
            "replacement", "req_rate", "action", "rate")))));
    MetricbeatCollector c = collector(ctx);
    run(c);
    assertThat(named(ctx, "req_total")).as("original kept on the first scrape").hasSize(1);
    assertThat(named(ctx, "req_rate")).isEmpty();

    ctx.events.clear();
    run(c); // same timestamp: zero interval
    assertThat(named(ctx, "req_rate")).isEmpty();
    assertThat(c.counters()).containsEntry("rate_skipped_zero_interval", 1L);

    ctx.events.clear();
    body[0] = "req_total 160 1700000010000\n";
    run(c);
    assertThat(named(ctx, "req_rate")).singleElement().satisfies(m -> assertThat(m.get("value")).isEqualTo(6.0));
    assertThat(named(ctx, "req_total")).hasSize(1);
  }

  @Test
  void metricAndDimensionReplaceAddCopies() throws Exception {
    TestServers.Running server = serveText("old_name{old_label=\"v\"} 7\n");
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "metric_replace", Map.of("old_name", "new_name"), "dimension_replace", Map.of("old_label", "new_label"))));
    run(collector(ctx));
    assertThat(named(ctx, "old_name")).singleElement().satisfies(m ->
        assertThat(labelsOf(m)).containsEntry("old_label", "v").containsEntry("new_label", "v"));
    assertThat(named(ctx, "new_name")).hasSize(1);
  }

  @Test
  void aBodyOverMaxBodyBytesIsAbandonedWith1200() throws Exception {
    TestServers.Running server = serve(e -> nodeExporter);
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "max_body_bytes", 10_000)));
    run(collector(ctx));
    assertThat(endpointUpCode(ctx)).isEqualTo("1200");
    assertThat(named(ctx, "node_load1")).isEmpty();
    assertThat(String.valueOf(((Map<?, ?>) metricEvents(ctx).get(0).fields().get("error")).get("message")))
        .contains("max_body_bytes");
    TestContext fits = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "max_body_bytes", nodeExporter.length)));
    run(collector(fits));
    assertThat(endpointUpCode(fits)).isEqualTo("0");
  }

  @Test
  void noGatherUpEventWithoutAGatherUpDataId() throws Exception {
    TestServers.Running server = serveText("a 1\n");
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")))));
    ctx.gatherUpDataId = 0;
    MetricbeatCollector c = collector(ctx);
    run(c);
    assertThat(ctx.events).extracting(Event::type).containsExactly("metricbeat");
    assertThat(c.counters()).containsEntry("gather_up_skipped_no_dataid", 1L);
  }

  @Test
  void aDisabledModuleScrapesNothing() throws Exception {
    TestServers.Running server = serveText("a 1\n");
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")), "enabled", false)));
    run(collector(ctx));
    assertThat(ctx.events).isEmpty();
    assertThat(requests).isEmpty();
  }

  @Test
  void normalizeMetricName() {
    assertThat(SampleProcessor.normalize("a.b--c:d")).isEqualTo("a_b_c_d");
    assertThat(SampleProcessor.normalize("..x..")).isEqualTo("x");
  }

  @Test
  void batchingBySizeAndMaximumKeepsTheSelfMetrics() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      text.append("m{i=\"").append(i).append("\"} ").append(i).append('\n');
    }
    TestServers.Running server = serveText(text.toString());
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics"))),
        Map.of("metrics_batch_size", 100), TIMEOUT, List.of()));
    run(collector(ctx));
    assertThat(metricEvents(ctx)).extracting(e -> metrics(e).size()).containsExactly(100, 100, 55);
    assertThat(gatherUpValue(gatherUp(ctx))).isEqualTo(4);

    TestContext capped = context(TestContext.task(module("hosts", List.of(server.url("/metrics"))),
        Map.of("metrics_batch_size", 100, "max_metric_batches", 2), TIMEOUT, List.of()));
    MetricbeatCollector c = collector(capped);
    run(c);
    assertThat(metricEvents(capped)).extracting(e -> metrics(e).size()).containsExactly(100, 100);
    assertThat(named(capped, "bkm_metricbeat_endpoint_up")).hasSize(1);
    assertThat(c.counters()).containsEntry("records_dropped_max_batches", 55L);
  }

  @Test
  void customReportShapeWithLabelGroups() throws Exception {
    TestServers.Running server = serveText("m{target=\"t1\",env=\"dup\"} 1 1700000000000\n");
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics"))),
        Map.of("custom_report", true), TIMEOUT, List.of(Map.of("env", "prod"), Map.of("zone", "z1"))));
    run(collector(ctx));
    Event e = metricEvents(ctx).get(0);
    assertThat(e.fields()).containsKeys("time", "timestamp", "data");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> data = (List<Map<String, Object>>) e.fields().get("data");
    List<Map<String, Object>> m = data.stream().filter(d -> ((Map<?, ?>) d.get("metrics")).containsKey("m")).toList();
    assertThat(m).hasSize(2);
    assertThat(m.get(0)).containsEntry("target", "t1").containsEntry("timestamp", 1700000000000L)
        .containsEntry("metrics", Map.of("m", 1.0));
    assertThat((Map<String, String>) m.get(0).get("dimension")).containsEntry("env", "dup").containsEntry("exported_env", "prod");
    assertThat((Map<String, String>) m.get(1).get("dimension")).containsEntry("zone", "z1");
  }

  @Test
  void everyHostIsScrapedWithItsOwnGatherUp() throws Exception {
    TestServers.Running a = serveText("a 1\n");
    TestServers.Running b = serveText("b 1\n");
    TestContext ctx = context(TestContext.task(module("hosts", List.of(a.url("/metrics"), b.url("/metrics")))));
    run(collector(ctx));
    assertThat(named(ctx, "a")).hasSize(1);
    assertThat(named(ctx, "b")).hasSize(1);
    assertThat(ctx.events.stream().filter(e -> e.type().equals("status")).map(MetricbeatCollectorTest::gatherUpDimension)
        .map(d -> d.get("bkm_metricbeat_endpoint"))).containsExactly(a.url("/metrics"), b.url("/metrics"));
  }

  // ------------------------------------------------------------------------------------ TLS

  TestServers.Running https(KeyStore keys, boolean needClientAuth, SSLContext clientTrust) throws Exception {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    SSLContext serverContext;
    if (needClientAuth) {
      javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
          javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, TestServers.PASSWORD);
      serverContext = SSLContext.getInstance("TLS");
      javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
          javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("client", otherKeys.getCertificate("server"));
      tmf.init(trust);
      serverContext.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    } else {
      serverContext = TestServers.serverContext(keys);
    }
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = serverContext.getDefaultSSLParameters();
        p.setNeedClientAuth(needClientAuth);
        params.setSSLParameters(p);
      }
    });
    java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool();
    server.createContext("/", exchange -> {
      record(exchange);
      TestServers.respond(exchange, 200, null, "tls_ok 1\n".getBytes());
    });
    server.setExecutor(executor);
    server.start();
    TestServers.Running running = new TestServers.Running(server, executor);
    cleanup.add(running);
    return running;
  }

  @Test
  void tlsVerifiedAgainstAConfiguredCaAndRejectedWithout() throws Exception {
    TestServers.Running server = https(serverKeys, false, null);
    Path ca = TestServers.certificatePem(serverKeys, "server", tempDir.resolve("ca.pem"));
    TestContext ok = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "ssl", Map.of("certificate_authorities", List.of(ca.toString())))));
    run(collector(ok));
    assertThat(named(ok, "tls_ok")).hasSize(1);

    TestContext untrusted = context(TestContext.task(module("hosts", List.of(server.url("/metrics")))));
    run(collector(untrusted));
    assertThat(endpointUpCode(untrusted)).isEqualTo("2501");
    assertThat(named(untrusted, "tls_ok")).isEmpty();

    TestContext none = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "ssl", Map.of("verification_mode", "none"))));
    run(collector(none));
    assertThat(named(none, "tls_ok")).hasSize(1);
  }

  @Test
  void certificateModeChecksTheChainButNotTheHostName() throws Exception {
    // otherKeys' certificate names 127.0.0.2 and other.test only; we connect to 127.0.0.1.
    TestServers.Running server = https(otherKeys, false, null);
    Path ca = TestServers.certificatePem(otherKeys, "server", tempDir.resolve("other-ca.pem"));
    TestContext full = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "ssl", Map.of("certificate_authorities", List.of(ca.toString())))));
    run(collector(full));
    assertThat(endpointUpCode(full)).isEqualTo("2501");
    TestContext chainOnly = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "ssl", Map.of("certificate_authorities", List.of(ca.toString()), "verification_mode", "certificate"))));
    run(collector(chainOnly));
    assertThat(named(chainOnly, "tls_ok")).hasSize(1);
    Path wrongCa = TestServers.certificatePem(serverKeys, "server", tempDir.resolve("wrong-ca.pem"));
    TestContext wrong = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "ssl", Map.of("certificate_authorities", List.of(wrongCa.toString()), "verification_mode", "certificate"))));
    run(collector(wrong));
    assertThat(endpointUpCode(wrong)).isEqualTo("2501");
  }

  @Test
  void clientCertificateForAServerThatRequiresOne() throws Exception {
    TestServers.Running server = https(serverKeys, true, null);
    Path ca = TestServers.certificatePem(serverKeys, "server", tempDir.resolve("ca2.pem"));
    Path cert = TestServers.certificatePem(otherKeys, "server", tempDir.resolve("client.pem"));
    Path key = TestServers.keyPem(otherKeys, "server", tempDir.resolve("client.key"));
    TestContext without = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "ssl", Map.of("certificate_authorities", List.of(ca.toString())))));
    run(collector(without));
    assertThat(named(without, "tls_ok")).isEmpty();
    TestContext with = context(TestContext.task(module("hosts", List.of(server.url("/metrics")),
        "ssl", Map.of("certificate_authorities", List.of(ca.toString()), "certificate", cert.toString(),
            "key", key.toString(), "supported_protocols", List.of("TLSv1.2", "TLSv1.3")))));
    run(collector(with));
    assertThat(named(with, "tls_ok")).hasSize(1);
  }

  // --------------------------------------------------------------------------- configuration

  @Test
  void configurationErrorsNameFileAndKey() {
    assertThatThrownBy(() -> MetricbeatSettings.parse(TestContext.task(module("module", "mysql"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metricbeat.conf").hasMessageContaining("module.module");
    assertThatThrownBy(() -> MetricbeatSettings.parse(TestContext.task(module("hosts", List.of("h:1", "h:1")))))
        .hasMessageContaining("duplicates");
    assertThatThrownBy(() -> MetricbeatSettings.parse(TestContext.task(module("hosts", List.of("h:1"), "namespace", ""))))
        .hasMessageContaining("namespace");
    assertThatThrownBy(() -> MetricbeatSettings.parse(TestContext.task(module("hosts", List.of("h:1"),
        "headers", Map.of("Host", "x"))))).hasMessageContaining("headers");
    assertThatThrownBy(() -> MetricbeatSettings.parse(TestContext.task(module("hosts", List.of("h:1"),
        "ssl", Map.of("verification_mode", "sometimes"))))).hasMessageContaining("ssl.verification_mode");
    assertThatThrownBy(() -> MetricbeatSettings.parse(TestContext.task(module("hosts", List.of("h:1"),
        "ssl", Map.of("certificate_authorities", List.of("/nonexistent/ca.pem"))))))
        .hasMessageContaining("ssl.certificate_authorities").hasMessageContaining("/nonexistent/ca.pem");
    assertThatThrownBy(() -> MetricbeatSettings.parse(TestContext.task(module("hosts", List.of("h:1"),
        "ssl", Map.of("cipher_suites", List.of("ECDHE-RSA-NOPE")))))).hasMessageContaining("cipher_suites");
    assertThatThrownBy(() -> MetricbeatSettings.parse(TestContext.task(module("hosts", List.of("h:1"),
        "metric_relabel_configs", List.of(Map.of("action", "rate", "source_labels", List.of("x"))))))).hasMessageContaining("rate");
    var noModule = new TaskSpec("metricbeat", "i", 1, 1, 1, Duration.ofMinutes(1), TIMEOUT, TIMEOUT, List.of(),
        io.bkmonitorbeat.api.Settings.of("f.conf", "tasks[0]", Map.of()), io.bkmonitorbeat.api.Settings.empty(),
        new TaskSpec.Source("f.conf", "", ""));
    assertThatThrownBy(() -> MetricbeatSettings.parse(noModule)).hasMessageContaining("no task found");
  }

  @Test
  void timeoutDefaultsToTheTaskTimeoutG14() {
    MetricbeatSettings s = MetricbeatSettings.parse(TestContext.task(module("hosts", List.of("h:1")), Map.of(),
        Duration.ofSeconds(7), List.of()));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(7));
    MetricbeatSettings explicit = MetricbeatSettings.parse(TestContext.task(module("hosts", List.of("h:1"),
        "timeout", "2s")));
    assertThat(explicit.timeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void closeEndsTheCollectorsThreads() throws Exception {
    TestServers.Running server = serveText("a 1\n");
    TestContext ctx = context(TestContext.task(module("hosts", List.of(server.url("/metrics")))));
    MetricbeatCollector c = new MetricbeatCollector(ctx, MetricbeatSettings.parse(ctx.task()));
    run(c);
    c.close();
    for (Thread t : ctx.threads) {
      t.join(2000);
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
  }
}

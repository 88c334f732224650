package io.bkmonitorbeat.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.probe.NameResolver;
import io.bkmonitorbeat.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpCollectorTest {
  // Generous: on a loaded 2-core machine a TLS handshake alone has taken 3 s. Tests of timeouts
  // use their own, shorter durations.
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final NameResolver TEST_DNS = domain -> switch (domain) {
    case "probe.test", "other.test" -> List.of(InetAddress.getByName("127.0.0.1"));
    default -> throw new UnknownHostException(domain);
  };

  @TempDir static Path tempDir;
  private static KeyStore keyStore;

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @BeforeAll
  static void certificate() throws Exception {
    keyStore = TestServers.selfSigned(tempDir, "dns:probe.test,ip:127.0.0.1", 30);
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable closeable : cleanup) {
      closeable.close();
    }
  }

  private TestServers.Running server(com.sun.net.httpserver.HttpHandler handler) throws Exception {
    TestServers.Running server = TestServers.http(handler);
    cleanup.add(server);
    return server;
  }

  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** A task with the given steps; extra task keys follow. */
  private static Map<String, Object> task(List<Map<String, Object>> steps, Object... keyValues) {
    Map<String, Object> task = map(keyValues);
    task.put("steps", steps);
    return task;
  }

  private static Map<String, Object> get(String url, Object... keyValues) {
    Map<String, Object> step = map(keyValues);
    step.put("url", url);
    return step;
  }

  private List<Event> run(Map<String, Object> settings) throws Exception {
    return run(settings, TIMEOUT, TIMEOUT, List.of(), Tls.system());
  }

  private List<Event> run(Map<String, Object> settings, Duration timeout, Duration available,
      List<Map<String, String>> labels, Tls tls) throws Exception {
    TestContext context = new TestContext(TestContext.task(settings, timeout, available, labels));
    PolledCollector collector =
        new HttpCollector(context, HttpSettings.parse(context.task()), TEST_DNS, tls);
    cleanup.add(collector);
    collector.collect(Instant.now().plus(timeout));
    return List.copyOf(context.events);
  }

  private static Event single(List<Event> events) {
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static Event single(Map<String, Object> settings, HttpCollectorTest test)
      throws Exception {
    return single(test.run(settings));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void getSucceedsWithAllFields() throws Exception {
    TestServers.Running server = server(exchange ->
        TestServers.respond(exchange, 200, "text/plain; charset=UTF-8", utf8("hello")));
    String url = server.url("/health");
    Event event = single(task(List.of(get(url))), this);
    assertThat(event.type()).isEqualTo("http");
    assertThat(event.fields())
        .containsEntry("dataid", 1011).containsEntry("task_id", 31).containsEntry("bk_biz_id", 2)
        .containsEntry("task_type", "http").containsEntry("status", 0)
        .containsEntry("error_code", 0).containsEntry("available", 1.0)
        .containsEntry("url", url).containsEntry("steps", 1).containsEntry("method", "GET")
        .containsEntry("response_code", 200).containsEntry("message", "200 OK")
        .containsEntry("charset", "UTF-8").containsEntry("content_length", 5L)
        .containsEntry("media_type", "text/plain").containsEntry("resolved_ip", "127.0.0.1")
        .containsEntry("group_info", List.of())
        .containsKeys("timestamp", "task_duration")
        .doesNotContainKeys("cert_expire_days", "cert_expire_seconds");
  }

  @Test
  void phaseTimingsArePresentAndPlausible() throws Exception {
    TestServers.Running server = server(exchange -> {
      sleep(150);
      TestServers.respond(exchange, 200, null, utf8("slow"));
    });
    Event event = single(task(List.of(get(server.url("/"), "response", "slow"))), this);
    Map<String, Object> f = event.fields();
    assertThat(f).containsEntry("status", 0);
    double dns = (Double) f.get("dns_ms");
    double connect = (Double) f.get("connect_ms");
    double tls = (Double) f.get("tls_ms");
    double firstByte = (Double) f.get("first_byte_ms");
    double total = (Double) f.get("total_ms");
    assertThat(dns).isGreaterThanOrEqualTo(0.0);
    assertThat(connect).isGreaterThanOrEqualTo(0.0).isLessThan(firstByte);
    assertThat(tls).isEqualTo(0.0);
    assertThat(firstByte).isGreaterThanOrEqualTo(140.0).isLessThanOrEqualTo(total);
    assertThat(total).isLessThan(3000.0);
    assertThat(((Number) f.get("task_duration")).longValue()).isGreaterThanOrEqualTo(140L);
  }

  @Test
  void statusCodeNotAcceptedIs1202AndConfiguredCodesAreAccepted() throws Exception {
    TestServers.Running server = server(exchange ->
        TestServers.respond(exchange, 404, null, utf8("missing")));
    Event rejected = single(task(List.of(get(server.url("/x")))), this);
    assertThat(rejected.fields()).containsEntry("status", 1).containsEntry("error_code", 1202)
        .containsEntry("available", 0.0).containsEntry("response_code", 404)
        .containsEntry("message", "404 Not Found");

    cleanup.clear();
    cleanup.add(server);
    Event accepted = single(task(List.of(get(server.url("/x"), "response_code", "200, 404,x"))), this);
    assertThat(accepted.fields()).containsEntry("status", 0).containsEntry("error_code", 0);
    Event fromList = single(task(List.of(get(server.url("/x"), "response_code", "200",
        "response_code_list", List.of(404)))), this);
    assertThat(fromList.fields()).containsEntry("error_code", 0);
    Event onlyOther = single(task(List.of(get(server.url("/x"), "response_code", "200"))), this);
    assertThat(onlyOther.fields()).containsEntry("error_code", 1202);
  }

  @Test
  void anyTwoHundredIsAcceptedByDefault() throws Exception {
    TestServers.Running server = server(exchange ->
        TestServers.respond(exchange, 201, null, utf8("made")));
    assertThat(single(task(List.of(get(server.url("/")))), this).fields())
        .containsEntry("error_code", 0).containsEntry("response_code", 201);
    assertThat(single(task(List.of(get(server.url("/"), "response_code", "200"))), this)
        .fields()).containsEntry("error_code", 1202);
  }

  @Test
  void bodyMatchFunctions() throws Exception {
    TestServers.Running server = server(exchange ->
        TestServers.respond(exchange, 200, "application/json", utf8("{\"state\":\"up\",\"n\":42}")));
    String url = server.url("/");
    Object[][] cases = {
        {"eq", "{\"state\":\"up\",\"n\":42}", 0}, {"eq", "{\"state\"", 1202},
        {"startswith", "{\"state\"", 0}, {"endswith", "42}", 0}, {"in", "\"up\"", 0},
        {"nin", "\"down\"", 0}, {"nin", "\"up\"", 1202}, {"reg", "\"n\":\\d+", 0},
        {"reg", "\"n\":[a-z]+", 1202}, {"wildcard", "*\"up\"*", 0}, {"nq", "x", 0},
        {"raw|in", "state", 0}, {"hex|in", "7570", 0},
    };
    for (Object[] c : cases) {
      context(c, single(task(List.of(get(url, "response_format", c[0], "response", c[1]))), this));
    }
  }

  private static void context(Object[] c, Event event) {
    assertThat(event.fields()).as("%s %s", c[0], c[1]).containsEntry("error_code", c[2]);
  }

  @Test
  void chunkedBodiesAreDecoded() throws Exception {
    TestServers.Running server = server(exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(200, 0); // chunked
        for (int i = 0; i < 3; i++) {
          exchange.getResponseBody().write(utf8("part" + i + ";"));
          exchange.getResponseBody().flush();
        }
      }
    });
    assertThat(single(task(List.of(get(server.url("/"), "response", "part0;part1;part2;",
        "response_format", "eq"))), this).fields()).containsEntry("error_code", 0)
        .containsEntry("content_length", 0L);
  }

  @Test
  void gzipBodiesAreDecoded() throws Exception {
    TestServers.Running server = server(exchange -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
        gzip.write(utf8("compressed hello"));
      }
      assertThat(exchange.getRequestHeaders().getFirst("Accept-Encoding")).isEqualTo("gzip");
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      TestServers.respond(exchange, 200, "text/plain", bytes.toByteArray());
    });
    assertThat(single(task(List.of(get(server.url("/"), "response", "compressed hello",
        "response_format", "eq"))), this).fields()).containsEntry("error_code", 0);
  }

  @Test
  void brokenGzipIs1200() throws Exception {
    TestServers.Running server = server(exchange -> {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      TestServers.respond(exchange, 200, "text/plain", utf8("not gzip at all"));
    });
    assertThat(single(task(List.of(get(server.url("/"), "response", "x"))), this).fields())
        .containsEntry("error_code", 1200).containsEntry("status", 1);
  }

  @Test
  void bodyInTheResponseCharsetIsDecodedBeforeMatching() throws Exception {
    Charset gbk = Charset.forName("GBK");
    TestServers.Running server = server(exchange ->
        TestServers.respond(exchange, 200, "text/html; Charset=gbk", "状态正常".getBytes(gbk)));
    Event event = single(task(List.of(get(server.url("/"), "response", "正常",
        "response_format", "endswith"))), this);
    assertThat(event.fields()).containsEntry("error_code", 0).containsEntry("charset", "gbk")
        .containsEntry("media_type", "text/html");
  }

  @Test
  void redirectsAreFollowedAndTheFinalResponseEvaluated() throws Exception {
    BlockingQueue<String> seen = new ArrayBlockingQueue<>(16);
    TestServers.Running server = server(exchange -> {
      String path = exchange.getRequestURI().getPath();
      seen.add(exchange.getRequestMethod() + " " + path + " "
          + exchange.getRequestHeaders().getFirst("Cookie"));
      switch (path) {
        case "/start" -> {
          exchange.getResponseHeaders().add("Set-Cookie", "session=abc; Path=/");
          exchange.getResponseHeaders().set("Location", "/middle");
          TestServers.respond(exchange, 303, null, new byte[0]);
        }
        case "/middle" -> {
          exchange.getResponseHeaders().set("Location", "http://probe.test:"
              + exchange.getLocalAddress().getPort() + "/final");
          TestServers.respond(exchange, 302, null, new byte[0]);
        }
        case "/loop" -> {
          exchange.getResponseHeaders().set("Location", "/loop");
          TestServers.respond(exchange, 302, null, new byte[0]);
        }
        default -> TestServers.respond(exchange, 200, null, utf8("arrived"));
      }
    });
    Event event = single(task(List.of(get(server.url("/start"), "method", "POST",
        "request", "payload", "response", "arrived", "response_format", "eq"))), this);
    assertThat(event.fields()).containsEntry("error_code", 0).containsEntry("response_code", 200)
        .containsEntry("url", server.url("/start"));
    assertThat(List.of(seen.poll(1, TimeUnit.SECONDS), seen.poll(1, TimeUnit.SECONDS),
        seen.poll(1, TimeUnit.SECONDS))).containsExactly("POST /start null",
        "GET /middle session=abc", "GET /final session=abc");

    Event loop = single(task(List.of(get(server.url("/loop")))), this);
    assertThat(loop.fields()).containsEntry("error_code", 1200).containsEntry("status", 1)
        .containsEntry("message", "stopped after 10 redirects");
  }

  @Test
  void failingSecondStepReportsStatusTwo() throws Exception {
    TestServers.Running server = server(exchange -> TestServers.respond(exchange,
        exchange.getRequestURI().getPath().equals("/ok") ? 200 : 500, null, utf8("x")));
    List<Event> events = run(task(List.of(get(server.url("/ok")), get(server.url("/bad")),
        get(server.url("/ok")))));
    assertThat(events).hasSize(3);
    assertThat(events.get(0).fields()).containsEntry("status", 0).containsEntry("steps", 3);
    assertThat(events.get(1).fields()).containsEntry("status", 2).containsEntry("error_code", 1202)
        .containsEntry("url", server.url("/bad"));
    assertThat(events.get(2).fields()).containsEntry("status", 0);
  }

  @Test
  void connectsToTheResolvedAddressWithTheUrlHostInTheHostHeader() throws Exception {
    BlockingQueue<String> hosts = new ArrayBlockingQueue<>(4);
    TestServers.Running server = server(exchange -> {
      hosts.add(exchange.getRequestHeaders().getFirst("Host"));
      TestServers.respond(exchange, 200, null, utf8("ok"));
    });
    // probe.test resolves only through the task's resolver: the connection is pinned (G-2).
    String url = "http://probe.test:" + server.port() + "/";
    Event event = single(task(List.of(get(url)), "dns_check_mode", "all"), this);
    assertThat(event.fields()).containsEntry("error_code", 0)
        .containsEntry("resolved_ip", "127.0.0.1").containsEntry("url", url);
    assertThat(hosts.poll(1, TimeUnit.SECONDS)).isEqualTo("probe.test:" + server.port());
  }

  @Test
  void headersBase64AndRequestBodiesAreSent() throws Exception {
    BlockingQueue<String> seen = new ArrayBlockingQueue<>(4);
    TestServers.Running server = server(exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      seen.add(exchange.getRequestMethod() + "|" + exchange.getRequestHeaders().getFirst("X-Token")
          + "|" + exchange.getRequestHeaders().getFirst("Host") + "|" + new String(body,
          StandardCharsets.ISO_8859_1) + "|" + exchange.getRequestHeaders().getFirst("Accept-Charset"));
      TestServers.respond(exchange, 200, null, body);
    });
    Event event = single(task(List.of(get(server.url("/echo"), "method", "PUT",
        "headers", Map.of("X-Token", "base64://YTogYiAjIGM", "Host", "virtual.example"),
        "request", "cafe01", "request_format", "hex",
        "response", "base64://yv4B", "response_format", "eq"))), this);
    assertThat(event.fields()).containsEntry("error_code", 0).containsEntry("method", "PUT");
    assertThat(seen.poll(1, TimeUnit.SECONDS))
        .isEqualTo("PUT|a: b # c|virtual.example|\u00ca\u00fe\u0001|utf-8");
  }

  @Test
  void httpsReportsTheCertificateExpiryAndTlsTime() throws Exception {
    TestServers.Running server =
        TestServers.https(TestServers.serverContext(keyStore), exchange ->
            TestServers.respond(exchange, 200, null, utf8("secure")));
    cleanup.add(server);
    Event event = single(run(task(List.of(get(server.url("/"), "response", "secure")),
        "insecure_skip_verify", true), TIMEOUT, TIMEOUT, List.of(), Tls.system()));
    assertThat(event.fields()).containsEntry("error_code", 0).containsEntry("status", 0);
    assertThat((Long) event.fields().get("cert_expire_days")).isBetween(28L, 30L);
    assertThat((Long) event.fields().get("cert_expire_seconds"))
        .isBetween(29L * 86_400, 30L * 86_400 + 60);
    assertThat((Double) event.fields().get("tls_ms")).isGreaterThan(0.0);
  }

  @Test
  void httpsIsVerifiedAgainstTheUrlHostWithSniWhileConnectingToTheResolvedAddress()
      throws Exception {
    BlockingQueue<String> hosts = new ArrayBlockingQueue<>(4);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    SSLContext serverContext = TestServers.serverContext(keyStore);
    https.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters parameters = serverContext.getDefaultSSLParameters();
        // Only a client naming probe.test in its SNI gets through.
        parameters.setSNIMatchers(List.of(SNIHostName.createSNIMatcher("probe\\.test")));
        params.setSSLParameters(parameters);
      }
    });
    java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool();
    https.setExecutor(executor);
    https.createContext("/", exchange -> {
      hosts.add(exchange.getRequestHeaders().getFirst("Host"));
      TestServers.respond(exchange, 200, null, utf8("ok"));
    });
    https.start();
    TestServers.Running server = new TestServers.Running(https, executor);
    cleanup.add(server);
    Tls trusting = Tls.verifyingWith(TestServers.trusting(keyStore));

    Event good = single(run(task(List.of(get("https://probe.test:" + server.port() + "/"))),
        TIMEOUT, TIMEOUT, List.of(), trusting));
    assertThat(good.fields()).containsEntry("error_code", 0)
        .containsEntry("resolved_ip", "127.0.0.1").containsKey("cert_expire_days");
    assertThat(hosts.poll(1, TimeUnit.SECONDS)).isEqualTo("probe.test:" + server.port());

    // other.test resolves to the same address, but the certificate does not name it.
    Event wrongName = single(run(task(List.of(get("https://other.test:" + server.port() + "/"))),
        TIMEOUT, TIMEOUT, List.of(), trusting));
    assertThat(wrongName.fields()).containsEntry("error_code", 1200).containsEntry("status", 1);
    assertThat((String) wrongName.fields().get("message")).startsWith("TLS handshake");

    // Without a trust store entry the self-signed certificate is refused, unless skipped.
    Event untrusted = single(run(task(List.of(get("https://probe.test:" + server.port() + "/"))),
        TIMEOUT, TIMEOUT, List.of(), Tls.system()));
    assertThat(untrusted.fields()).containsEntry("error_code", 1200);
  }

  @Test
  void slowServerIsRequestTimeout1101() throws Exception {
    TestServers.Running server = server(exchange -> {
      sleep(2_000);
      TestServers.respond(exchange, 200, null, utf8("late"));
    });
    Instant start = Instant.now();
    Event event = single(run(task(List.of(get(server.url("/")))), Duration.ofMillis(500),
        Duration.ofMillis(500), List.of(), Tls.system()));
    assertThat(event.fields()).containsEntry("error_code", 1101).containsEntry("status", 1);
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  void interruptEndsTheRunPromptlyWithoutAnEvent() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    cleanup.add(release::countDown);
    TestServers.Running server = server(exchange -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      TestServers.respond(exchange, 200, null, utf8("late"));
    });
    TestContext context = new TestContext(TestContext.task(task(List.of(get(server.url("/")))),
        Duration.ofSeconds(5), Duration.ofSeconds(5), List.of()));
    PolledCollector collector = (PolledCollector) new HttpCollectorProvider().create(context);
    cleanup.add(0, collector);
    BlockingQueue<Throwable> outcome = new ArrayBlockingQueue<>(1);
    Thread worker = new Thread(() -> {
      try {
        collector.collect(Instant.now().plusSeconds(5));
        outcome.add(new AssertionError("collect returned normally"));
      } catch (Throwable t) {
        outcome.add(t);
      }
    });
    worker.start();
    Thread.sleep(300);
    long begin = System.nanoTime();
    worker.interrupt();
    Throwable thrown = outcome.poll(2, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(1));
    assertThat(thrown).isInstanceOf(InterruptedException.class);
    assertThat(context.events).isEmpty();
  }

  @Test
  void slowerThanAvailableDurationIsCode3() throws Exception {
    TestServers.Running server = server(exchange -> {
      sleep(200);
      TestServers.respond(exchange, 200, null, utf8("ok"));
    });
    Event event = single(run(task(List.of(get(server.url("/")))), TIMEOUT,
        Duration.ofMillis(50), List.of(), Tls.system()));
    assertThat(event.fields()).containsEntry("error_code", 3).containsEntry("status", 1);
  }

  @Test
  void refusedConnectionIs1000() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    Event event = single(task(List.of(get("127.0.0.1:" + port + "/"))), this);
    assertThat(event.fields()).containsEntry("error_code", 1000).containsEntry("status", 1)
        .containsEntry("url", "127.0.0.1:" + port + "/");
  }

  @Test
  void invalidUrlsAndUnresolvedHostsFailWithTheOneBasedStepNumber() throws Exception {
    TestServers.Running server = server(exchange ->
        TestServers.respond(exchange, 200, null, utf8("ok")));
    List<Event> events = run(task(List.of(
        Map.of("url_list", List.of("http://bad host:80/", "httpx://x/", server.url("/"))),
        get("http://nowhere.invalid/"))));
    assertThat(events).hasSize(4);
    assertThat(events.get(0).fields()).containsEntry("status", 1).containsEntry("error_code", 1213)
        .containsEntry("url", "http://bad host:80/").containsEntry("resolved_ip", "");
    assertThat(events.get(1).fields()).containsEntry("status", 1).containsEntry("error_code", 1213);
    assertThat(events.get(2).fields()).containsEntry("status", 0);
    // G-3: the DNS failure of step 2 has status 2, not the 0-based index 1.
    assertThat(events.get(3).fields()).containsEntry("status", 2).containsEntry("error_code", 1004)
        .containsEntry("available", 0.0);
  }

  @Test
  void familyFilterWithoutMatchingAddressIs1211() throws Exception {
    Event event = single(task(List.of(get("http://probe.test/")), "target_ip_type", 6), this);
    assertThat(event.fields()).containsEntry("error_code", 1211).containsEntry("status", 1);
  }

  @Test
  void customReportEmitsTheTimeSeriesShapePerLabelGroup() throws Exception {
    TestServers.Running server = server(exchange ->
        TestServers.respond(exchange, 200, "text/plain", utf8("ok")));
    List<Event> events = run(task(List.of(get(server.url("/"))), "custom_report", true),
        TIMEOUT, TIMEOUT, List.of(Map.of("env", "prod"), Map.of("env", "test")), Tls.system());
    Event event = single(events);
    assertThat(event.fields()).containsKeys("dataid", "time", "timestamp", "data")
        .doesNotContainKeys("status", "not_uptimecheck");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> data = (List<Map<String, Object>>) event.fields().get("data");
    assertThat(data).hasSize(2);
    assertThat(data.get(0)).containsEntry("target", server.url("/"));
    @SuppressWarnings("unchecked")
    Map<String, String> dimension = (Map<String, String>) data.get(0).get("dimension");
    assertThat(dimension).containsEntry("url", server.url("/")).containsEntry("method", "GET")
        .containsEntry("response_code", "200").containsEntry("message", "200 OK")
        .containsEntry("error_code", "0").containsEntry("media_type", "text/plain")
        .containsEntry("resolved_ip", "127.0.0.1").containsEntry("status", "0")
        .containsEntry("task_id", "31").containsEntry("task_type", "http")
        .containsEntry("bk_biz_id", "2").containsEntry("node_id", TestContext.HOST.nodeId())
        .containsEntry("env", "prod");
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = (Map<String, Object>) data.get(0).get("metrics");
    assertThat(metrics).containsEntry("available", 1.0).containsKey("task_duration");
  }

  @Test
  void proxyGetsAbsoluteFormRequests() throws Exception {
    BlockingQueue<String> seen = new ArrayBlockingQueue<>(4);
    TestServers.Running proxy = server(exchange -> {
      seen.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Proxy-Authorization"));
      TestServers.respond(exchange, 200, null, utf8("via proxy"));
    });
    Event event = single(task(List.of(get("http://probe.test:81/path?q=1", "response", "via")),
        "proxy", "http://user:pw@127.0.0.1:" + proxy.port()), this);
    assertThat(event.fields()).containsEntry("error_code", 0);
    assertThat(seen.poll(1, TimeUnit.SECONDS))
        .isEqualTo("http://probe.test:81/path?q=1 Basic dXNlcjpwdw==");
  }

  @Test
  void httpsGoesThroughTheProxyWithConnect() throws Exception {
    TestServers.Running server =
        TestServers.https(TestServers.serverContext(keyStore), exchange ->
            TestServers.respond(exchange, 200, null, utf8("tunnelled")));
    cleanup.add(server);
    BlockingQueue<String> seen = new ArrayBlockingQueue<>(4);
    ServerSocket proxy = new ServerSocket(0, 4, InetAddress.getByName("127.0.0.1"));
    cleanup.add(proxy);
    Thread proxyThread = new Thread(() -> {
      try (java.net.Socket client = proxy.accept();
          java.net.Socket upstream = new java.net.Socket("127.0.0.1", server.port())) {
        InputStream in = client.getInputStream();
        String line = BodyStreams.readLine(in);
        seen.add(line);
        while (!BodyStreams.readLine(in).isEmpty()) {
          // headers
        }
        client.getOutputStream().write(utf8("HTTP/1.1 200 Connection established\r\n\r\n"));
        Thread back = new Thread(() -> {
          try {
            upstream.getInputStream().transferTo(client.getOutputStream());
          } catch (java.io.IOException e) {
            // closed
          }
        });
        back.start();
        in.transferTo(upstream.getOutputStream());
        back.join(2_000);
      } catch (Exception e) {
        // test ends
      }
    });
    proxyThread.start();
    Event event = single(run(task(List.of(get("https://probe.test:" + server.port() + "/",
        "response", "tunnelled")), "proxy", "127.0.0.1:" + proxy.getLocalPort()),
        TIMEOUT, TIMEOUT, List.of(), Tls.verifyingWith(TestServers.trusting(keyStore))));
    assertThat(event.fields()).containsEntry("error_code", 0).containsKey("cert_expire_days");
    assertThat(seen.poll(1, TimeUnit.SECONDS))
        .isEqualTo("CONNECT probe.test:" + server.port() + " HTTP/1.1");
    proxyThread.join(3_000);
  }

  @Test
  void base64RawRequestBodiesKeepBinaryBytes() throws Exception {
    BlockingQueue<byte[]> seen = new ArrayBlockingQueue<>(4);
    TestServers.Running server = server(exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      seen.add(body);
      TestServers.respond(exchange, 200, null, body);
    });
    Event event = single(task(List.of(get(server.url("/"), "method", "POST",
        "request", "base64://AP/+", "response", "base64://AP8", "response_format", "startswith"))),
        this);
    assertThat(event.fields()).containsEntry("error_code", 0);
    assertThat(seen.poll(1, TimeUnit.SECONDS)).containsExactly(0x00, 0xff, 0xfe);
  }

  @Test
  void badSettingsNameTheKeyAndValue() {
    assertThatThrownBy(() -> parse(map()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tasks[0].steps:");
    assertThatThrownBy(() -> parse(task(List.of(map("method", "GET")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("steps[0].url:");
    assertThatThrownBy(() -> parse(task(List.of(get("http://x/", "method", "GE T")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("steps[0].method:")
        .hasMessageContaining("'GE T'");
    assertThatThrownBy(() -> parse(task(List.of(get("http://x/", "response_format", "nope")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("steps[0].response_format:");
    assertThatThrownBy(() -> parse(task(List.of(get("http://x/", "request", "zz",
        "request_format", "hex"))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("steps[0].request:");
    assertThatThrownBy(() -> parse(task(List.of(get("http://x/", "response_code_list",
        List.of("abc")))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("steps[0].response_code_list:");
    assertThatThrownBy(() -> parse(task(List.of(get("http://x/")), "proxy", "socks5://p:1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tasks[0].proxy:");
    assertThatThrownBy(() -> parse(task(List.of(get("http://x/")), "dns_check_mode", "some")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tasks[0].dns_check_mode:");
    assertThatThrownBy(() -> parse(task(List.of(get("http://x/",
        "headers", Map.of("X-A", "base64://YQpi")))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("line break");
  }

  private static void parse(Map<String, Object> settings) {
    new HttpCollectorProvider().create(
        new TestContext(TestContext.task(settings, TIMEOUT, TIMEOUT, List.of())));
  }

  @Test
  void closeStopsThePoolThreads() throws Exception {
    TestServers.Running server = server(exchange ->
        TestServers.respond(exchange, 200, null, utf8("ok")));
    TestContext context = new TestContext(TestContext.task(
        task(List.of(Map.of("url_list", List.of(server.url("/a"), server.url("/b"))))),
        TIMEOUT, TIMEOUT, List.of()));
    PolledCollector collector = (PolledCollector) new HttpCollectorProvider().create(context);
    collector.collect(Instant.now().plus(TIMEOUT));
    assertThat(context.events).hasSize(2);
    assertThat(context.threadNames).isNotEmpty().allMatch(name -> name.startsWith("collector-http-31-probe-"));
    collector.close();
    for (Thread thread : context.threads) {
      thread.join(2_000);
      assertThat(thread.isAlive()).as(thread.getName()).isFalse();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("unused")
  private static byte[] readAll(InputStream in) throws java.io.IOException {
    return in.readAllBytes();
  }
}

package io.bkmonitorbeat.plugin.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.probe.NameResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpCollectorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable closeable : cleanup) {
      closeable.close();
    }
  }

  private LoopbackServer server(String address, LoopbackServer.Handler handler) throws IOException {
    LoopbackServer server = new LoopbackServer(address, handler);
    cleanup.add(server);
    return server;
  }

  private static Map<String, Object> settings(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private TestContext context(Map<String, Object> settings, Duration timeout, Duration available) {
    return new TestContext(TestContext.task(settings, timeout, available, List.of()));
  }

  private List<Event> run(TestContext context) throws Exception {
    return run(context, (PolledCollector) new TcpCollectorProvider().create(context));
  }

  private List<Event> run(TestContext context, PolledCollector collector) throws Exception {
    cleanup.add(collector);
    collector.collect(Instant.now().plus(context.task().timeout()));
    return List.copyOf(context.events);
  }

  private static Event single(List<Event> events) {
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static byte[] readSome(Socket socket) throws IOException {
    byte[] buffer = new byte[256];
    InputStream in = socket.getInputStream();
    int n = in.read(buffer);
    return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
  }

  @Test
  void connectOnlySucceedsWithTheBaseFields() throws Exception {
    LoopbackServer server = server("127.0.0.1", socket -> readSome(socket));
    Event event = single(run(context(
        settings("target_host", "127.0.0.1", "target_port", server.port()), TIMEOUT, TIMEOUT)));
    assertThat(event.type()).isEqualTo("tcp");
    assertThat(event.fields())
        .containsEntry("dataid", 1009).containsEntry("task_id", 31).containsEntry("bk_biz_id", 2)
        .containsEntry("task_type", "tcp").containsEntry("status", 0)
        .containsEntry("error_code", 0).containsEntry("available", 1.0)
        .containsEntry("target_host", "127.0.0.1").containsEntry("target_port", server.port())
        .containsEntry("resolved_ip", "127.0.0.1").containsEntry("group_info", List.of())
        .containsKeys("timestamp", "task_duration");
  }

  @Test
  void requestIsSentAndResponseMatches() throws Exception {
    BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
    LoopbackServer server = server("127.0.0.1", socket -> {
      String request = new String(readSome(socket), StandardCharsets.UTF_8);
      received.add(request);
      socket.getOutputStream().write(("+OK " + request).getBytes(StandardCharsets.UTF_8));
    });
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "request", "PING\n", "response", "+OK PING", "response_format", "startswith"),
        TIMEOUT, TIMEOUT)));
    assertThat(event.fields()).containsEntry("status", 0).containsEntry("error_code", 0);
    assertThat(received.poll(1, TimeUnit.SECONDS)).isEqualTo("PING\n");
  }

  @Test
  void responseMismatchIs1202() throws Exception {
    LoopbackServer server = server("127.0.0.1",
        socket -> socket.getOutputStream().write("-ERR nope".getBytes(StandardCharsets.UTF_8)));
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "response", "+OK"), TIMEOUT, TIMEOUT)));
    assertThat(event.fields()).containsEntry("status", 1).containsEntry("error_code", 1202)
        .containsEntry("available", 0.0);
  }

  @Test
  void hexRequestAndHexPrefixedResponse() throws Exception {
    BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(4);
    LoopbackServer server = server("127.0.0.1", socket -> {
      received.add(readSome(socket));
      socket.getOutputStream().write(new byte[] {0x01, (byte) 0xfe, 0x7f, 0x00});
    });
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "request", "cafe00", "request_format", "hex",
        "response", "01fe", "response_format", "hex|startswith"), TIMEOUT, TIMEOUT)));
    assertThat(event.fields()).containsEntry("error_code", 0);
    assertThat(received.poll(1, TimeUnit.SECONDS)).containsExactly(0xca, 0xfe, 0x00);
  }

  @Test
  void eofWithoutDataIsAcceptedAndMatched() throws Exception {
    LoopbackServer server = server("127.0.0.1", socket -> socket.shutdownOutput());
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "response", "x", "response_format", "nq"), TIMEOUT, TIMEOUT)));
    assertThat(event.fields()).containsEntry("error_code", 0);
  }

  @Test
  void refusedPortIs1000() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    Event event = single(run(context(
        settings("target_host", "127.0.0.1", "target_port", port), TIMEOUT, TIMEOUT)));
    assertThat(event.fields()).containsEntry("status", 1).containsEntry("error_code", 1000)
        .containsEntry("resolved_ip", "127.0.0.1");
  }

  @Test
  void connectTimeoutIs1001() throws Exception {
    ServerSocket neverAccepts = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    cleanup.add(neverAccepts);
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", neverAccepts.getLocalPort());
    for (int i = 0; i < 8; i++) { // fill the accept queue; further SYNs are dropped
      SocketChannel filler = SocketChannel.open();
      cleanup.add(filler);
      filler.configureBlocking(false);
      filler.connect(address);
    }
    Thread.sleep(100); // let the kernel settle the fillers' handshakes
    long begin = System.nanoTime();
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        neverAccepts.getLocalPort()), Duration.ofMillis(700), Duration.ofMillis(700))));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
    assumeThat(event.fields().get("error_code"))
        .as("the kernel completed the handshake despite the full backlog; cannot provoke a"
            + " connect timeout on this host")
        .isEqualTo(1001);
    assertThat(elapsed).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void silentServerIsReadTimeout1101() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    cleanup.add(release::countDown);
    LoopbackServer server = server("127.0.0.1", socket -> release.await(10, TimeUnit.SECONDS));
    long begin = System.nanoTime();
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "response", "+OK"), Duration.ofMillis(500), Duration.ofMillis(500))));
    assertThat(event.fields()).containsEntry("status", 1).containsEntry("error_code", 1101);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void interruptEndsTheRunPromptlyWithoutAnEvent() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    cleanup.add(release::countDown);
    LoopbackServer server = server("127.0.0.1", socket -> release.await(10, TimeUnit.SECONDS));
    TestContext context = context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "response", "+OK"), Duration.ofSeconds(5), Duration.ofSeconds(5));
    PolledCollector collector = (PolledCollector) new TcpCollectorProvider().create(context);
    cleanup.add(collector);
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
    LoopbackServer server = server("127.0.0.1", socket -> {
      Thread.sleep(300);
      socket.getOutputStream().write("+OK".getBytes(StandardCharsets.UTF_8));
    });
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "response", "+OK"), TIMEOUT, Duration.ofMillis(100))));
    assertThat(event.fields()).containsEntry("status", 1).containsEntry("error_code", 3)
        .containsEntry("available", 0.0);
    assertThat((Long) event.fields().get("task_duration")).isGreaterThanOrEqualTo(300L);
  }

  @Test
  void ipv6Loopback() throws Exception {
    LoopbackServer server;
    try {
      server = server("::1", socket -> socket.getOutputStream().write('!'));
    } catch (IOException e) {
      assumeThat(e).as("IPv6 loopback unavailable: " + e).isNull();
      return;
    }
    Event event = single(run(context(settings("target_host", "[::1]", "target_port",
        server.port(), "response", "!", "target_ip_type", 6), TIMEOUT, TIMEOUT)));
    assertThat(event.fields()).containsEntry("error_code", 0).containsEntry("target_host", "[::1]")
        .containsEntry("resolved_ip", "::1");
  }

  @Test
  void severalTargetsAreProbedInParallelOnContextThreads() throws Exception {
    LoopbackServer server = server("127.0.0.1", socket -> {
      Thread.sleep(600);
      socket.getOutputStream().write("+OK".getBytes(StandardCharsets.UTF_8));
    });
    TestContext context = context(settings("target_host_list",
        List.of("127.0.0.1", "127.0.0.1:1", "127.0.0.1:2"), "target_host", "ignored.invalid",
        "target_port", server.port(), "response", "+OK"), Duration.ofSeconds(3),
        Duration.ofSeconds(3));
    long begin = System.nanoTime();
    List<Event> events = run(context);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofMillis(1500));
    assertThat(events).hasSize(3).allSatisfy(
        event -> assertThat(event.fields()).containsEntry("error_code", 0));
    assertThat(events).extracting(event -> event.fields().get("target_host"))
        .containsExactlyInAnyOrder("127.0.0.1", "127.0.0.1:1", "127.0.0.1:2");
    assertThat(context.threadNames).isNotEmpty()
        .allMatch(name -> name.startsWith("collector-tcp-31-probe-"));
  }

  @Test
  void closeStopsThePoolThreads() throws Exception {
    LoopbackServer server = server("127.0.0.1", socket -> readSome(socket));
    TestContext context = context(settings("target_host_list", List.of("127.0.0.1", "127.0.0.1:9"),
        "target_port", server.port()), TIMEOUT, TIMEOUT);
    Collector collector = new TcpCollectorProvider().create(context);
    ((PolledCollector) collector).collect(Instant.now().plus(TIMEOUT));
    assertThat(context.events).hasSize(2);
    collector.close();
    collector.close(); // idempotent
    for (Thread thread : context.threads) {
      thread.join(1000);
      assertThat(thread.isAlive()).as(thread.getName()).isFalse();
    }
  }

  @Test
  void unresolvedHostsGiveOneFailureEachAndAreNotProbed() throws Exception {
    LoopbackServer server = server("127.0.0.1", socket -> readSome(socket));
    NameResolver dns = domain -> switch (domain) {
      case "v4only.test" -> List.of(InetAddress.getByName("127.0.0.1"));
      case "two.test" -> List.of(InetAddress.getByName("127.0.0.1"),
          InetAddress.getByName("127.0.0.1"));
      default -> throw new UnknownHostException(domain);
    };
    TestContext context = context(settings("target_host_list",
        List.of("nx.test", "v4only.test:80", "two.test"), "target_port", server.port(),
        "target_ip_type", 4, "dns_check_mode", "all"), TIMEOUT, TIMEOUT);
    run(context, new TcpCollector(context, TcpSettings.parse(context.task()), dns));
    assertThat(context.events).extracting(e -> e.fields().get("target_host") + "="
        + e.fields().get("error_code"))
        .containsExactlyInAnyOrder("nx.test=1004", "v4only.test:80=0", "two.test=0", "two.test=0");

    TestContext v6 = context(settings("target_host", "v4only.test", "target_port", server.port(),
        "target_ip_type", 6), TIMEOUT, TIMEOUT);
    run(v6, new TcpCollector(v6, TcpSettings.parse(v6.task()), dns));
    assertThat(single(v6.events).fields()).containsEntry("error_code", 1211)
        .containsEntry("target_host", "v4only.test").containsEntry("resolved_ip", "");
  }

  @Test
  @SuppressWarnings("unchecked")
  void customReportEmitsTheTimeSeriesShapePerLabelGroup() throws Exception {
    LoopbackServer server = server("127.0.0.1", socket -> readSome(socket));
    TestContext context = new TestContext(TestContext.task(settings("target_host", "127.0.0.1",
        "target_port", server.port(), "custom_report", true), TIMEOUT, TIMEOUT,
        List.of(Map.of("env", "prod"), Map.of("env", "test"))));
    Event event = single(run(context));
    assertThat(event.fields()).containsOnlyKeys("dataid", "time", "timestamp", "data");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> data = (List<Map<String, Object>>) event.fields().get("data");
    assertThat(data).hasSize(2);
    assertThat(data.get(0)).containsEntry("target", "127.0.0.1:" + server.port());
    assertThat(data).extracting(item -> item.get("dimension")).allSatisfy(dimension ->
        assertThat((Map<Object, Object>) dimension).containsEntry("task_type", "tcp")
            .containsEntry("resolved_ip", "127.0.0.1").containsEntry("status", "0")
            .containsEntry("error_code", "0").containsEntry("bk_agent_id", "agent-9")
            .containsEntry("node_id", "3:10.0.0.5").containsEntry("bk_cloud_id", "3")
            .containsEntry("target_port", Integer.toString(server.port())));
    assertThat((Map<Object, Object>) data.get(1).get("dimension")).containsEntry("env", "test");
  }

  @Test
  void badSettingsNameTheKeyAndValue() {
    assertThatThrownBy(() -> new TcpCollectorProvider().create(
        context(settings("target_host", "127.0.0.1"), TIMEOUT, TIMEOUT)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tcp.conf: tcp_task.tasks[0].target_port: is required, was absent");
    assertThatThrownBy(() -> new TcpCollectorProvider().create(
        context(settings("target_host", "127.0.0.1", "target_port", 70000), TIMEOUT, TIMEOUT)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tcp.conf: tcp_task.tasks[0].target_port: must be between 1 and 65535,"
            + " was '70000'");
    assertThatThrownBy(() -> new TcpCollectorProvider().create(
        context(settings("target_port", 80), TIMEOUT, TIMEOUT)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tcp_task.tasks[0].target_host: is required");
    assertThatThrownBy(() -> new TcpCollectorProvider().create(context(settings("target_host",
        "127.0.0.1", "target_port", 80, "response_format", "like"), TIMEOUT, TIMEOUT)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tcp_task.tasks[0].response_format:").hasMessageContaining("'like'");
    assertThatThrownBy(() -> new TcpCollectorProvider().create(context(settings("target_host",
        "127.0.0.1", "target_port", 80, "request", "xyz", "request_format", "hex"), TIMEOUT,
        TIMEOUT)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tasks[0].request:");
    assertThat(new TcpCollectorProvider().type()).isEqualTo("tcp");
  }
}

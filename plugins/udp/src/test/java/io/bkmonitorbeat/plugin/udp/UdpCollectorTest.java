package io.bkmonitorbeat.plugin.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.PolledCollector;
import io.bkmonitorbeat.probe.NameResolver;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpCollectorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable closeable : cleanup) {
      closeable.close();
    }
  }

  private UdpServer server(String address, long delayMillis, UdpServer.Handler handler)
      throws IOException {
    UdpServer server = new UdpServer(address, delayMillis, handler);
    cleanup.add(server);
    return server;
  }

  private UdpServer server(UdpServer.Handler handler) throws IOException {
    return server("127.0.0.1", 0, handler);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
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
    return run(context, Instant.now().plus(context.task().timeout()));
  }

  private List<Event> run(TestContext context, Instant deadline) throws Exception {
    PolledCollector collector = (PolledCollector) new UdpCollectorProvider().create(context);
    cleanup.add(collector);
    collector.collect(deadline);
    return List.copyOf(context.events);
  }

  private static Event single(List<Event> events) {
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static int closedPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  @Test
  void defaultRequestXAndMatchingReplySucceedOnTheFirstAttempt() throws Exception {
    UdpServer server = server(in -> bytes("+" + new String(in.data(), StandardCharsets.UTF_8)));
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "response", "+X", "response_format", "eq"), TIMEOUT, TIMEOUT)));
    assertThat(event.type()).isEqualTo("udp");
    assertThat(event.fields())
        .containsEntry("dataid", 1010).containsEntry("task_id", 32).containsEntry("bk_biz_id", 2)
        .containsEntry("task_type", "udp").containsEntry("status", 0)
        .containsEntry("error_code", 0).containsEntry("available", 1.0)
        .containsEntry("target_host", "127.0.0.1").containsEntry("target_port", server.port())
        .containsEntry("resolved_ip", "127.0.0.1").containsEntry("group_info", List.of())
        .containsEntry("times", 1).containsEntry("max_times", 3)
        .containsKeys("timestamp", "task_duration");
    assertThat(server.received).hasSize(1);
    assertThat(server.received.get(0).data()).containsExactly('X');
  }

  @Test
  void mismatchIs1202AndNotRetried() throws Exception {
    UdpServer server = server(in -> bytes("-ERR"));
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "request", "PING", "response", "+OK"), TIMEOUT, TIMEOUT)));
    assertThat(event.fields()).containsEntry("status", 1).containsEntry("error_code", 1202)
        .containsEntry("available", 0.0).containsEntry("times", 1);
    assertThat(server.received).hasSize(1);
    assertThat(server.received.get(0).data()).isEqualTo(bytes("PING"));
  }

  @Test
  void hexRequestAndHexResponse() throws Exception {
    UdpServer server = server(in -> new byte[] {0x01, (byte) 0xfe, 0x7f, 0x00});
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "request", "cafe00", "request_format", "hex",
        "response", "01fe", "response_format", "hex|startswith"), TIMEOUT, TIMEOUT)));
    assertThat(event.fields()).containsEntry("error_code", 0);
    assertThat(server.received.get(0).data()).containsExactly(0xca, 0xfe, 0x00);

    TestContext defaultHex = context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "request_format", "hex", "response", "01fe7f00", "response_format", "hex"),
        TIMEOUT, TIMEOUT);
    assertThat(single(run(defaultHex)).fields()).containsEntry("error_code", 0);
    assertThat(server.received.get(1).data()).containsExactly('X'); // hex default 58
  }

  @Test
  void portWithNobodyListeningIs2501AtOnce() throws Exception {
    int port = closedPort();
    long begin = System.nanoTime();
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port", port),
        TIMEOUT, TIMEOUT)));
    assertThat(event.fields()).containsEntry("status", 1).containsEntry("error_code", 2501)
        .containsEntry("times", 1).containsEntry("max_times", 3);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(1));

    TestContext awaiting = context(settings("target_host", "127.0.0.1", "target_port", port,
        "response", "+OK"), TIMEOUT, TIMEOUT);
    assertThat(single(run(awaiting)).fields()).containsEntry("error_code", 2501);
  }

  @Test
  void silentServerIs1101AfterAllAttemptsWithinTheTimeout() throws Exception {
    UdpServer server = server(in -> null);
    long begin = System.nanoTime();
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "response", "+OK", "times", 3), Duration.ofMillis(900),
        Duration.ofMillis(900))));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
    assertThat(event.fields()).containsEntry("status", 1).containsEntry("error_code", 1101)
        .containsEntry("times", 3).containsEntry("max_times", 3);
    assertThat(server.received).hasSize(3);
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(800))
        .isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void eachAttemptUsesItsOwnSocketClosedBeforeTheNextAttempt() throws Exception {
    BlockingQueue<String> earlierPort = new ArrayBlockingQueue<>(4);
    UdpServer[] holder = new UdpServer[1];
    holder[0] = server(in -> {
      if (in.index() == 2) {
        SocketAddress first = holder[0].received.get(0).from();
        earlierPort.add(first.equals(in.from()) ? "same socket" : probeClosed(first));
      }
      return null;
    });
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        holder[0].port(), "wait_empty_response", true, "times", 2), Duration.ofMillis(600),
        Duration.ofMillis(600))));
    assertThat(event.fields()).containsEntry("error_code", 1101).containsEntry("times", 2);
    assertThat(earlierPort.poll(1, TimeUnit.SECONDS)).isEqualTo("closed");
  }

  /** Returns "closed" when nothing listens on {@code address} any more, else "open". */
  private static String probeClosed(SocketAddress address) throws IOException {
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.connect(address);
      channel.write(ByteBuffer.wrap(bytes("?")));
      channel.socket().setSoTimeout(300);
      channel.socket().receive(new java.net.DatagramPacket(new byte[16], 16));
      return "open";
    } catch (PortUnreachableException e) {
      return "closed";
    } catch (SocketTimeoutException e) {
      return "open";
    }
  }

  @Test
  void serverAnsweringOnlyTheSecondAttemptSucceedsWithTimes2() throws Exception {
    UdpServer server = server(in -> in.index() == 2 ? bytes("+OK") : null);
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "response", "+OK", "times", 3), Duration.ofMillis(1500),
        Duration.ofMillis(1500))));
    assertThat(event.fields()).containsEntry("status", 0).containsEntry("error_code", 0)
        .containsEntry("times", 2).containsEntry("max_times", 3);
    assertThat(server.received).hasSize(2);
  }

  @Test
  void waitEmptyResponseRequiresAReplyEvenAnEmptyOne() throws Exception {
    UdpServer empty = server("127.0.0.1", 50, in -> new byte[0]);
    Event replied = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        empty.port(), "wait_empty_response", true), TIMEOUT, TIMEOUT)));
    assertThat(replied.fields()).containsEntry("error_code", 0).containsEntry("times", 1);
    assertThat((Long) replied.fields().get("task_duration")).isGreaterThanOrEqualTo(50L);

    UdpServer silent = server(in -> null);
    Event waited = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        silent.port(), "wait_empty_response", true, "times", 2), Duration.ofMillis(400),
        Duration.ofMillis(400))));
    assertThat(waited.fields()).containsEntry("error_code", 1101).containsEntry("times", 2);
  }

  @Test
  void withoutResponseOrWaitingSilenceIsSuccessWithZeroDuration() throws Exception {
    UdpServer silent = server(in -> null);
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        silent.port(), "times", 2), Duration.ofMillis(400), Duration.ofMillis(100))));
    assertThat(event.fields()).containsEntry("status", 0).containsEntry("error_code", 0)
        .containsEntry("times", 1).containsEntry("task_duration", 0L);
    assertThat(silent.received).hasSize(1);
  }

  @Test
  void slowerThanAvailableDurationIsCode3() throws Exception {
    UdpServer server = server("127.0.0.1", 300, in -> bytes("+OK"));
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "response", "+OK", "times", 1), TIMEOUT, Duration.ofMillis(100))));
    assertThat(event.fields()).containsEntry("status", 1).containsEntry("error_code", 3)
        .containsEntry("available", 0.0).containsEntry("times", 1);
    assertThat((Long) event.fields().get("task_duration")).isGreaterThanOrEqualTo(300L);
  }

  @Test
  void oversizedRequestIsAWriteFailure1100() throws Exception {
    UdpServer server = server(in -> bytes("+OK"));
    Event event = single(run(context(settings("target_host", "127.0.0.1", "target_port",
        server.port(), "request", "a".repeat(70_000), "response", "+OK"), TIMEOUT, TIMEOUT)));
    assertThat(event.fields()).containsEntry("error_code", 1100).containsEntry("times", 1);
  }

  @Test
  void runDeadlineEarlierThanTheTimeoutBoundsTheAttempts() throws Exception {
    UdpServer silent = server(in -> null);
    TestContext context = context(settings("target_host", "127.0.0.1", "target_port",
        silent.port(), "response", "+OK", "times", 3), Duration.ofSeconds(5),
        Duration.ofSeconds(5));
    long begin = System.nanoTime();
    Event event = single(run(context, Instant.now().plusMillis(600)));
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofMillis(1200));
    assertThat(event.fields()).containsEntry("error_code", 1101).containsEntry("times", 3);
  }

  @Test
  void sectionMaxTimesClampsTimes() throws Exception {
    UdpServer silent = server(in -> null);
    TestContext context = new TestContext(TestContext.task(settings("target_host", "127.0.0.1",
        "target_port", silent.port(), "response", "+OK", "times", 5), Map.of("max_times", 2),
        Duration.ofMillis(400), Duration.ofMillis(400), List.of()));
    Event event = single(run(context));
    assertThat(event.fields()).containsEntry("times", 2).containsEntry("max_times", 2);
    assertThat(silent.received).hasSize(2);

    TestContext defaultMax = context(settings("target_host", "127.0.0.1", "target_port", 9,
        "times", 50), TIMEOUT, TIMEOUT);
    assertThat(UdpSettings.parse(defaultMax.task()).times()).isEqualTo(10);
  }

  @Test
  void ipv6Loopback() throws Exception {
    UdpServer server;
    try {
      server = server("::1", 0, in -> bytes("!"));
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
    UdpServer server = server("127.0.0.1", 600, in -> bytes("+OK"));
    TestContext context = context(settings("target_host_list",
        List.of("127.0.0.1", "127.0.0.1:1", "127.0.0.1:2"), "target_host", "ignored.invalid",
        "target_port", server.port(), "response", "+OK", "times", 1), Duration.ofSeconds(3),
        Duration.ofSeconds(3));
    long begin = System.nanoTime();
    List<Event> events = run(context);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofMillis(1500));
    assertThat(events).hasSize(3).allSatisfy(
        event -> assertThat(event.fields()).containsEntry("error_code", 0));
    assertThat(events).extracting(event -> event.fields().get("target_host"))
        .containsExactlyInAnyOrder("127.0.0.1", "127.0.0.1:1", "127.0.0.1:2");
    assertThat(context.threadNames).isNotEmpty()
        .allMatch(name -> name.startsWith("collector-udp-32-probe-"));
  }

  @Test
  void unresolvedHostsGiveOneFailureEachWithNoAttempts() throws Exception {
    UdpServer server = server(in -> bytes("+OK"));
    NameResolver dns = domain -> switch (domain) {
      case "v4only.test" -> List.of(InetAddress.getByName("127.0.0.1"));
      default -> throw new UnknownHostException(domain);
    };
    TestContext context = context(settings("target_host_list", List.of("nx.test", "v4only.test"),
        "target_port", server.port(), "response", "+OK"), TIMEOUT, TIMEOUT);
    UdpCollector collector = new UdpCollector(context, UdpSettings.parse(context.task()), dns);
    cleanup.add(collector);
    collector.collect(Instant.now().plus(TIMEOUT));
    assertThat(context.events).extracting(e -> e.fields().get("target_host") + "="
        + e.fields().get("error_code") + "/" + e.fields().get("times"))
        .containsExactlyInAnyOrder("nx.test=1004/0", "v4only.test=0/1");
  }

  @Test
  void customReportEmitsTheTimeSeriesShapePerLabelGroup() throws Exception {
    UdpServer server = server(in -> bytes("+OK"));
    TestContext context = new TestContext(TestContext.task(settings("target_host", "127.0.0.1",
        "target_port", server.port(), "response", "+OK", "custom_report", true), TIMEOUT, TIMEOUT,
        List.of(Map.of("env", "prod"), Map.of("env", "test"))));
    Event event = single(run(context));
    assertThat(event.fields()).containsOnlyKeys("dataid", "time", "timestamp", "data");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> data = (List<Map<String, Object>>) event.fields().get("data");
    assertThat(data).hasSize(2);
    assertThat(data.get(0)).containsEntry("target", "127.0.0.1:" + server.port());
    @SuppressWarnings("unchecked")
    Map<String, String> second = (Map<String, String>) data.get(1).get("dimension");
    assertThat(second).containsEntry("task_type", "udp").containsEntry("resolved_ip", "127.0.0.1")
        .containsEntry("status", "0").containsEntry("error_code", "0")
        .containsEntry("bk_agent_id", "agent-9").containsEntry("env", "test");
  }

  @Test
  void interruptEndsTheRunPromptlyWithoutAnEvent() throws Exception {
    UdpServer silent = server(in -> null);
    TestContext context = context(settings("target_host", "127.0.0.1", "target_port",
        silent.port(), "response", "+OK", "times", 1), Duration.ofSeconds(5),
        Duration.ofSeconds(5));
    PolledCollector collector = (PolledCollector) new UdpCollectorProvider().create(context);
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
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (silent.received.isEmpty() && System.nanoTime() < waitUntil) {
      Thread.onSpinWait();
    }
    long begin = System.nanoTime();
    worker.interrupt();
    Throwable thrown = outcome.poll(2, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(1));
    assertThat(thrown).isInstanceOf(InterruptedException.class);
    assertThat(context.events).isEmpty();
  }

  @Test
  void badSettingsNameFileKeyAndValue() {
    assertThatThrownBy(() -> new UdpCollectorProvider().create(context(settings("target_host",
        "127.0.0.1", "target_port", 53, "times", 0), TIMEOUT, TIMEOUT)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("udp.conf: udp_task.tasks[0].times: must be at least 1, was '0'");
    assertThatThrownBy(() -> new UdpCollectorProvider().create(new TestContext(TestContext.task(
        settings("target_host", "127.0.0.1", "target_port", 53), Map.of("max_times", -1),
        TIMEOUT, TIMEOUT, List.of()))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("udp.conf: udp_task.max_times: must not be negative, was '-1'");
    assertThatThrownBy(() -> new UdpCollectorProvider().create(context(settings("target_host",
        "127.0.0.1", "target_port", 70000), TIMEOUT, TIMEOUT)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("udp.conf: udp_task.tasks[0].target_port: must be between 1 and 65535,"
            + " was '70000'");
    assertThatThrownBy(() -> new UdpCollectorProvider().create(context(settings("target_port",
        53), TIMEOUT, TIMEOUT)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("udp_task.tasks[0].target_host: is required");
    assertThatThrownBy(() -> new UdpCollectorProvider().create(context(settings("target_host",
        "127.0.0.1", "target_port", 53, "request", "xyz", "request_format", "hex"), TIMEOUT,
        TIMEOUT)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("udp_task.tasks[0].request:");
    assertThatThrownBy(() -> new UdpCollectorProvider().create(context(settings("target_host",
        "127.0.0.1", "target_port", 53, "wait_empty_response", "maybe"), TIMEOUT, TIMEOUT)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("udp_task.tasks[0].wait_empty_response:")
        .hasMessageContaining("'maybe'");
    assertThat(new UdpCollectorProvider().type()).isEqualTo("udp");
  }
}

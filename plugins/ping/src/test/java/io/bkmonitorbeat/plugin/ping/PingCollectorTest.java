package io.bkmonitorbeat.plugin.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.bkmonitorbeat.api.Event;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.probe.NameResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real pings of loopback addresses only (127.0.0.0/8 and ::1). Skipped, with the reason, when
 * this process may open no ICMP socket.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PingCollectorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final NameResolver NO_DNS = domain -> {
    throw new UnknownHostException(domain + ": no such host (test resolver)");
  };

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final AtomicInteger opened = new AtomicInteger();

  @BeforeAll
  static void icmpSocketsAvailable() {
    String problem = null;
    try (NativeIcmp.Socket socket = NativeIcmp.open(false, false)) {
      assertThat(socket).isNotNull();
    } catch (SocketOpener.SocketOpenException | LinkageError e) {
      problem = e.toString();
    }
    assumeThat(problem).as("ICMP sockets unavailable, ping tests skipped: %s", problem).isNull();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable closeable : cleanup) {
      closeable.close();
    }
  }

  private static Map<String, Object> settings(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private static Map<String, Object> ip(String address) {
    return Map.of("target", address, "target_type", "ip");
  }

  private static TestContext context(Map<String, Object> settings, Duration timeout,
      List<Map<String, String>> labels) {
    return new TestContext(TestContext.task(settings, timeout, timeout, labels));
  }

  private PingCollector collector(TestContext context, NameResolver resolver,
      PingCollector.SocketFactory factory) {
    PingCollector collector = new PingCollector(context,
        PingSettings.parse(context.task()), resolver, factory);
    cleanup.add(collector);
    return collector;
  }

  private PingCollector collector(TestContext context, NameResolver resolver) {
    return collector(context, resolver, (v6, notPrivileged) -> {
      opened.incrementAndGet();
      return NativeIcmp.open(v6, notPrivileged);
    });
  }

  private static List<Event> run(TestContext context, PingCollector collector) throws Exception {
    collector.collect(Instant.now().plus(context.task().timeout()));
    return List.copyOf(context.events);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metrics(Event event) {
    return (Map<String, Object>) event.fields().get("metrics");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> dimensions(Event event) {
    return (Map<String, String>) event.fields().get("dimensions");
  }

  @Test
  void pingsLoopbackWithoutLoss() throws Exception {
    TestContext context = context(settings(
        "targets", List.of(Map.of("target", "127.0.0.1", "target_type", "ip",
            "labels", Map.of("room", "r1", "target", "not-overriding"))),
        "total_num", 4, "send_interval", "1ms"), TIMEOUT, List.of(Map.of("env", "test")));
    long start = System.nanoTime();
    List<Event> events = run(context, collector(context, NO_DNS));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

    assertThat(events).hasSize(1);
    Event event = events.get(0);
    assertThat(event.type()).isEqualTo("ping");
    assertThat(event.ignoreCmdbLevel()).isTrue();
    assertThat(event.fields()).containsKeys("time").containsEntry("dataid", 1010)
        .containsEntry("status", 0).containsEntry("not_uptimecheck", 0)
        .containsEntry("bk_biz_id", 2)
        .containsEntry("group_info", List.of(Map.of("env", "test")));
    assertThat(((Number) event.fields().get("time")).longValue())
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
    Map<String, Object> metrics = metrics(event);
    assertThat(metrics).containsOnlyKeys(
        "available", "loss_percent", "max_rtt", "min_rtt", "avg_rtt", "task_duration");
    assertThat(metrics).containsEntry("available", 1.0).containsEntry("loss_percent", 0.0);
    double min = (double) metrics.get("min_rtt");
    double avg = (double) metrics.get("avg_rtt");
    double max = (double) metrics.get("max_rtt");
    assertThat(min).isPositive().isLessThanOrEqualTo(avg);
    assertThat(avg).isLessThanOrEqualTo(max);
    assertThat(max).as("loopback rtt in ms").isLessThan(500.0);
    assertThat(metrics.get("task_duration")).isEqualTo(avg);
    assertThat(dimensions(event)).containsExactly(
        Map.entry("target", "127.0.0.1"),
        Map.entry("target_type", "ip"),
        Map.entry("error_code", "0"),
        Map.entry("bk_biz_id", "2"),
        Map.entry("resolved_ip", ""),
        Map.entry("room", "r1"),
        Map.entry("bk_host_id", "77"),
        Map.entry("task_id", "32"));
    assertThat(opened).hasValue(1);
  }

  @Test
  void manyTargetsShareOneSocketWithoutLoss() throws Exception {
    List<Map<String, Object>> targets = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      targets.add(ip("127.0." + (i / 100) + "." + (1 + i % 100)));
    }
    TestContext context = context(settings("targets", targets, "total_num", 3,
        "send_interval", "100us"), TIMEOUT, List.of());
    List<Event> events = run(context, collector(context, NO_DNS));

    assertThat(opened).as("one socket for every target").hasValue(1);
    assertThat(events).hasSize(250);
    assertThat(events).allSatisfy(event -> {
      assertThat(metrics(event)).containsEntry("loss_percent", 0.0);
      assertThat(dimensions(event)).containsEntry("error_code", "0");
    });
    assertThat(events.stream().map(event -> dimensions(event).get("target")).distinct()).hasSize(250);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 8, 15, 16, 1400})
  void anyPingSizeWorks(int size) throws Exception {
    TestContext context = context(settings("targets", List.of(ip("127.0.0.1")),
        "ping_size", size, "total_num", 2), TIMEOUT, List.of());
    List<Event> events = run(context, collector(context, NO_DNS));
    assertThat(events).singleElement()
        .satisfies(event -> assertThat(metrics(event)).containsEntry("loss_percent", 0.0));
  }

  @Test
  void pingsIpv6Loopback() throws Exception {
    String problem = null;
    try (NativeIcmp.Socket socket = NativeIcmp.open(true, false)) {
      assertThat(socket.v6()).isTrue();
    } catch (SocketOpener.SocketOpenException e) {
      problem = e.getMessage();
    }
    assumeThat(problem).as("no ICMPv6 socket: %s", problem).isNull();
    TestContext context = context(settings("targets", List.of(ip("::1"), ip("127.0.0.1")),
        "total_num", 2), TIMEOUT, List.of());
    List<Event> events = run(context, collector(context, NO_DNS));
    assertThat(opened).as("one socket per family").hasValue(2);
    assertThat(events).hasSize(2).allSatisfy(event ->
        assertThat(metrics(event)).containsEntry("loss_percent", 0.0));
    assertThat(dimensions(events.get(0))).containsEntry("target", "::1");
  }

  @Test
  void unresolvableDomainGivesA1004Event() throws Exception {
    TestContext context = context(settings("targets", List.of(
        Map.of("target", "nowhere.invalid", "target_type", "domain"), ip("127.0.0.1"))),
        TIMEOUT, List.of());
    List<Event> events = run(context, collector(context, NO_DNS));
    assertThat(events).hasSize(2);
    Event failure = events.get(0);
    assertThat(dimensions(failure)).containsEntry("target", "nowhere.invalid")
        .containsEntry("target_type", "domain").containsEntry("error_code", "1004")
        .containsEntry("resolved_ip", "");
    assertThat(metrics(failure)).containsEntry("available", 0.0).containsEntry("loss_percent", 1.0)
        .containsEntry("avg_rtt", 0.0);
    assertThat(failure.fields()).containsEntry("status", 0);
    assertThat(dimensions(events.get(1))).containsEntry("error_code", "0");
    assertThat(context.threadNames).allMatch(name -> name.startsWith("collector-ping-32-"));
  }

  @Test
  void domainsAreResolvedByFamilyAndMode() throws Exception {
    NameResolver resolver = domain -> List.of(InetAddress.getByName("127.0.0.2"),
        InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.3"));
    TestContext context = context(settings(
        "targets", List.of(Map.of("target", "loop.test", "target_type", "domain")),
        "target_ip_type", 4, "dns_check_mode", "all"), TIMEOUT, List.of());
    List<Event> events = run(context, collector(context, resolver));
    assertThat(events).extracting(event -> dimensions(event).get("resolved_ip"))
        .containsExactly("127.0.0.2", "127.0.0.3");
    assertThat(events).allSatisfy(event ->
        assertThat(dimensions(event)).containsEntry("target", "loop.test")
            .containsEntry("error_code", "0"));

    TestContext single = context(settings(
        "targets", List.of(Map.of("target", "loop.test", "target_type", "domain")),
        "target_ip_type", 4), TIMEOUT, List.of());
    assertThat(run(single, collector(single, resolver)))
        .extracting(event -> dimensions(event).get("resolved_ip")).containsExactly("127.0.0.2");

    NameResolver v6Only = domain -> List.of(InetAddress.getByName("::1"));
    TestContext none = context(settings(
        "targets", List.of(Map.of("target", "loop.test", "target_type", "domain")),
        "target_ip_type", 4), TIMEOUT, List.of());
    assertThat(run(none, collector(none, v6Only)))
        .extracting(event -> dimensions(event).get("error_code")).containsExactly("1211");
  }

  @Test
  void customReportsAreBatchedWithLabelGroups() throws Exception {
    List<Map<String, Object>> targets = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // 50 addresses appear twice: one probe, reported for both targets
      targets.add(Map.of("target", "127.0.1." + (i % 250 + 1),
          "target_type", "ip", "labels", Map.of("n", Integer.toString(i))));
    }
    TestContext context = context(settings("targets", targets, "total_num", 1,
        "custom_report", true, "send_interval", "0s"), TIMEOUT,
        List.of(Map.of("group", "a"), Map.of("group", "b")));
    List<Event> events = run(context, collector(context, NO_DNS));

    assertThat(events).hasSize(2);
    assertThat(events).extracting(event -> ((List<?>) event.fields().get("data")).size())
        .containsExactly(512, 88);
    Event first = events.get(0);
    assertThat(first.type()).isEqualTo("ping");
    assertThat(first.fields()).containsKeys("time", "timestamp").containsEntry("dataid", 1010)
        .doesNotContainKeys("status", "not_uptimecheck");
    @SuppressWarnings("unchecked")
    Map<String, Object> item = (Map<String, Object>) ((List<?>) first.fields().get("data")).get(0);
    assertThat(item).containsEntry("target", "127.0.1.1").containsKeys("metrics", "timestamp");
    assertThat(item.get("dimension")).isEqualTo(Map.ofEntries(
        Map.entry("target", "127.0.1.1"),
        Map.entry("target_type", "ip"),
        Map.entry("error_code", "0"),
        Map.entry("bk_biz_id", "2"),
        Map.entry("resolved_ip", ""),
        Map.entry("n", "0"),
        Map.entry("bk_host_id", "77"),
        Map.entry("task_id", "32"),
        Map.entry("node_id", "3:10.0.0.5"),
        Map.entry("ip", "10.0.0.5"),
        Map.entry("bk_cloud_id", "3"),
        Map.entry("bk_agent_id", "agent-9"),
        Map.entry("group", "a")));
    @SuppressWarnings("unchecked")
    Map<String, Object> second = (Map<String, Object>) ((List<?>) first.fields().get("data")).get(1);
    @SuppressWarnings("unchecked")
    Map<String, String> secondDimensions = (Map<String, String>) second.get("dimension");
    assertThat(secondDimensions).containsEntry("group", "b").containsEntry("n", "0");
    assertThat(((Number) item.get("timestamp")).longValue() / 1000)
        .isEqualTo(((Number) first.fields().get("time")).longValue());
  }

  @Test
  void theRunEndsByTheTaskTimeoutAndCountsOpenProbesAsLost() throws Exception {
    TestContext context = context(settings("targets", List.of(ip("127.0.0.1")),
        "total_num", 60_000, "send_interval", "1ms"), Duration.ofMillis(300), List.of());
    long start = System.nanoTime();
    List<Event> events = run(context, collector(context, NO_DNS));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600));
    assertThat(events).singleElement().satisfies(event -> {
      double loss = (double) metrics(event).get("loss_percent");
      assertThat(loss).isGreaterThan(0.9).isLessThan(1.0);
      assertThat(dimensions(event)).containsEntry("error_code", "0");
    });
  }

  @Test
  void closeEndsARunInFlight() throws Exception {
    TestContext context = context(settings("targets", List.of(ip("127.0.0.1")),
        "total_num", 60_000, "send_interval", "1ms"), Duration.ofSeconds(20), List.of());
    PingCollector collector = collector(context, NO_DNS);
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
      try {
        collector.collect(Instant.now().plusSeconds(20));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(200);
    long start = System.nanoTime();
    collector.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    run.get(2, TimeUnit.SECONDS);
  }

  @Test
  void socketRefusedGivesAFailedStatusEventAndLogsOnce() throws Exception {
    TestContext context = context(settings("targets", List.of(ip("127.0.0.1"))), TIMEOUT, List.of());
    PingCollector collector = collector(context, NO_DNS, (v6, notPrivileged) -> {
      throw new SocketOpener.SocketOpenException("cannot open an ICMP socket for IPv4: test");
    });
    List<Event> events = run(context, collector);
    assertThat(events).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo("status");
      assertThat(event.fields()).containsEntry("status", 1).containsEntry("not_uptimecheck", 1)
          .containsEntry("dataid", 1010);
    });
    assertThat(collector.lastOpenError()).isEqualTo("cannot open an ICMP socket for IPv4: test");
  }

  @Test
  void noTargetsNoEvents() throws Exception {
    TestContext context = context(settings(), TIMEOUT, List.of());
    assertThat(run(context, collector(context, NO_DNS))).isEmpty();
    assertThat(opened).hasValue(0);
  }

  @Test
  void providerCreatesACollector() {
    TaskSpec task = TestContext.task(settings("targets", List.of(ip("127.0.0.1"))), TIMEOUT,
        TIMEOUT, List.of());
    PingCollectorProvider provider = new PingCollectorProvider();
    assertThat(provider.type()).isEqualTo("ping");
    try (var collector = provider.create(new TestContext(task))) {
      assertThat(collector).isInstanceOf(PingCollector.class);
    }
  }
}

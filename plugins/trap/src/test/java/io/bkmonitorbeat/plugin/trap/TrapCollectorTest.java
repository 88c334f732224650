package io.bkmonitorbeat.plugin.trap;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Event;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the receiver on an ephemeral loopback port and sends real traps with net-snmp. */
class TrapCollectorTest {
  private static final String ENTERPRISE = "1.3.6.1.4.1.9999";
  private static final String TRAP = ENTERPRISE + ".0.1";
  private static final String V3_ENGINE = "0x80001f8880c0ffee01";

  @TempDir Path snmpDir;
  private TestContext context;
  private TrapCollector collector;

  @BeforeAll
  static void tools() {
    NetSnmp.requireTools();
  }

  @AfterEach
  void closeCollector() {
    if (collector != null) {
      collector.close();
      assertThat(context.threads).as("collector threads after close()")
          .allSatisfy(thread -> assertThat(thread.isAlive()).as(thread.getName()).isFalse());
      assertThat(Thread.getAllStackTraces().keySet())
          .as("no thread started by SNMP4J itself")
          .noneMatch(t -> t.getName().contains("DefaultUDPTransportMapping")
              || t.getName().startsWith("SNMP4J") || t.getName().contains("MultiThreadedMessageDispatcher"));
    }
  }

  private TrapCollector start(Map<String, Object> overrides, Duration period) throws Exception {
    Map<String, Object> settings = new HashMap<>(Map.of("listen_ip", "127.0.0.1", "listen_port", 0,
        "community", "public", "target", "trap-target"));
    settings.putAll(overrides);
    context = new TestContext(TestContext.task(settings, period));
    collector = (TrapCollector) new TrapCollectorProvider().create(context);
    collector.start();
    assertThat(collector.localPort()).isPositive();
    return collector;
  }

  private String peer() {
    return "udp:127.0.0.1:" + collector.localPort();
  }

  private Map<String, Object> record(Event event) {
    assertThat(event).as("an event within the wait").isNotNull();
    assertThat(event.type()).isEqualTo("snmptrap");
    assertThat(event.dataId()).isEqualTo(1500);
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) ((List<?>) event.fields().get("data")).get(0);
    return data;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> dims(Map<String, Object> record) {
    return (Map<String, String>) record.get("dimension");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> inner(Map<String, Object> record) {
    return (Map<String, Object>) record.get("event");
  }

  private Event next() throws InterruptedException {
    return context.events.poll(10, TimeUnit.SECONDS);
  }

  @Test
  void v1Trap() throws Exception {
    start(Map.of(), Duration.ofMinutes(1));
    NetSnmp.Result result = NetSnmp.run(snmpDir, "snmptrap", "-v", "1", "-c", "public", peer(),
        ENTERPRISE, "127.0.0.1", "6", "17", "", ENTERPRISE + ".1.1", "s", "hello-v1");
    assertThat(result.exitCode()).as(result.output()).isZero();
    Map<String, Object> record = record(next());
    assertThat(dims(record)).containsEntry("version", "v1").containsEntry("community", "public")
        .containsEntry("snmptrapoid", "." + ENTERPRISE + ".0.17")
        .containsEntry("enterprise", "." + ENTERPRISE).containsEntry("specific_trap", "17")
        .containsEntry("agent_address", "127.0.0.1").containsKey("agent_port")
        .containsEntry("server_port", Integer.toString(collector.localPort()));
    assertThat((String) inner(record).get("content"))
        .contains("\"." + ENTERPRISE + ".1.1(." + ENTERPRISE + ".1.1)\":\"hello-v1\"");
    assertThat(inner(record).get("count")).isEqualTo(1L);
    assertThat(record.get("target")).isEqualTo("trap-target");
  }

  @Test
  void v2cTrapWithTranslationAndDimensions() throws Exception {
    start(Map.of("oids", Map.of(TRAP, "acmeAlarm", ENTERPRISE + ".1", "acmeObj"),
        "report_oid_dimensions", List.of(ENTERPRISE + ".1.1", ENTERPRISE + ".2.index"),
        "use_display_name_oid", false), Duration.ofMinutes(1));
    NetSnmp.Result result = NetSnmp.run(snmpDir, "snmptrap", "-v", "2c", "-c", "public", peer(), "",
        TRAP, ENTERPRISE + ".1.1.0", "s", "disk-full", ENTERPRISE + ".2.7", "i", "42",
        ENTERPRISE + ".3.0", "o", "1.3.6.1.4.1.9999.77");
    assertThat(result.exitCode()).as(result.output()).isZero();
    Map<String, Object> record = record(next());
    assertThat(record.get("event_name")).isEqualTo("acmeAlarm");
    assertThat(dims(record)).containsEntry("version", "v2c")
        .containsEntry("snmptrapoid", "." + TRAP).containsEntry("display_name", "acmeAlarm")
        .containsEntry("1_3_6_1_4_1_9999_1_1", "disk-full")
        .containsEntry("1_3_6_1_4_1_9999_2", "7::::42");
    assertThat((String) inner(record).get("content"))
        .contains("\"acmeObj.1.0(." + ENTERPRISE + ".1.1.0)\":\"disk-full\"")
        .contains("\"." + ENTERPRISE + ".3.0(." + ENTERPRISE + ".3.0)\":\".1.3.6.1.4.1.9999.77\"");
  }

  @Test
  void v2cInformIsAcknowledged() throws Exception {
    start(Map.of(), Duration.ofMinutes(1));
    NetSnmp.Result result = NetSnmp.run(snmpDir, "snmpinform", "-v", "2c", "-c", "public",
        "-t", "2", "-r", "1", peer(), "", TRAP, ENTERPRISE + ".1.1.0", "s", "inform-me");
    assertThat(result.exitCode()).as("snmpinform got its response: " + result.output()).isZero();
    assertThat(dims(record(next()))).containsEntry("snmptrapoid", "." + TRAP);
  }

  @Test
  void wrongCommunityIsDroppedAndCounted() throws Exception {
    start(Map.of(), Duration.ofMinutes(1));
    NetSnmp.Result wrong = NetSnmp.run(snmpDir, "snmptrap", "-v", "2c", "-c", "intruder", peer(), "",
        TRAP, ENTERPRISE + ".1.1.0", "s", "sneaky");
    assertThat(wrong.exitCode()).isZero();
    NetSnmp.Result wrongInform = NetSnmp.run(snmpDir, "snmpinform", "-v", "2c", "-c", "intruder",
        "-t", "1", "-r", "0", peer(), "", TRAP);
    assertThat(wrongInform.exitCode()).as("a dropped inform is not acknowledged").isNotZero();
    NetSnmp.run(snmpDir, "snmptrap", "-v", "2c", "-c", "public", peer(), "", TRAP,
        ENTERPRISE + ".1.1.0", "s", "legit");
    Map<String, Object> record = record(next());
    assertThat((String) inner(record).get("content")).contains("legit");
    assertThat(context.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(collector.counters()).containsEntry("dropped_community", 2L).containsEntry("accepted", 1L);
  }

  @Test
  void malformedPacketsAreCountedAndDropped() throws Exception {
    start(Map.of(), Duration.ofMinutes(1));
    try (DatagramSocket socket = new DatagramSocket()) {
      byte[][] junk = {{0x30, 0x03, 0x02, 0x01}, "not snmp at all".getBytes(), {0x30, 0x05, 0x02, 0x01, 0x09, 0x04, 0x00}};
      for (byte[] bytes : junk) {
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(),
            collector.localPort()));
      }
    }
    NetSnmp.run(snmpDir, "snmptrap", "-v", "2c", "-c", "public", peer(), "", TRAP);
    assertThat(dims(record(next()))).containsEntry("snmptrapoid", "." + TRAP);
    assertThat(collector.counters().get("dropped_malformed")).isEqualTo(3L);
    assertThat(context.events).isEmpty();
  }

  private static Map<String, Object> v3User(String flags) {
    return Map.of("msg_flags", flags, "usm_config", Map.of("username", "trapuser",
        "authentication_protocol", "sha", "authentication_passphrase", "authpass123",
        "privacy_protocol", "aes", "privacy_passphrase", "privpass123",
        "authoritative_engineID", V3_ENGINE));
  }

  @Test
  void v3AuthPrivTrapAndInform() throws Exception {
    start(Map.of("snmp_version", "v3", "usm_info", List.of(v3User("authpriv"))), Duration.ofMinutes(1));
    NetSnmp.Result trap = NetSnmp.run(snmpDir, "snmptrap", "-v", "3", "-u", "trapuser",
        "-l", "authPriv", "-a", "SHA", "-A", "authpass123", "-x", "AES", "-X", "privpass123",
        "-e", V3_ENGINE, peer(), "", TRAP, ENTERPRISE + ".1.1.0", "s", "secret-v3");
    assertThat(trap.exitCode()).as(trap.output()).isZero();
    Map<String, Object> record = record(next());
    assertThat(dims(record)).containsEntry("version", "v3").containsEntry("snmptrapoid", "." + TRAP);
    assertThat((String) inner(record).get("content")).contains("secret-v3");

    NetSnmp.Result inform = NetSnmp.run(snmpDir, "snmpinform", "-v", "3", "-u", "trapuser",
        "-l", "authPriv", "-a", "SHA", "-A", "authpass123", "-x", "AES", "-X", "privpass123",
        "-t", "2", "-r", "1", peer(), "", TRAP, ENTERPRISE + ".1.1.0", "s", "inform-v3");
    assertThat(inform.exitCode()).as("v3 inform acknowledged: " + inform.output()).isZero();
    assertThat((String) inner(record(next())).get("content")).contains("inform-v3");
  }

  @Test
  void v3UserWithoutEngineIdAcceptsTrapsFromAnyEngine() throws Exception {
    Map<String, Object> user = Map.of("usm_config", Map.of("username", "anyengine",
        "authentication_protocol", "sha256", "authentication_passphrase", "authpass123"));
    start(Map.of("snmp_version", "v3", "usm_info", List.of(user)), Duration.ofMinutes(1));
    NetSnmp.Result trap = NetSnmp.run(snmpDir, "snmptrap", "-v", "3", "-u", "anyengine",
        "-l", "authNoPriv", "-a", "SHA-256", "-A", "authpass123", "-e", "0x80001f88800102030405",
        peer(), "", TRAP, ENTERPRISE + ".1.1.0", "s", "from-some-engine");
    assertThat(trap.exitCode()).as(trap.output()).isZero();
    assertThat((String) inner(record(next())).get("content")).contains("from-some-engine");
  }

  @Test
  void v3WrongPassphraseAndTooLowSecurityLevelAreDropped() throws Exception {
    start(Map.of("snmp_version", "v3", "usm_info", List.of(v3User("authpriv"))), Duration.ofMinutes(1));
    NetSnmp.run(snmpDir, "snmptrap", "-v", "3", "-u", "trapuser", "-l", "authPriv", "-a", "SHA",
        "-A", "wrongpass123", "-x", "AES", "-X", "privpass123", "-e", V3_ENGINE, peer(), "", TRAP);
    NetSnmp.run(snmpDir, "snmptrap", "-v", "3", "-u", "trapuser", "-l", "authNoPriv", "-a", "SHA",
        "-A", "authpass123", "-e", V3_ENGINE, peer(), "", TRAP);
    assertThat(context.events.poll(1, TimeUnit.SECONDS)).isNull();
    assertThat(collector.counters().get("dropped_security")).isEqualTo(2L);
  }

  @Test
  void aggregationCountsIdenticalTrapsPerPeriod() throws Exception {
    start(Map.of("aggregate", true), Duration.ofSeconds(2));
    long started = System.nanoTime();
    for (String value : List.of("a", "b", "c")) {
      NetSnmp.run(snmpDir, "snmptrap", "-v", "2c", "-c", "public", peer(), "", TRAP,
          ENTERPRISE + ".1.1.0", "s", value);
    }
    NetSnmp.run(snmpDir, "snmptrap", "-v", "2c", "-c", "public", peer(), "", TRAP,
        ENTERPRISE + ".1.2.0", "s", "other");
    Map<String, Object> first = record(next());
    Map<String, Object> second = record(next());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("flushed after the period, not per trap")
        .isGreaterThan(Duration.ofMillis(1500));
    assertThat(inner(first).get("count")).isEqualTo(3L);
    assertThat((String) inner(first).get("content")).contains("\"a\"");
    assertThat(inner(second).get("count")).isEqualTo(1L);
  }

  @Test
  void pendingAggregatesAreFlushedOnClose() throws Exception {
    start(Map.of("aggregate", true), Duration.ofMinutes(5));
    NetSnmp.run(snmpDir, "snmptrap", "-v", "2c", "-c", "public", peer(), "", TRAP);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (collector.counters().get("accepted") < 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(context.events).isEmpty();
    collector.close();
    assertThat(inner(record(context.events.poll(1, TimeUnit.SECONDS))).get("count")).isEqualTo(1L);
  }
}

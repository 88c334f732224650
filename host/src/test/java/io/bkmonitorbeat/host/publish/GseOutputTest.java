package io.bkmonitorbeat.host.publish;

import static io.bkmonitorbeat.host.publish.GseTestSupport.await;
import static io.bkmonitorbeat.host.publish.GseTestSupport.event;
import static io.bkmonitorbeat.host.publish.GseTestSupport.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.host.config.HostIdInfo;
import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end through a real unix socket to {@link FakeGseAgent}: fields, agent info, close. */
class GseOutputTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @RegisterExtension final FakeGseAgent agent = new FakeGseAgent();
  @TempDir Path data;
  private GseOutput out;

  @AfterEach
  void tearDown() {
    if (out != null) {
      out.close(Duration.ofSeconds(1));
    }
    assertThat(agent.violations()).isEmpty();
  }

  private GseOutput start(Map<String, Object> extra, HostIdInfo hostId) {
    out = output(agent.socketPath(), data, extra, () -> hostId);
    out.start();
    return out;
  }

  @Test
  void eventsArriveWithAttachFieldsAndGseindexPerDataid() throws Exception {
    start(Map.of(), HostIdInfo.EMPTY);
    long before = System.currentTimeMillis() / 1000;
    for (int i = 0; i < 3; i++) {
      assertThat(out.publish(event(1001, i))).isTrue();
      assertThat(out.publish(event(1002, i))).isTrue();
    }
    List<Frame> frames = agent.take(6, WAIT);

    Frame first = frames.get(0);
    assertThat(first.msgType()).isEqualTo(9);
    assertThat(first.dataId()).isEqualTo(1001);
    assertThat(first.utcTime()).isBetween(before, before + 5);
    assertThat(first.payload())
        .containsEntry("bizid", 1).containsEntry("bk_biz_id", 2).containsEntry("cloudid", 3)
        .containsEntry("ip", "127.0.0.1").containsEntry("bk_agent_id", "agent-1")
        .containsEntry("bk_host_id", 4).containsEntry("hostname", HostNames.osHostname())
        .containsEntry("dataid", 1001);
    assertThat(frames.stream().filter(f -> f.dataId() == 1001).map(f -> f.payload().get("gseindex")))
        .containsExactly(1, 2, 3);
    assertThat(frames.stream().filter(f -> f.dataId() == 1002).map(f -> f.payload().get("gseindex")))
        .containsExactly(1, 2, 3);
    // the writer counts a frame after its write returns, which may be after the peer read it
    awaitCounter("gse_send_total", 6L);
    assertThat(out.counters()).containsEntry("gse_publish_received", 6L)
        .containsEntry("gse_publish_total", 6L).containsEntry("gse_send_total", 6L);
  }

  @Test
  void theJdkUnixTransportCarriesTheSameProtocol() throws Exception {
    start(Map.of("transport", "jdk"), HostIdInfo.EMPTY);
    for (int i = 0; i < 3; i++) {
      assertThat(out.publish(event(1001, i))).isTrue();
    }

    List<Frame> frames = agent.take(3, WAIT);

    assertThat(frames).extracting(f -> f.payload().get("gseindex")).containsExactly(1, 2, 3);
    assertThat(frames.get(0).payload()).containsEntry("bk_agent_id", "agent-1");
    assertThat(agent.violations()).isEmpty();
  }

  private void awaitCounter(String name, long value) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (out.counters().getOrDefault(name, 0L) < value && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void eventKeepsItsOwnBizIdAndGseindexAndLegacyEventsGetUnderscoreFields() throws Exception {
    start(Map.of(), HostIdInfo.EMPTY);
    OutboundEvent own = event(1001, 0);
    own.fields().put("bk_biz_id", 99);
    own.fields().put("gseindex", 42);
    OutboundEvent legacy = event(1001, 1);
    legacy.fields().put("_time_", "2024-01-01 00:00:00");
    legacy.fields().put("time", 1);
    out.publish(own);
    out.publish(legacy);
    List<Frame> frames = agent.take(2, WAIT);
    assertThat(frames.get(0).payload()).containsEntry("bk_biz_id", 99).containsEntry("gseindex", 42);
    assertThat(frames.get(1).payload())
        .containsEntry("_bizid_", 1).containsEntry("_cloudid_", 3)
        .containsEntry("_server_", "127.0.0.1").containsEntry("_gseindex_", 1)
        .containsEntry("_agentid_", "agent-1").containsEntry("_hostid_", 4)
        .doesNotContainKeys("time", "bizid", "gseindex");
  }

  @Test
  void payloadKeysAreSorted() throws Exception {
    start(Map.of(), HostIdInfo.EMPTY);
    OutboundEvent e = event(1001, 0);
    e.fields().put("nested", new HashMap<>(Map.of("zz", 1, "aa", 2)));
    out.publish(e);
    Frame frame = agent.take(1, WAIT).get(0);
    assertThat(List.copyOf(frame.payload().keySet())).isSorted();
  }

  @Test
  void agentInfoFromLaterAnswersIsMergedIntoEarlierOnes() throws Exception {
    agent.agentInfo("{\"bizid\":5,\"ip\":\"10.0.0.1\",\"bk_agent_id\":\"a-1\",\"HostID\":7}");
    start(Map.of(), HostIdInfo.EMPTY);
    assertThat(await(() -> out.agentInfo().ip().equals("10.0.0.1"), WAIT)).isTrue();
    assertThat(out.agentInfo().hostId()).isEqualTo(7); // key matched case-insensitively

    agent.agentInfo("{\"cloudid\":9,\"bk_tenant_id\":\"t\"}"); // next 200 ms refresh
    assertThat(await(() -> out.agentInfo().cloudId() == 9, WAIT)).isTrue();
    assertThat(out.agentInfo()).isEqualTo(new AgentInfo(
        5, 0, 9, "10.0.0.1", "a-1", "t", 0, 7, HostNames.osHostname()));
    assertThat(agent.agentInfoRequests()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void outputKeysAndHostIdFileOverrideAgentInfo() throws Exception {
    HostIdInfo file = new HostIdInfo("10.9.9.9", 5, 77, "tenant-x", 1500, 8, List.of());
    start(Map.of("hostip", "10.1.1.1,10.1.1.2", "cloudid", 0, "hostid", 66), file);
    out.publish(event(1001, 0));
    Map<String, Object> p = agent.take(1, WAIT).get(0).payload();
    assertThat(p).containsEntry("ip", "10.1.1.1") // output hostip (first), file IP only if empty
        .containsEntry("cloudid", 5) // file cloud id applies after the output's cloudid
        .containsEntry("bk_host_id", 77) // file wins over output hostid
        .containsEntry("bk_biz_id", 8) // file biz id sets bk_biz_id
        .containsEntry("bizid", 1); // ... not bizid
    assertThat(out.agentInfo().tenantId()).isEqualTo("tenant-x");
    assertThat(out.agentInfo().staticDataId()).isEqualTo(1500);
  }

  @Test
  void hostIdFileIpFillsAnEmptyAgentIp() throws Exception {
    agent.agentInfo("{\"bk_agent_id\":\"a-2\"}");
    start(Map.of(), new HostIdInfo("10.9.9.9", 0, 0, "", 0, 0, List.of()));
    out.publish(event(1001, 0));
    assertThat(agent.take(1, WAIT).get(0).payload()).containsEntry("ip", "10.9.9.9");
  }

  @Test
  void dynamicAddressingBlanksTheIp() throws Exception {
    start(Map.of("bk_addressing", "dynamic", "hostip", "10.1.1.1"),
        new HostIdInfo("10.9.9.9", 0, 0, "", 0, 0, List.of()));
    out.publish(event(1001, 0));
    assertThat(agent.take(1, WAIT).get(0).payload())
        .containsEntry("ip", "").containsEntry("bk_agent_id", "agent-1");
  }

  @Test
  void dataidIsReadFromTheFieldAndUnusableOnesAreDropped() throws Exception {
    start(Map.of(), HostIdInfo.EMPTY);
    Object[] bad = {"abc", -1, 0, 1.0e12, List.of(1)};
    for (Object value : bad) {
      Map<String, Object> f = new HashMap<>(Map.of("dataid", value));
      assertThat(out.publish(new OutboundEvent(1001, f))).as("dataid %s", value).isFalse();
    }
    assertThat(out.publish(new OutboundEvent(0, new HashMap<>(Map.of("a", 1))))).isFalse();
    assertThat(out.publish(new OutboundEvent(1001, new HashMap<>()))).isFalse();
    assertThat(out.counters()).containsEntry("gse_publish_dropped", 7L);

    assertThat(out.publish(new OutboundEvent(0, new HashMap<>(Map.of("dataid", 1001.9))))).isTrue();
    assertThat(out.publish(new OutboundEvent(0, new HashMap<>(Map.of("dataid", " 1002 "))))).isTrue();
    assertThat(out.publish(new OutboundEvent(0, new HashMap<>(Map.of("dataid", 1003L))))).isTrue();
    assertThat(agent.take(3, WAIT)).extracting(Frame::dataId).containsExactly(1001, 1002, 1003);
  }

  @Test
  void unknownAgentMessagesAreDrainedAndShortReadsReassembled() throws Exception {
    agent.agentInfo("{\"bizid\":0}"); // agent does not identify the host: data must wait
    start(Map.of(), HostIdInfo.EMPTY);
    out.publish(event(1001, 0));
    assertThat(await(() -> agent.agentInfoRequests() >= 1, WAIT)).isTrue();
    assertThat(agent.poll(Duration.ofMillis(300))).isNull(); // waits in the queue, not lost

    byte[] junk = FakeGseAgent.agentFrame(77, "{\"ip\":\"6.6.6.6\"} junk".getBytes(StandardCharsets.UTF_8));
    byte[] info = FakeGseAgent.agentFrame(10,
        "{\"ip\":\"10.2.2.2\",\"bk_agent_id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    byte[] both = new byte[junk.length + info.length];
    System.arraycopy(junk, 0, both, 0, junk.length);
    System.arraycopy(info, 0, both, junk.length, info.length);
    agent.sendRaw(both, 3);

    assertThat(agent.take(1, WAIT).get(0).payload()).containsEntry("ip", "10.2.2.2");
    assertThat(out.counters().get("gse_agent_receive_failed")).isZero();
  }

  @Test
  void agentInfoIsRequestedPeriodically() throws Exception {
    start(Map.of(), HostIdInfo.EMPTY);
    assertThat(await(() -> agent.agentInfoRequests() >= 4, WAIT)).isTrue();
    assertThat(out.counters().get("gse_agent_received")).isGreaterThanOrEqualTo(3L);
  }

  @Test
  void closeSendsWhatIsQueued() throws Exception {
    start(Map.of(), HostIdInfo.EMPTY);
    for (int i = 0; i < 500; i++) {
      out.publish(event(1001, i));
    }
    out.close(WAIT);
    assertThat(agent.take(500, WAIT)).extracting(f -> f.payload().get("seq")).doesNotHaveDuplicates();
    assertThat(out.publish(event(1001, 0))).isFalse();
  }

  @Test
  void closeWithTheAgentDownReturnsWithinTheFlushTimeout() throws Exception {
    agent.refuse();
    start(Map.of(), HostIdInfo.EMPTY);
    for (int i = 0; i < 10; i++) {
      out.publish(event(1001, i));
    }
    long t0 = System.nanoTime();
    out.close(Duration.ofMillis(300));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(out.counters()).containsEntry("gse_publish_dropped", 10L);
  }
}

package io.bkmonitorbeat.host.publish;

import static io.bkmonitorbeat.host.publish.GseTestSupport.await;
import static io.bkmonitorbeat.host.publish.GseTestSupport.bigEvent;
import static io.bkmonitorbeat.host.publish.GseTestSupport.event;
import static io.bkmonitorbeat.host.publish.GseTestSupport.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Agent down, agent closing, agent stalling, restarts: over a real unix socket. */
class GseResilienceTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @RegisterExtension final FakeGseAgent agent = new FakeGseAgent();
  @TempDir Path data;
  private GseOutput out;
  private long refused;

  @AfterEach
  void tearDown() {
    if (out != null) {
      out.close(Duration.ofSeconds(1));
    }
    assertThat(agent.violations()).isEmpty();
  }

  private static int seq(Frame f) {
    return ((Number) f.payload().get("seq")).intValue();
  }

  @Test
  void agentDownAtStartThenAppears() throws Exception {
    agent.refuse();
    out = output(agent.socketPath(), data, Map.of());
    out.start();
    for (int i = 0; i < 5; i++) {
      assertThat(out.publish(event(1001, i))).isTrue();
    }
    assertThat(await(() -> out.counters().get("gse_client_connect_failed") >= 2, WAIT)).isTrue();
    assertThat(out.counters()).containsEntry("gse_queue_size", 5L);

    agent.listen();
    assertThat(agent.take(5, WAIT)).extracting(GseResilienceTest::seq)
        .containsExactly(0, 1, 2, 3, 4);
    assertThat(out.counters().get("gse_client_connected")).isEqualTo(1L);
    assertThat(out.counters().get("gse_client_connect_retry")).isGreaterThanOrEqualTo(2L);
  }

  @Test
  void agentClosingTheConnectionCausesAReconnect() throws Exception {
    out = output(agent.socketPath(), data, Map.of());
    out.start();
    for (int i = 0; i < 3; i++) {
      out.publish(event(1001, i));
    }
    agent.take(3, WAIT);
    agent.closeConnections();
    assertThat(await(() -> out.counters().get("gse_client_connected") >= 2, WAIT)).isTrue();
    for (int i = 3; i < 6; i++) {
      out.publish(event(1001, i));
    }
    assertThat(agent.take(3, WAIT)).extracting(f -> f.payload().get("gseindex"))
        .containsExactly(4, 5, 6);
    assertThat(out.counters().get("gse_client_server_close")).isEqualTo(1L);
    assertThat(agent.connectionsAccepted()).isEqualTo(2);
  }

  @Test
  void stalledAgentDropOldestKeepsTheNewestAndNeverBlocksProducers() throws Exception {
    List<Frame> got = stallAndFlood("drop_oldest", 5000);
    Set<Integer> seqs = got.stream().map(GseResilienceTest::seq).collect(Collectors.toSet());
    assertThat(seqs).contains(4999).hasSizeLessThan(5000); // the newest survived
    assertThat(refused).isZero(); // every new event was queued; old ones made room
    assertThat(out.counters().get("gse_queue_dropped")).isEqualTo(5000L - seqs.size());
  }

  @Test
  void stalledAgentDropNewestKeepsTheOldest() throws Exception {
    List<Frame> got = stallAndFlood("drop_newest", 5000);
    Set<Integer> seqs = got.stream().map(GseResilienceTest::seq).collect(Collectors.toSet());
    assertThat(seqs).doesNotContain(4999).contains(0);
    assertThat(out.counters().get("gse_queue_dropped")).isEqualTo(5000L - seqs.size());
    assertThat(refused).isEqualTo(5000L - seqs.size()); // publish() said which ones
  }

  /** Stalls the agent, publishes {@code n} 500-byte events, resumes, returns what arrived. */
  private List<Frame> stallAndFlood(String policy, int n) throws Exception {
    out = output(agent.socketPath(), data,
        Map.of("queue_size", 100, "overflow", policy, "writetimeout", "0s"));
    out.start();
    out.publish(event(1001, -1));
    assertThat(agent.take(1, WAIT).get(0).payload()).containsEntry("seq", -1);
    agent.stall();
    long t0 = System.nanoTime();
    refused = 0;
    for (int i = 0; i < n; i++) {
      refused += out.publish(bigEvent(1001, i)) ? 0 : 1;
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(out.counters().get("gse_queue_dropped")).isPositive();
    agent.resume();
    return agent.drain(Duration.ofMillis(700));
  }

  @Test
  void stalledWriteTimesOutReconnectsAndResendsUnsentFrames() throws Exception {
    out = output(agent.socketPath(), data, Map.of("queue_size", 10000, "writetimeout", "200ms"));
    out.start();
    out.publish(event(1001, -1));
    agent.take(1, WAIT);
    agent.stall();
    int n = 3000; // ~1.5 MB: more than the socket buffers hold
    for (int i = 0; i < n; i++) {
      out.publish(bigEvent(1001, i));
    }
    assertThat(await(() -> out.counters().get("gse_client_send_timeout") >= 1, WAIT)).isTrue();
    agent.resume();
    List<Frame> got = agent.drain(Duration.ofMillis(700));
    Set<Integer> seqs = got.stream().map(GseResilienceTest::seq).collect(Collectors.toSet());
    assertThat(seqs).hasSize(n); // nothing lost: the stalled frames were re-sent
    assertThat(out.counters().get("gse_client_connected")).isGreaterThanOrEqualTo(2L);
  }

  @Test
  void gseindexSurvivesARestartOfTheOutput() throws Exception {
    out = output(agent.socketPath(), data, Map.of());
    out.start();
    for (int i = 0; i < 3; i++) {
      out.publish(event(1001, i));
    }
    agent.take(3, WAIT);
    out.close(WAIT);
    assertThat(Files.readString(data.resolve("gseindex.json"))).isEqualTo("{\"1001\":3}");

    out = output(agent.socketPath(), data, Map.of());
    out.start();
    out.publish(event(1001, 3));
    out.publish(event(1002, 0));
    assertThat(agent.take(2, WAIT)).extracting(f -> f.payload().get("gseindex"))
        .containsExactly(4, 1);
  }

  @Test
  void aCorruptGseindexFileRestartsCounting() throws Exception {
    Files.writeString(data.resolve("gseindex.json"), "{\"1001\": oops", StandardCharsets.UTF_8);
    out = output(agent.socketPath(), data, Map.of());
    out.start();
    out.publish(event(1001, 0));
    assertThat(agent.take(1, WAIT).get(0).payload()).containsEntry("gseindex", 1);
  }
}

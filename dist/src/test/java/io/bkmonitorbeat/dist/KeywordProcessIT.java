package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.FakeGseAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tarball as a daemon with a keyword child config: lines appended to a log become
 * keyword events on the GSE socket; after a SIGTERM, lines written while the agent is down are
 * counted by the next run, and the lines of the first run are not counted again (offsets
 * persisted under {@code path.data}, gap 20).
 */
class KeywordProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int DATAID = 1100098;

  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":0,\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"agent-x\",\"hostid\":42}");

  @TempDir Path work;
  private Installation installation;

  @BeforeEach
  void unpack() throws Exception {
    installation = Installation.unpack(work);
  }

  @Test
  void keywordCountsSurviveARestartWithoutLossOrRepeats() throws Exception {
    Path logs = Files.createDirectories(work.resolve("app-logs"));
    Path log = logs.resolve("app.log");
    Files.writeString(log, lines(0, 12)); // read from the beginning on the first run
    Path child = Files.createDirectories(work.resolve("etc/bkmonitorbeat"));
    Files.writeString(child.resolve("bkmonitorbeat_keyword.conf"), """
        type: keyword
        name: keyword_task
        version: 1.1.1
        dataid: 0
        tasks:
          - task_id: 601
            bk_biz_id: 2
            dataid: %d
            paths: ["%s/*.log"]
            report_period: 1s
            scan_frequency: 1s
            from_beginning: true
            filter_patterns: ["IGNORE"]
            keywords:
              - {name: error, pattern: "ERROR (?P<error_code>E\\\\d+)"}
            target: "0:127.0.0.1"
        """.formatted(DATAID, logs));
    Path config = Installation.writeConfig(work, gse, """
        bkmonitorbeat:
          include: %s
        """.formatted(child));

    try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
      assertThat(countUntil(agent, 12)).isEqualTo(12);
      append(log, lines(12, 20) + "ERROR E1 but IGNORE this one\n");
      assertThat(countUntil(agent, 8)).isEqualTo(8);
      agent.signal("TERM");
      assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
      assertThat(agent.stderr()).doesNotContain("Exception in thread");
    }
    long late = gse.drain(Duration.ofMillis(500)).stream().filter(f -> f.dataId() == DATAID)
        .mapToLong(KeywordProcessIT::count).sum();
    assertThat(late).as("nothing was left unflushed").isZero();

    append(log, lines(20, 25)); // written while the agent is down
    try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
      assertThat(countUntil(agent, 5)).isEqualTo(5);
      Thread.sleep(2500); // two more report periods: nothing else may arrive
      long extra = gse.drain(Duration.ofMillis(500)).stream().filter(f -> f.dataId() == DATAID)
          .mapToLong(KeywordProcessIT::count).sum();
      assertThat(extra).as("no line counted twice").isZero();
      agent.signal("TERM");
      assertThat(agent.awaitExit(30)).isZero();
    }
  }

  /** Sums event counts of keyword frames until {@code expected} is reached (or the wait ends). */
  private long countUntil(AgentProcess agent, long expected) throws InterruptedException {
    long total = 0;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (total < expected && System.nanoTime() < deadline) {
      if (!agent.isAlive()) {
        throw new AssertionError("bkmonitorbeat exited; stderr:\n" + agent.stderr());
      }
      FakeGseAgent.Frame frame = gse.poll(Duration.ofMillis(500));
      if (frame != null && frame.dataId() == DATAID) {
        assertThat(frame.payload()).containsEntry("type", "keyword");
        total += count(frame);
      }
    }
    return total;
  }

  @SuppressWarnings("unchecked")
  private static long count(FakeGseAgent.Frame frame) {
    long sum = 0;
    for (Map<String, Object> record : (List<Map<String, Object>>) frame.payload().get("data")) {
      assertThat(record).containsEntry("event_name", "error");
      assertThat((Map<String, Object>) record.get("dimension")).containsKeys("error_code", "file_path");
      sum += ((Number) ((Map<String, Object>) record.get("event")).get("count")).longValue();
    }
    return sum;
  }

  private static String lines(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append("2026-12-02 10:00:00 app ERROR E").append(i % 3).append(" request ").append(i).append('\n');
    }
    return sb.toString();
  }

  private static void append(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}

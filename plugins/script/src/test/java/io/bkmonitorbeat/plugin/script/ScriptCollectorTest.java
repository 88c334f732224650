package io.bkmonitorbeat.plugin.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bkmonitorbeat.api.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real scripts run by the real collector. */
class ScriptCollectorTest {
  @TempDir Path dir;

  @BeforeEach
  void openDirectory() throws IOException {
    // @TempDir is 0700; scripts run as 'nobody' must reach their file.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Path script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private TestContext run(Map<String, ?> settings, Duration timeout) throws Exception {
    return run(settings, timeout, List.of());
  }

  private TestContext run(Map<String, ?> settings, Duration timeout, List<Map<String, String>> labels)
      throws Exception {
    TestContext context = new TestContext(TestContext.task(settings, timeout, labels));
    try (ScriptCollector collector = (ScriptCollector) new ScriptCollectorProvider().create(context)) {
      collector.collect(Instant.now().plus(timeout));
    }
    return context;
  }

  @Test
  void successEmitsOneEventPerGroupAndAGatherUp() throws Exception {
    Path script = script("ok.sh", """
        echo '# HELP temp degrees'
        echo 'temp{room="a"} 21.5'
        echo 'humidity{room="a"} 40'
        echo "arg{v=\\"$1\\"} 1"
        """);
    TestContext context = run(Map.of("command", script + " 'x y'"), Duration.ofSeconds(10),
        List.of(Map.of("bk_target_ip", "10.0.0.5")));

    List<Event> events = context.metricEvents();
    assertThat(events).hasSize(2);
    Map<String, Object> fields = events.get(0).fields();
    assertThat(fields).containsEntry("dataid", 1500001).containsEntry("task_id", 41)
        .containsEntry("bk_biz_id", 2).containsEntry("task_type", "script")
        .containsEntry("error_code", 0).containsEntry("message", "success")
        .containsEntry("metrics", Map.of("temp", 21.5, "humidity", 40.0))
        .containsEntry("dimensions", Map.of("room", "a", "bk_biz_id", 2))
        .containsEntry("exemplar", Map.of())
        .containsEntry("group_info", List.of(Map.of("bk_target_ip", "10.0.0.5")))
        .containsKeys("cost_time", "localtime", "utctime", "usertime");
    long time = (Long) fields.get("time");
    assertThat(time).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(10L));
    assertThat(fields.get("usertime")).isEqualTo(
        Instant.ofEpochSecond(time).atZone(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' '));
    assertThat(events.get(1).fields()).containsEntry("dimensions", Map.of("v", "x y", "bk_biz_id", 2));
    assertThat(context.onlyGatherUp()).containsEntry("code", "0").containsEntry("value", 3L);
    assertThat(context.gatherUps().get(0).ignoreCmdbLevel()).isTrue();
    assertThat(context.gatherUps().get(0).dataId()).isEqualTo(TestContext.GATHER_UP_DATA_ID);
  }

  @Test
  void usertimeFollowsTheTimestampUnit() throws Exception {
    Path script = script("ms.sh", "echo 'm 1 1763999000250'\n");
    TestContext context = run(Map.of("command", script.toString(), "timestamp_unit", "ms",
        "time_offset", "87600h"), Duration.ofSeconds(10));
    Map<String, Object> fields = context.metricEvents().get(0).fields();
    assertThat(fields).containsEntry("time", 1_763_999_000_250L)
        .containsEntry("usertime", "2025-11-24 15:43:20"); // G-10: not year 57870
  }

  @Test
  void nonZeroExitIsRunFailedWithoutMetrics() throws Exception {
    Path script = script("fail.sh", "echo 'm 1'\nexit 3\n");
    TestContext context = run(Map.of("command", script.toString()), Duration.ofSeconds(10));
    assertThat(context.metricEvents()).isEmpty();
    assertThat(context.onlyGatherUp()).containsEntry("code", "2301").containsEntry("name", "ScriptRunFailed")
        .containsEntry("value", 0L);
  }

  @Test
  void missingExecutableIsRunFailed() throws Exception {
    TestContext context = run(Map.of("command", "no-such-command-bkm arg"), Duration.ofSeconds(10));
    assertThat(context.onlyGatherUp()).containsEntry("code", "2301");
  }

  @Test
  void blankOutputIsNoOutput() throws Exception {
    Path script = script("blank.sh", "echo '   '\necho\n");
    TestContext context = run(Map.of("command", script.toString()), Duration.ofSeconds(10));
    assertThat(context.metricEvents()).isEmpty();
    assertThat(context.onlyGatherUp()).containsEntry("code", "2303").containsEntry("name", "ScriptNoOutput");
  }

  @Test
  void badLinesAreInvalidFormatButValidLinesAreStillSent() throws Exception {
    Path script = script("bad.sh", "echo 'good 1'\necho 'not a metric line'\necho 'nan NaN'\n");
    TestContext context = run(Map.of("command", script.toString()), Duration.ofSeconds(10));
    assertThat(context.metricEvents()).hasSize(1);
    assertThat(context.onlyGatherUp()).containsEntry("code", "2502").containsEntry("value", 1L);
  }

  @Test
  void stderrIsParsedWithStdoutAsInTheOriginal() throws Exception {
    Path script = script("stderr.sh", "echo 'from_stdout 1'\necho 'from_stderr 2' >&2\n");
    TestContext context = run(Map.of("command", script.toString()), Duration.ofSeconds(10));
    assertThat(context.metricEvents()).hasSize(1);
    assertThat(context.metricEvents().get(0).fields().get("metrics"))
        .isEqualTo(Map.of("from_stdout", 1.0, "from_stderr", 2.0));
  }

  @Test
  void userEnvReachesTheScript() throws Exception {
    Path script = script("env.sh", "echo \"env_seen{v=\\\"$BKM_TEST_VAR\\\"} 1\"\n");
    TestContext context = run(Map.of("command", script.toString(), "user_env", Map.of("BKM_TEST_VAR", "hello")),
        Duration.ofSeconds(10));
    assertThat(context.metricEvents().get(0).fields().get("dimensions"))
        .isEqualTo(Map.of("v", "hello", "bk_biz_id", 2));
  }

  @Test
  void pipelineStagesFeedEachOther() throws Exception {
    Path script = script("lines.sh", "echo a\necho b\necho c\n");
    Path wrap = script("wrap.sh", "read n rest\necho \"lines $n\"\n");
    TestContext context = run(Map.of("command", script + " | wc -l | " + wrap), Duration.ofSeconds(10));
    assertThat(context.metricEvents().get(0).fields().get("metrics")).isEqualTo(Map.of("lines", 3.0));
  }

  @Test
  void failingEarlierStageFailsTheRun() throws Exception {
    Path fail = script("fail.sh", "exit 1\n");
    TestContext context = run(Map.of("command", fail + " | cat"), Duration.ofSeconds(10));
    assertThat(context.onlyGatherUp()).containsEntry("code", "2301");
  }

  @Test
  void timeoutKillsTheWholeProcessTree() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    Path orphanFile = dir.resolve("orphan.pid");
    // A direct child, and a grandchild whose parent exits at once: it is re-parented, no longer a
    // descendant of the script, and only the process-group kill reaches it.
    Path script = script("fork.sh", """
        sleep 300 &
        echo $! > %s
        ( sleep 301 & echo $! > %s )
        echo 'partial 1'
        sleep 300
        """.formatted(pidFile, orphanFile));
    long started = System.nanoTime();
    TestContext context = run(Map.of("command", script.toString()), Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(context.metricEvents()).isEmpty();
    assertThat(context.onlyGatherUp()).containsEntry("code", "2304").containsEntry("name", "ScriptRunTimeout");
    long child = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(Processes.awaitGone(child, Duration.ofSeconds(10))).as("forked child %d is dead", child).isTrue();
    long orphan = Long.parseLong(Files.readString(orphanFile).trim());
    assertThat(Processes.awaitGone(orphan, Duration.ofSeconds(10))).as("orphaned grandchild %d is dead", orphan).isTrue();
  }

  @Test
  void runsAsAnotherUserAndStillKillsTheGroup() throws Exception {
    assumeTrue(UserAccount.currentUid() == 0, "running as another user needs root");
    assumeTrue(UserAccount.lookup("nobody").isPresent(), "no user 'nobody'");
    Path id = script("id.sh", "echo \"uid $(id -u)\"\n");
    TestContext context = run(Map.of("command", id.toString(), "username", "nobody"), Duration.ofSeconds(10));
    assertThat(context.metricEvents().get(0).fields().get("metrics"))
        .isEqualTo(Map.of("uid", (double) UserAccount.lookup("nobody").orElseThrow().uid()));

    Path pidFile = dir.resolve("nobody-child.pid");
    Files.createFile(pidFile);
    Files.setPosixFilePermissions(pidFile, PosixFilePermissions.fromString("rw-rw-rw-"));
    Path fork = script("nobody-fork.sh", "( sleep 300 & echo $! > %s )\nsleep 300\n".formatted(pidFile));
    TestContext timedOut = run(Map.of("command", fork.toString(), "username", "nobody"), Duration.ofSeconds(2));
    assertThat(timedOut.onlyGatherUp()).containsEntry("code", "2304");
    long child = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(Processes.awaitGone(child, Duration.ofSeconds(10))).as("nobody's child %d is dead", child).isTrue();
  }

  @Test
  void unknownUserNeverFallsBackToTheAgentAccount() throws Exception {
    Path id = script("id.sh", "echo \"uid $(id -u)\"\n");
    TestContext context = run(Map.of("command", id.toString(), "username", "no-such-user-bkm"), Duration.ofSeconds(10));
    assertThat(context.metricEvents()).isEmpty();
    assertThat(context.onlyGatherUp()).containsEntry("code", "2301");
  }

  @Test
  void noGatherUpWithoutItsDataId() throws Exception {
    Path script = script("ok.sh", "echo 'm 1'\n");
    TestContext context = new TestContext(TestContext.task(Map.of("command", script.toString()), Duration.ofSeconds(10))) {
      @Override
      public int gatherUpDataId() {
        return 0;
      }
    };
    try (ScriptCollector collector = (ScriptCollector) new ScriptCollectorProvider().create(context)) {
      collector.collect(Instant.now().plusSeconds(10));
      assertThat(collector.counters()).containsEntry("runs", 1L);
    }
    assertThat(context.metricEvents()).hasSize(1);
    assertThat(context.gatherUps()).isEmpty();
  }

  @Test
  void countersCountOutcomes() throws Exception {
    Path script = script("bad.sh", "echo 'x y z'\n");
    Map<String, Object> settings = new HashMap<>(Map.of("command", script.toString()));
    TestContext context = new TestContext(TestContext.task(settings, Duration.ofSeconds(10)));
    try (ScriptCollector collector = (ScriptCollector) new ScriptCollectorProvider().create(context)) {
      collector.collect(Instant.now().plusSeconds(10));
      collector.collect(Instant.now().plusSeconds(10));
      assertThat(collector.counters()).containsEntry("runs", 2L).containsEntry("format_errors", 2L)
          .containsEntry("runs_failed", 0L);
    }
  }

  @Test
  void aRunWithoutAConcurrencyPermitIsSkippedAndCounted() throws Exception {
    Path script = script("ok.sh", "echo 'm 1'\n");
    TestContext context = new TestContext(TestContext.task(Map.of("command", script.toString()), Duration.ofSeconds(10))) {
      @Override
      public io.bkmonitorbeat.api.ConcurrencyLimiter limiter() {
        return deadline -> {
          throw new java.util.concurrent.TimeoutException("all permits taken");
        };
      }
    };
    try (ScriptCollector collector = (ScriptCollector) new ScriptCollectorProvider().create(context)) {
      collector.collect(Instant.now().plusSeconds(10));
      assertThat(collector.counters()).containsEntry("runs", 0L).containsEntry("runs_without_permit", 1L);
    }
    assertThat(context.events).isEmpty();
  }

  @Test
  void closeKillsARunInFlightWhichReportsNothing() throws Exception {
    Path pidFile = dir.resolve("close-child.pid");
    Path script = script("long.sh", "( sleep 300 & echo $! > %s )\nsleep 300\n".formatted(pidFile));
    TestContext context = new TestContext(TestContext.task(Map.of("command", script.toString()), Duration.ofSeconds(30)));
    ScriptCollector collector = (ScriptCollector) new ScriptCollectorProvider().create(context);
    Thread run = new Thread(() -> {
      try {
        collector.collect(Instant.now().plusSeconds(30));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    run.start();
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Files.exists(pidFile) || Files.size(pidFile) == 0) {
      assertThat(System.nanoTime() - until).isNegative();
      Thread.sleep(20);
    }
    collector.close();
    run.join(10_000);
    assertThat(run.isAlive()).isFalse();
    assertThat(context.events).isEmpty();
    long child = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(Processes.awaitGone(child, Duration.ofSeconds(10))).as("child %d", child).isTrue();
  }
}

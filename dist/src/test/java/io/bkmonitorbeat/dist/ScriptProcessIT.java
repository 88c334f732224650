package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tarball as a daemon with script tasks in a child file: a script's Prometheus output
 * arrives as {@code script} events with a gather-up event on {@code gather_up_beat.dataid}, and a
 * script that forks a child and sleeps past its timeout is reported as 2304 with its whole
 * process tree killed.
 */
class ScriptProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

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
  void scriptOutputBecomesEventsAndTimeoutsKillTheProcessTree() throws Exception {
    Path ok = script("ok.sh", """
        echo '# TYPE queue_depth gauge'
        echo "queue_depth{queue=\\"$QUEUE\\"} 17"
        """);
    Path orphanPid = work.resolve("orphan.pid");
    Path slow = script("slow.sh", """
        ( sleep 300 & echo $! > %s )
        sleep 300
        """.formatted(orphanPid));
    Path child = Files.createDirectories(work.resolve("child"));
    Files.writeString(child.resolve("bkmonitorbeat_script.conf"), """
        type: script
        name: script_task
        version: 1.0.0
        max_timeout: 10s
        min_period: 1s
        dataid: 1500001
        tasks:
          - task_id: 61
            bk_biz_id: 2
            period: 1s
            timeout: 5s
            command: %s
            user_env: {QUEUE: orders}
            labels: [{bk_target_ip: 127.0.0.1}]
          - task_id: 62
            bk_biz_id: 2
            period: 10s
            timeout: 2s
            command: %s
        """.formatted(ok, slow));
    Path config = Installation.writeConfig(work, gse, """
        bkmonitorbeat:
          bk_biz_id: 2
          include: %s
          gather_up_beat.dataid: 1100017
        """.formatted(child));

    try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
      Frame metrics = awaitFrame(f -> f.dataId() == 1500001, agent);
      assertThat(metrics.payload())
          .containsEntry("type", "script").containsEntry("task_id", 61).containsEntry("error_code", 0)
          .containsEntry("metrics", Map.of("queue_depth", 17.0))
          .containsEntry("dimensions", Map.of("queue", "orders", "bk_biz_id", 2))
          .containsEntry("group_info", List.of(Map.of("bk_target_ip", "127.0.0.1")))
          .containsEntry("bk_agent_id", "agent-x")
          .containsKeys("time", "usertime", "localtime", "utctime", "cost_time", "gseindex");
      Frame up = awaitFrame(f -> f.dataId() == 1100017 && "61".equals(dimension(f).get("task_id")), agent);
      assertThat(dimension(up)).containsEntry("bkm_up_code", "0").containsEntry("bk_collect_type", "script");

      Frame timedOut = awaitFrame(f -> f.dataId() == 1100017 && "62".equals(dimension(f).get("task_id")), agent);
      assertThat(dimension(timedOut)).containsEntry("bkm_up_code", "2304")
          .containsEntry("bkm_up_code_name", "ScriptRunTimeout");
      long orphan = Long.parseLong(Files.readString(orphanPid).trim());
      assertThat(awaitDead(orphan)).as("the timed-out script's orphaned child %d is dead", orphan).isTrue();

      agent.signal("TERM");
      assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
      assertThat(agent.stderr()).doesNotContain("Exception in thread")
          .as("scripts start with posix_spawn through the host's jnr-ffi")
          .doesNotContain("posix_spawn through jnr-ffi is not usable").doesNotContain("libc is not callable");
    }
  }

  private Path script(String name, String body) throws IOException {
    Path file = work.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dimension(Frame frame) {
    Object data = frame.payload().get("data");
    if (!(data instanceof List<?> list) || list.isEmpty()) {
      return Map.of();
    }
    return (Map<String, Object>) ((Map<String, Object>) list.get(0)).get("dimension");
  }

  private static boolean awaitDead(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat.charAt(stat.lastIndexOf(')') + 2) == 'Z') {
          return true;
        }
      } catch (IOException gone) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  private Frame awaitFrame(Predicate<Frame> wanted, AgentProcess agent) throws InterruptedException {
    return agent.awaitFrame(gse, wanted, WAIT);
  }
}

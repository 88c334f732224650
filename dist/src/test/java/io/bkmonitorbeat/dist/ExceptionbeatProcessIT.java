package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tarball as a daemon with an {@code exceptionbeat_task}: thresholds this machine trips
 * (any use, less than 1 PB free) give a disk-space alarm for its real file systems (when it has
 * one: a container on an overlay root may not), and a core file written
 * into the configured core directory ({@code corefile_pattern}, so the machine's core_pattern is
 * not touched) gives a core file alarm. Both in the GSE basic-alarm envelope, with the GSE agent's
 * identity; SIGTERM stops the detectors cleanly.
 */
class ExceptionbeatProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(45);

  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"bk_biz_id\":5,\"cloudid\":0,\"ip\":\"127.0.0.1\","
          + "\"bk_agent_id\":\"agent-x\",\"hostid\":42}");

  @TempDir Path work;

  @Test
  void diskSpaceAndCoreFileAlarmsReachTheGseAgent() throws Exception {
    Installation installation = Installation.unpack(work);
    Path cores = Files.createDirectories(work.resolve("cores"));
    Path config = Installation.writeConfig(work, gse, """
        bkmonitorbeat:
          bk_biz_id: 5
          exceptionbeat_task:
            task_id: 102
            dataid: 1000
            period: 1m
            check_bit: "C_DISK_SPACE|C_DISKRO|C_CORE|C_OOM"
            check_disk_ro_interval: 1
            check_disk_space_interval: 1
            check_oom_interval: 10
            used_max_disk_space_percent: 1
            free_min_disk_space: 1000000
            corefile_pattern: %s/core_%%e_%%s_%%t
            disk_ro_black_list: ["docker", "container", "k8s", "kubelet", "blueking"]
        """.formatted(cores));

    try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
      if (hasRealFileSystem()) {
        assertDiskSpaceAlarm(agent);
      }

      awaitLog(agent, "watching " + cores); // files from before the watch are not new
      Path core = cores.resolve("core_myservice_11_1700000000");
      Files.write(core, new byte[] {0x7f, 'E', 'L', 'F'});
      Frame coreFrame = awaitFrame(agent, frame -> extra(frame) != null
          && core.toString().equals(extra(frame).get("corefile")));
      assertThat(extra(coreFrame)).containsEntry("type", 7).containsEntry("executable", "myservice")
          .containsEntry("signal", "SIGSEGV").containsEntry("count", 1).containsEntry("filesize", 0);
      assertThat(value(coreFrame)).containsEntry("event_type", "gse_basic_alarm_type");
      assertThat(coreFrame.payload()).containsEntry("utctime2", "2023-11-14 22:13:20");

      agent.signal("TERM");
      assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
      assertThat(agent.stderr()).doesNotContain("Exception in thread")
          .doesNotContain("still alive");
    }
  }

  private void assertDiskSpaceAlarm(AgentProcess agent) throws InterruptedException {
    Frame space = awaitFrame(agent, frame -> extra(frame) != null
        && Integer.valueOf(6).equals(extra(frame).get("type")));
    assertThat(space.payload()).containsEntry("dataid", 1000).containsEntry("isdst", 0)
        .containsEntry("server", "127.0.0.1").containsKeys("time", "timezone", "utctime",
            "utctime2", "value");
    assertThat(extra(space)).containsEntry("host", "127.0.0.1").containsEntry("cloudid", 0)
        .containsKeys("bizid", "disk", "file_system", "fstype", "avail", "size", "used",
            "used_percent", "free");
  }

  /**
   * Whether this machine mounts a real file system (not only overlay, tmpfs...): in a container
   * whose root is an overlay there may be none, and then no disk-space alarm can come.
   */
  private static boolean hasRealFileSystem() throws java.io.IOException {
    java.util.Set<String> nodev = new java.util.HashSet<>();
    for (String line : Files.readAllLines(Path.of("/proc/filesystems"))) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 2 && fields[0].equals("nodev")) {
        nodev.add(fields[1]);
      }
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
      String[] fields = line.split(" ");
      if (fields.length > 2 && !fields[0].equals("none") && !nodev.contains(fields[2])) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> value(Frame frame) {
    Object value = frame.payload().get("value");
    return value instanceof List<?> list && !list.isEmpty() ? (Map<String, Object>) list.get(0) : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> extra(Frame frame) {
    Map<String, Object> value = value(frame);
    return value == null ? null : (Map<String, Object>) value.get("extra");
  }

  private static void awaitLog(AgentProcess agent, String text) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!agent.stderr().contains(text)) {
      if (System.nanoTime() > deadline || !agent.isAlive()) {
        throw new AssertionError("the log never said '" + text + "':\n" + agent.stderr());
      }
      Thread.sleep(100);
    }
  }

  private Frame awaitFrame(AgentProcess agent, Predicate<Frame> wanted) throws InterruptedException {
    return agent.awaitFrame(gse, frame -> frame.dataId() == 1000 && wanted.test(frame), WAIT);
  }
}

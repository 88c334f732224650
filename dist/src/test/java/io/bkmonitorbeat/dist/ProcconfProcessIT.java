package io.bkmonitorbeat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.testkit.FakeGseAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tarball as a daemon with a CMDB host-id file, a {@code procconf_task} and a {@code
 * procsync_task}: the generated child configs appear in the include directory, the agent reloads
 * through its own reload path (its log says who asked), an unchanged input changes nothing, and a
 * changed process list in the host-id file is written and reloaded again. The generated
 * processbeat and proccustom tasks run and send events.
 */
class ProcconfProcessIT {
  // The host checks the host-id file every 10 s; procconf runs every second.
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final Pattern PROCCONF_RELOADS =
      Pattern.compile("Configuration applied \\(requested by [^\\n]*procconf/103");
  private static final Pattern PROCSYNC_RELOADS =
      Pattern.compile("Configuration applied \\(requested by [^\\n]*procsync/104");

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
  void cmdbProcessListChangesAreWrittenAsChildConfigsAndReloadTheAgent() throws Exception {
    Path child = Files.createDirectories(work.resolve("etc/bkmonitorbeat"));
    Path sources = Files.createDirectories(work.resolve("etc/processbeat"));
    Path hostId = work.resolve("hostid");
    writeHostId(hostId, "nginx", "80,443");
    Files.writeString(sources.resolve("java.yaml"),
        "period: 10s\ndataid: 1500008\nconfig: {match_pattern: java}\n");
    Path config = Installation.writeConfig(work, gse, """
        bkmonitorbeat:
          host_id_path: %s
          include: %s
          procconf_task:
            task_id: 103
            period: 1s
            min_period: 1s
            perfdataid: 1007
            portdataid: 1013
            converge_pid: true
            hostfilepath: %1$s
            dst_dir: %2$s
          procsync_task:
            task_id: 104
            period: 1s
            min_period: 1s
            dst_dir: %2$s
        """.formatted(hostId, child));

    try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
      Path processbeat = child.resolve("bkmonitorbeat_processbeat.conf");
      await(agent, "the processbeat config", () -> contains(processbeat, "- name: nginx"));
      await(agent, "the proccustom config",
          () -> contains(child.resolve("monitor_process_java.yaml.conf"), "match_pattern: java"));
      await(agent, "a reload requested by procconf", () -> count(PROCCONF_RELOADS, agent.stderr()) >= 1);
      // The generated tasks run: processbeat sends perf (1007, nginx "not exists") and
      // proccustom (match_pattern java) sees at least the agent's own JVM (1500008).
      await(agent, "events of the generated tasks", () -> seen(1007) && seen(1500008));
      assertThat(agent.stderr()).doesNotContain("no plugin serves task type 'processbeat'")
          .doesNotContain("no plugin serves task type 'proccustom'");
      assertThat(Files.readString(processbeat))
          .contains("perfdataid: 1007", "portdataid: 1013", "converge_pid: true", "- 443",
              "bindip: 10.0.0.5");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(processbeat)))
          .isEqualTo("rw-r--r--"); // gap 17: not world-writable

      // Unchanged input: several more runs of both tasks write nothing and reload nothing.
      FileTime written = Files.getLastModifiedTime(processbeat);
      Object inode = Files.getAttribute(processbeat, "unix:ino");
      Thread.sleep(4_000);
      assertThat(Files.getLastModifiedTime(processbeat)).isEqualTo(written);
      assertThat(Files.getAttribute(processbeat, "unix:ino")).isEqualTo(inode);
      assertThat(count(PROCCONF_RELOADS, agent.stderr())).isEqualTo(1);
      assertThat(count(PROCSYNC_RELOADS, agent.stderr())).isEqualTo(1);

      // The CMDB changes the host's process list: procconf rewrites and the agent reloads again.
      writeHostId(hostId, "sshd", "22");
      await(agent, "the new process list", () -> contains(processbeat, "- name: sshd"));
      await(agent, "a second reload requested by procconf", () -> count(PROCCONF_RELOADS, agent.stderr()) >= 2);
      assertThat(Files.readString(processbeat)).doesNotContain("nginx");

      agent.signal("TERM");
      assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
      assertThat(agent.stderr()).doesNotContain("Exception in thread");
    }
  }

  private static void writeHostId(Path file, String process, String ports) throws Exception {
    Files.writeString(file, """
        {"bk_host_id": 42, "bk_cloud_id": 0, "bk_host_innerip": "10.0.0.5",
         "associations": {"1": {"bk_biz_id": 3, "bk_set_id": 6, "bk_module_id": 7}},
         "process": [{"bk_func_name": "%s", "bk_process_name": "%1$s", "bind_ip": "3",
                      "port": "%s", "protocol": "1", "bk_start_param_regex": ""}]}
        """.formatted(process, ports));
  }

  private final java.util.Set<Integer> dataIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private boolean seen(int dataId) {
    try {
      for (FakeGseAgent.Frame frame = gse.poll(Duration.ofMillis(50)); frame != null;
          frame = gse.poll(Duration.ofMillis(50))) {
        dataIds.add(frame.dataId());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return dataIds.contains(dataId);
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.isRegularFile(file) && Files.readString(file).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static int count(Pattern pattern, String log) {
    Matcher matcher = pattern.matcher(log);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }

  private static void await(AgentProcess agent, String what, BooleanSupplier done)
      throws InterruptedException {
    agent.await(what, done, WAIT);
  }
}

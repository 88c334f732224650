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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tarball as a daemon with a {@code basereport_task}, a {@code static_task} in the main
 * file and a child file of {@code type: static} (runtime gap G-13: the original rejected it): the
 * basereport and static events reach the GSE agent with the spec's keys.
 */
class HostMetricsProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(45);

  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":0,\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"agent-x\",\"hostid\":42}");

  @TempDir Path work;
  private Installation installation;

  @BeforeEach
  void unpack() throws Exception {
    installation = Installation.unpack(work);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void basereportAndStaticFromTheMainFileAndAStaticChildFile() throws Exception {
    Path child = Files.createDirectories(work.resolve("child"));
    Files.writeString(child.resolve("static.conf"), """
        type: static
        name: child_static
        version: 1.0
        dataid: 1100011
        tasks:
          - {task_id: 200, period: 1s, check_period: 1m, report_period: 6h}
        """);
    Path config = Installation.writeConfig(work, gse, """
        bkmonitorbeat:
          bk_biz_id: 2
          ignore_cmdb_level: true
          include: %s
          basereport_task:
            task_id: 101
            dataid: 1001
            period: 2s
            min_period: 1s
            cpu: {stat_times: 2}
            disk:
              collect_all_device: true
              mountpoint_black_list: [docker, container, k8s, kubelet, blueking]
            net:
              interface_black_list: [veth, cni, docker, flannel, tunnat, cbr, kube-ipvs, dummy]
              force_report_list: [bond]
          static_task:
            dataid: 1100010
            min_period: 1s
            tasks:
              - {task_id: 100, period: 1s, check_period: 1m, report_period: 6h,
                 virtual_iface_whitelist: [bond1]}
        """.formatted(child));

    try (AgentProcess agent = installation.start(work, "-c", config.toString())) {
      Frame base = awaitFrame(f -> f.dataId() == 1001, agent);
      assertThat(base.payload()).containsEntry("type", "basereport")
          .containsEntry("node_id", "0:127.0.0.1").containsEntry("dataid", 1001);
      Map<String, Object> data = map(base.payload().get("data"));
      assertThat(data).containsKeys("timezone", "datetime", "utctime", "country", "city", "cpu",
          "env", "disk", "load", "mem", "net", "system");
      assertThat(map(data.get("cpu"))).containsKeys("cpuinfo", "per_usage", "total_usage",
          "per_stat", "total_stat");
      assertThat((List<?>) map(data.get("disk")).get("usage")).isNotEmpty();
      assertThat(map(map(data.get("net")).get("netstat"))).containsKeys("listen", "established");
      assertThat(map(map(data.get("system")).get("info"))).containsEntry("os", "linux");

      Frame stat = awaitFrame(f -> f.dataId() == 1100010, agent);
      assertThat(stat.payload()).containsEntry("type", "static").doesNotContainKey("bk_cmdb_level");
      Map<String, Object> sdata = map(stat.payload().get("data"));
      assertThat(sdata).containsKeys("cpu", "mem", "disk", "net", "system", "timestamp")
          .containsEntry("apiVer", "v1.0").containsEntry("oper", "add");

      Frame childStatic = awaitFrame(f -> f.dataId() == 1100011, agent);
      assertThat(map(childStatic.payload().get("data"))).containsEntry("oper", "add");

      agent.signal("TERM");
      assertThat(agent.awaitExit(30)).as("exit status after SIGTERM").isZero();
      assertThat(agent.stderr()).doesNotContain("Exception in thread")
          .doesNotContain("basereport module");
    }
  }

  /** Every frame received so far: the tasks' events arrive in any order. */
  private final List<Frame> seen = new java.util.ArrayList<>();

  private Frame awaitFrame(Predicate<Frame> wanted, AgentProcess agent) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Frame f : seen) {
        if (wanted.test(f)) {
          return f;
        }
      }
      Frame frame = gse.poll(Duration.ofMillis(200));
      if (frame != null) {
        seen.add(frame);
      }
      if (!agent.isAlive()) {
        throw new AssertionError("bkmonitorbeat exited; stderr:\n" + agent.stderr());
      }
    }
    throw new AssertionError("no wanted frame within " + WAIT + "; stderr:\n" + agent.stderr());
  }
}

package io.bkmonitorbeat.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.HostIdentity;
import io.bkmonitorbeat.api.Settings;
import io.bkmonitorbeat.api.TaskSpec;
import io.bkmonitorbeat.host.plugin.PluginCatalog;
import io.bkmonitorbeat.host.schedule.ConcurrencyLimits;
import io.bkmonitorbeat.host.schedule.ScheduledTask;
import io.bkmonitorbeat.testkit.PluginJar;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSupervisorTest {
  @TempDir Path plugins;
  @TempDir Path state;

  private final RecordingOutput output = new RecordingOutput();
  private final FakeRunner runner = new FakeRunner();
  private PluginCatalog catalog;
  private TaskSupervisor supervisor;

  @BeforeEach
  void setUp() {
    PluginJar.builder(plugins.resolve("probe.jar"), "probe")
        .source("acme.probe.ProbeProvider", """
            package acme.probe;
            import io.bkmonitorbeat.api.*;
            import java.time.Instant;
            public class ProbeProvider implements CollectorProvider {
              public String type() { return "probe"; }
              public Collector create(CollectorContext context) {
                int port = context.task().settings().integer("port", 0);
                if (port <= 0) {
                  throw context.task().settings().error("port", "must be positive");
                }
                return new PolledCollector() {
                  private final java.util.concurrent.atomic.AtomicLong runs = new java.util.concurrent.atomic.AtomicLong();
                  public java.util.Map<String, Long> counters() { return java.util.Map.of("runs", runs.get()); }
                  public void collect(Instant deadline) {
                    runs.incrementAndGet();
                    boolean pluginLoader = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                    context.sink().emit(Event.builder("probe", context.task().dataId())
                        .put("status", 0).put("port", port).put("tccl_is_plugin", pluginLoader)
                        .put("gather_up_dataid", context.gatherUpDataId())
                        .put("disable_netlink", context.agentSettings().bool("disable_netlink", false)).build());
                  }
                  public void close() { System.setProperty("closed." + context.task().taskId(), "yes"); }
                };
              }
            }""")
        .extension("acme.probe.ProbeProvider")
        .source("acme.probe.FlakyListener", """
            package acme.probe;
            import io.bkmonitorbeat.api.*;
            import java.util.concurrent.atomic.AtomicInteger;
            public class FlakyListener implements CollectorProvider {
              static final AtomicInteger STARTS = new AtomicInteger();
              public String type() { return "listener"; }
              public Collector create(CollectorContext context) {
                return new StreamingCollector() {
                  public void start() {
                    if (STARTS.incrementAndGet() == 1) {
                      throw new IllegalStateException("port busy");
                    }
                    context.sink().emit(Event.builder("listener", context.task().dataId()).put("attempt", STARTS.get()).build());
                  }
                  public void close() {}
                };
              }
            }""")
        .extension("acme.probe.FlakyListener")
        .build();
    catalog = new PluginCatalog(plugins);
    catalog.loadAll();
    supervisor = new TaskSupervisor(catalog, runner, new ConcurrencyLimits(Map.of()), new EventPipeline(output,
        new Enrichment("127.0.0.1", 0, List.of(), true)), AgentView.of(TaskSupervisorTest::identity), state, true,
        Duration.ofMillis(100));
  }

  @AfterEach
  void tearDown() {
    supervisor.close(Duration.ofSeconds(1));
    catalog.close();
  }

  @Test
  void startsKnownTasksAndReportsTheOthersWithTheirReason() throws Exception {
    TaskSupervisor.ApplyResult result = supervisor.apply(List.of(
        task("probe", 1, Map.of("port", 80)),
        task("nosuch", 2, Map.of()),
        task("probe", 3, Map.of("port", -1))), Duration.ofSeconds(1));

    assertThat(result.added()).isEqualTo(1);
    assertThat(runner.tasks).containsOnlyKeys("probe-1");
    assertThat(result.problems()).extracting(TaskProblem::reason).containsExactlyInAnyOrder(
        "no plugin serves task type 'nosuch'",
        "/etc/child/probe.conf: tasks[0].port: must be positive, was '-1'");
    assertThat(supervisor.problems()).hasSize(2);

    runner.tasks.get("probe-1").run(Instant.now().plusSeconds(1));
    assertThat(output.next().fields())
        .containsEntry("port", 80).containsEntry("type", "probe").containsEntry("tccl_is_plugin", true);
  }

  @Test
  void contextsReadTheCurrentAgentSettings() throws Exception {
    supervisor.close(Duration.ofSeconds(1));
    java.util.concurrent.atomic.AtomicReference<io.bkmonitorbeat.api.Settings> agent =
        new java.util.concurrent.atomic.AtomicReference<>(agentSection(1100017, false));
    supervisor = new TaskSupervisor(catalog, runner, new ConcurrencyLimits(Map.of()), new EventPipeline(output,
        new Enrichment("127.0.0.1", 0, List.of(), true)),
        new AgentView(TaskSupervisorTest::identity, () -> io.bkmonitorbeat.api.HostCmdb.NONE,
            reason -> false, agent::get), state, true,
        Duration.ofMillis(100));
    supervisor.apply(List.of(task("probe", 41, Map.of("port", 1))), Duration.ofSeconds(1));
    runner.tasks.get("probe-41").run(Instant.now().plusSeconds(1));
    assertThat(output.next().fields())
        .containsEntry("gather_up_dataid", 1100017).containsEntry("disable_netlink", false);
    agent.set(agentSection(1100018, true)); // a reload changed the main file: running tasks see it
    runner.tasks.get("probe-41").run(Instant.now().plusSeconds(1));
    assertThat(output.next().fields())
        .containsEntry("gather_up_dataid", 1100018).containsEntry("disable_netlink", true);
  }

  private static io.bkmonitorbeat.api.Settings agentSection(int gatherUpDataId, boolean disableNetlink) {
    return io.bkmonitorbeat.api.Settings.of("main.yml", "bkmonitorbeat", Map.of(
        "gather_up_beat", Map.of("dataid", gatherUpDataId), "disable_netlink", disableNetlink));
  }

  @Test
  void keepsUnchangedTasksAndStopsAndClosesVanishedOnes() {
    supervisor.apply(List.of(task("probe", 11, Map.of("port", 1)), task("probe", 12, Map.of("port", 2))),
        Duration.ofSeconds(1));
    ScheduledTask first = runner.tasks.get("probe-11");

    TaskSupervisor.ApplyResult result = supervisor.apply(
        List.of(task("probe", 11, Map.of("port", 1)), task("probe", 13, Map.of("port", 3))),
        Duration.ofSeconds(1));

    assertThat(result.kept()).isEqualTo(1);
    assertThat(result.removed()).isEqualTo(1);
    assertThat(result.added()).isEqualTo(1);
    assertThat(runner.tasks).containsOnlyKeys("probe-11", "probe-13");
    assertThat(runner.tasks.get("probe-11")).isSameAs(first);
    assertThat(runner.removed).containsExactly("probe-12");
    assertThat(System.getProperty("closed.12")).isEqualTo("yes");
    assertThat(System.getProperty("closed.11")).isNull();
    assertThat(supervisor.activeByType()).containsEntry("probe", 2);
  }

  @Test
  void sumsTheCollectorsOwnCountersPerType() throws Exception {
    supervisor.apply(List.of(task("probe", 31, Map.of("port", 1)), task("probe", 32, Map.of("port", 2))),
        Duration.ofSeconds(1));
    runner.tasks.get("probe-31").run(Instant.now().plusSeconds(1));
    runner.tasks.get("probe-31").run(Instant.now().plusSeconds(1));
    runner.tasks.get("probe-32").run(Instant.now().plusSeconds(1));

    assertThat(supervisor.collectorCounters()).containsExactly(Map.entry("probe_runs", 3L));
  }

  @Test
  void retriesAStreamingTaskWhoseStartFailed() throws Exception {
    supervisor.apply(List.of(task("listener", 21, Map.of())), Duration.ofSeconds(1));

    assertThat(output.next().fields()).containsEntry("attempt", 2).containsEntry("type", "listener");
  }

  private static TaskSpec task(String type, int id, Map<String, Object> settings) {
    return new TaskSpec(type, type + "-" + id, id, 1009, 2, Duration.ofSeconds(10),
        Duration.ofSeconds(3), Duration.ofSeconds(3), List.of(),
        Settings.of("/etc/child/" + type + ".conf", "tasks[0]", settings), Settings.empty(),
        new TaskSpec.Source("/etc/child/" + type + ".conf", type + "_task", "1"));
  }

  private static HostIdentity identity() {
    return new HostIdentity("127.0.0.1", 0, 2, "agent", 1, "host");
  }

  private static final class FakeRunner implements PeriodicRunner {
    final Map<String, ScheduledTask> tasks = new ConcurrentHashMap<>();
    final List<String> removed = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void add(ScheduledTask task) {
      tasks.put(task.ident(), task);
    }

    @Override
    public CompletableFuture<Void> remove(String ident) {
      tasks.remove(ident);
      removed.add(ident);
      return CompletableFuture.completedFuture(null);
    }
  }
}

package io.bkmonitorbeat.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.host.config.ConfigLoader;
import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import io.bkmonitorbeat.testkit.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in-process with an empty {@code plugins/}: a jar copied in is picked up by the
 * directory watcher and its configured task starts; removed, the task stops; the report and
 * {@code plugins.json} follow; a leaking plugin with {@code restart_on_leak} asks for a restart.
 */
class AgentHotPluginsTest {
  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":0,\"ip\":\"127.0.0.1\",\"bk_agent_id\":\"a-1\",\"hostid\":77}");

  @TempDir Path dir;

  @AfterEach
  void stopRogueThreads() {
    System.setProperty("hot.leaky.stop", "true");
  }

  @Test
  void aJarCopiedInStartsItsTasksAndRemovedStopsThem() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path jar = echoJar(dir.resolve("build/echo.jar"));
    Path config = config("echo_task: {dataid: 1500, tasks: [{task_id: 1, period: 1s}]}");

    try (Agent agent = Agent.start(new AgentOptions(config, plugins, false),
        ConfigLoader.load(config, null, type -> true))) {
      assertThat(agent.pluginReport().plugins()).isEmpty();

      Files.copy(jar, plugins.resolve(".echo.jar.tmp"));
      Files.move(plugins.resolve(".echo.jar.tmp"), plugins.resolve("echo.jar"), StandardCopyOption.ATOMIC_MOVE);
      await(f -> f.dataId() == 1500);
      PluginReport report = agent.pluginReport();
      assertThat(report.plugins()).singleElement().satisfies(row -> {
        assertThat(row.id()).isEqualTo("echo");
        assertThat(row.state()).isEqualTo("STARTED");
        assertThat(row.tasks()).isEqualTo(1);
      });
      assertThat(agent.selfMetrics()).containsEntry("plugin_echo_tasks", 1).containsEntry("plugin_echo_up", 1)
          .containsEntry("plugins_loaded_total", 1L);
      Path state = dir.resolve("data").resolve(PluginReport.FILE_NAME);
      awaitTrue("plugins.json lists echo", () -> readsEcho(state));

      Files.delete(plugins.resolve("echo.jar"));
      // The report drops the row before the unload finishes: wait for the counter the unload ends with.
      awaitTrue("the plugin unloaded", () -> agent.pluginReport().plugins().isEmpty()
          && Long.valueOf(1).equals(agent.selfMetrics().get("plugins_unloaded_total")));
      assertThat(agent.selfMetrics()).containsEntry("tasks_running", 0);
      gse.drain(Duration.ofMillis(300));
      assertThat(gse.drain(Duration.ofMillis(2500))).as("no echo event after removal")
          .noneMatch(f -> f.dataId() == 1500);
      awaitTrue("the unloaded loader collected",
          () -> Long.valueOf(1).equals(agent.selfMetrics().get("plugins_collected_total")));
    }
  }

  @Test
  void withoutTheWatcherAReloadRescansPlugins() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path config = config("""
        echo_task: {dataid: 1500, tasks: [{task_id: 1, period: 1s}]}
        plugins: {watch: false, settle: 0s}""");

    try (Agent agent = Agent.start(new AgentOptions(config, plugins, false),
        ConfigLoader.load(config, null, type -> true))) {
      Files.copy(echoJar(dir.resolve("build/echo.jar")), plugins.resolve("echo.jar"));
      Thread.sleep(1500);
      assertThat(agent.pluginReport().plugins()).as("not watched").isEmpty();

      agent.requestReload("SIGUSR1");
      await(f -> f.dataId() == 1500);
      assertThat(agent.pluginReport().plugins()).singleElement()
          .satisfies(row -> assertThat(row.tasks()).isEqualTo(1));
    }
  }

  @Test
  void aLeakedClassLoaderWithRestartOnLeakAsksForARestart() throws Exception {
    System.setProperty("hot.leaky.stop", "false");
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    TestPlugins.leaky(plugins.resolve("leaky.jar"), "leaky", "hot-leaky-rogue", "hot.leaky.stop").build();
    Path config = config("""
        leaky_task: {dataid: 1501, tasks: [{task_id: 2}]}
        plugins: {restart_on_leak: true, settle: 100ms}""");

    try (Agent agent = Agent.start(new AgentOptions(config, plugins, false),
        ConfigLoader.load(config, null, type -> true))) {
      CountDownLatch restart = new CountDownLatch(1);
      agent.onRestartRequest(restart::countDown);
      awaitTrue("the leaky task running", () -> agent.pluginReport().plugins().size() == 1
          && agent.pluginReport().plugins().get(0).tasks() == 1);

      Files.delete(plugins.resolve("leaky.jar"));
      assertThat(restart.await(20, TimeUnit.SECONDS)).as("restart requested").isTrue();
      assertThat(agent.pluginReport().leaked()).singleElement()
          .satisfies(leak -> assertThat(leak.threads()).contains("hot-leaky-rogue"));
      assertThat(agent.selfMetrics()).containsEntry("plugins_leaked", 1L);
    }
  }

  private Path config(String tasks) throws Exception {
    return Files.writeString(dir.resolve("bkmonitorbeat.yml"), """
        output.bkpipe: {endpoint: %s}
        path.data: data
        bkmonitorbeat:
          mode: daemon
          node_id: "0:127.0.0.1"
          ip: 127.0.0.1
          bk_cloud_id: 0
          bk_biz_id: 2
          heart_beat: {global_dataid: 1100001, period: 1m, publish_immediately: false}
        """.formatted(gse.socketPath()) + indentTasks(tasks));
  }

  private static String indentTasks(String tasks) {
    StringBuilder text = new StringBuilder();
    for (String line : tasks.split("\n")) {
      text.append(line.startsWith("plugins:") ? "" : "  ").append(line).append('\n');
    }
    return text.toString();
  }

  static Path echoJar(Path jar) {
    return TestPlugins.echo(jar, "echo", "echo", "1.0.0").build();
  }

  private static boolean readsEcho(Path state) {
    try {
      return Files.exists(state) && PluginReport.read(state).plugins().stream()
          .anyMatch(row -> row.id().equals("echo") && row.tasks() == 1);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private Frame await(Predicate<Frame> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      Frame frame = gse.poll(Duration.ofMillis(200));
      if (frame != null && wanted.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no matching frame within 15 s");
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 15 s: " + what);
      }
      Thread.sleep(50);
    }
  }
}

package io.bkmonitorbeat.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.host.config.ConfigLoader;
import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import io.bkmonitorbeat.testkit.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two host services procconf needs, end to end in the agent: a plugin reads the host-id
 * file's process list ({@code CollectorContext.hostCmdb()}) and asks the host to reload after it
 * rewrote the configuration ({@code CollectorContext.requestReload()}).
 */
class PluginReloadTest {
  @RegisterExtension
  final FakeGseAgent gse = new FakeGseAgent()
      .agentInfo("{\"bizid\":3,\"cloudid\":3,\"ip\":\"10.0.0.5\",\"bk_agent_id\":\"a-1\",\"hostid\":77}");

  @TempDir Path dir;

  @Test
  void aPluginSeesTheCmdbProcessesAndItsReloadRequestReloadsTheAgent() throws Exception {
    // The writer task (task 1) adds task 2 to the main file on its first run and asks for a
    // reload. Nothing else watches the main file, so task 2 only runs if the request works.
    PluginJar.builder(dir.resolve("plugins/writer.jar"), "writer")
        .source("acme.writer.WriterProvider", """
            package acme.writer;
            import io.bkmonitorbeat.api.*;
            import java.nio.file.*;
            import java.time.Instant;
            public class WriterProvider implements CollectorProvider {
              public String type() { return "writer"; }
              public Collector create(CollectorContext context) {
                return new PolledCollector() {
                  public void collect(Instant deadline) throws Exception {
                    Path main = Path.of(context.task().source().file());
                    String text = Files.readString(main);
                    boolean accepted = false;
                    if (context.task().taskId() == 1 && !text.contains("task_id: 2")) {
                      Files.writeString(main, text.replace("{task_id: 1, period: 1s}",
                          "{task_id: 1, period: 1s}, {task_id: 2, period: 1s}"));
                      accepted = context.requestReload("added task 2");
                    }
                    HostCmdb cmdb = context.hostCmdb();
                    context.sink().emit(Event.builder("writer", context.task().dataId())
                        .put("task_id", context.task().taskId()).put("accepted", accepted)
                        .put("loaded", cmdb.loaded()).put("outer", cmdb.outerIp())
                        .put("func", cmdb.processes().get(0).funcName()).build());
                  }
                  public void close() {}
                };
              }
            }""")
        .extension("acme.writer.WriterProvider")
        .build();
    Files.writeString(dir.resolve("hostid"), """
        {"bk_host_innerip": "10.0.0.5", "bk_host_outerip": "203.0.113.7", "bk_cloud_id": 3,
         "process": [{"bk_func_name": "nginx", "port": "80"}]}
        """);
    Path config = Files.writeString(dir.resolve("bkmonitorbeat.yml"), """
        output.bkpipe: {endpoint: %s}
        path.data: data
        bkmonitorbeat:
          mode: daemon
          node_id: "0:127.0.0.1"
          ip: 127.0.0.1
          bk_cloud_id: 0
          host_id_path: %s
          heart_beat: {global_dataid: 1100001, period: 1m}
          writer_task:
            dataid: 1500
            min_period: 1s
            tasks: [{task_id: 1, period: 1s}]
        """.formatted(gse.socketPath(), dir.resolve("hostid")));

    try (Agent agent = Agent.start(new AgentOptions(config, dir.resolve("plugins"), false),
        ConfigLoader.load(config, null, type -> true))) {
      Frame first = await(f -> Boolean.TRUE.equals(f.payload().get("accepted")));
      assertThat(first.payload()).containsEntry("loaded", true)
          .containsEntry("outer", "203.0.113.7").containsEntry("func", "nginx");

      await(f -> Integer.valueOf(2).equals(f.payload().get("task_id")));
      assertThat(agent.selfMetrics()).containsEntry("tasks_running", 2);
    }
  }

  private Frame await(Predicate<Frame> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Frame frame = gse.poll(Duration.ofMillis(200));
      if (frame != null && wanted.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no matching frame within 20 s");
  }
}

package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Collector;
import io.bkmonitorbeat.api.StreamingCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole collector as the host drives it: created by the provider, started, closed. */
class ExceptionbeatCollectorTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  @TempDir Path dir;

  @Test
  void providerServesExceptionbeatAndIdlesWithoutADataId() {
    ExceptionbeatCollectorProvider provider = new ExceptionbeatCollectorProvider();
    assertThat(provider.type()).isEqualTo("exceptionbeat");
    Collector idle = provider.create(new TestContext(TestContext.task(Map.of()), dir));
    assertThat(idle).isInstanceOf(ExceptionbeatCollectorProvider.Idle.class);
    Collector running = provider.create(new TestContext(TestContext.task(Map.of("dataid", 1000,
        "check_bit", "C_DISK_SPACE")), dir));
    assertThat(running).isInstanceOf(ExceptionbeatCollector.class);
    running.close();
  }

  @Test
  void detectorsRunOnHostThreadsAndStopAtClose() throws Exception {
    Path cores = Files.createDirectories(dir.resolve("cores"));
    Path root = Files.createDirectories(dir.resolve("root"));
    Path pattern = Files.writeString(dir.resolve("core_pattern"), cores + "/core.%e.%p\n");
    // A mount table with one real file system: the test's directory (whatever this machine's
    // root is), so the disk-space check has something to alarm on.
    Path proc = Files.createDirectories(dir.resolve("proc/1"));
    Files.writeString(proc.resolve("mounts"), "/dev/test1 " + dir + " ext4 rw,relatime 0 0\n");
    Files.writeString(dir.resolve("proc/filesystems"), "nodev\ttmpfs\n\text4\n");
    Path usesPid = Files.writeString(dir.resolve("core_uses_pid"), "0\n");
    TestContext context = new TestContext(TestContext.task(Map.of("dataid", 1000,
        "check_disk_space_interval", "300ms", "check_disk_ro_interval", "300ms",
        "oom_report_gap", "300ms", "used_max_disk_space_percent", 1,
        "free_min_disk_space", 1_000_000)), dir.resolve("state"));
    ExceptionbeatCollector collector = new ExceptionbeatCollector(context,
        ExceptionbeatSettings.parse(context.task()),
        new ExceptionbeatCollector.SystemPaths(dir.resolve("proc"), root, pattern, usesPid,
            dir.resolve("no-kmsg").toString()),
        DiskUsage::ofFileStore);
    StreamingCollector streaming = collector;
    streaming.start();
    try {
      context.await(WAIT, extra -> Integer.valueOf(6).equals(extra.get("type"))
          && dir.toString().equals(extra.get("disk")) && "/dev/test1".equals(extra.get("file_system")));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!collector.coreWatching() && System.nanoTime() < deadline) {
        Thread.sleep(20); // the watch is set up on the core thread
      }
      Path core = cores.resolve("core.myapp.4242");
      Files.write(core, new byte[] {0x7f, 'E', 'L', 'F'});
      context.await(WAIT, extra -> core.toString().equals(extra.get("corefile")));
      assertThat(Files.exists(dir.resolve("state/diskro-history"))).as("RO history persisted")
          .isTrue();
      assertThat(collector.counters()).containsKeys("events_sent", "events_dropped", "core_files",
          "kmsg_records", "oom_kills").containsEntry("core_files", 1L);
      assertThat(collector.counters().get("events_sent")).isGreaterThanOrEqualTo(2L);
    } finally {
      collector.close();
      collector.close(); // idempotent
    }
    assertThat(context.threads).isNotEmpty().allSatisfy(t -> assertThat(t.isAlive())
        .as(t.getName() + " ended").isFalse());
    assertThat(context.threadNames).anyMatch(n -> n.contains("corefile"))
        .anyMatch(n -> n.contains("kmsg")).anyMatch(n -> n.contains("scheduler"));
  }

  @Test
  void theOpenOomWindowIsSentAtClose() throws Exception {
    Path proc = Files.createDirectories(dir.resolve("proc"));
    Path vmstat = Files.writeString(proc.resolve("vmstat"), "oom_kill 5\n");
    TestContext context = new TestContext(TestContext.task(Map.of("dataid", 1000,
        "check_bit", "C_OOM", "oom_report_gap", "1h")), dir.resolve("state"));
    ExceptionbeatCollector collector = new ExceptionbeatCollector(context,
        ExceptionbeatSettings.parse(context.task()),
        new ExceptionbeatCollector.SystemPaths(proc, Files.createDirectories(dir.resolve("root")),
            dir.resolve("core_pattern"), dir.resolve("core_uses_pid"), dir.resolve("no-kmsg").toString()),
        DiskUsage::ofFileStore);
    collector.start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!collector.oomFallback() && System.nanoTime() < deadline) {
      Thread.sleep(20); // the reader thread finds no /dev/kmsg and takes the counter's baseline
    }
    Files.writeString(vmstat, "oom_kill 6\n");
    assertThat(context.events).isEmpty();
    collector.close();
    assertThat(context.events).singleElement().satisfies(event -> assertThat(
        TestContext.extra(event)).containsEntry("type", 9).containsEntry("total", 1L));
  }
}

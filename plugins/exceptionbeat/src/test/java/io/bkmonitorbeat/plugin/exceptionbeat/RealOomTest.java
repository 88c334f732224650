package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bkmonitorbeat.api.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real OOM kill, read from the real {@code /dev/kmsg}: a memory cgroup of the test with a 32 MB
 * limit and {@code tail /dev/zero} in it (tail keeps the one endless "line" in memory), which the
 * kernel kills. Only that process is affected; the kernel log gets one genuine memcg OOM report.
 * Needs root, a readable {@code /dev/kmsg} and a writable memory cgroup (v1 or v2); skipped with
 * the reason otherwise.
 */
class RealOomTest {
  private static final Path V1 = Path.of("/sys/fs/cgroup/memory");
  private static final Path V2 = Path.of("/sys/fs/cgroup");
  private final String name = "bkm-exb-test-" + UUID.randomUUID().toString().substring(0, 8);
  private Path cgroup;

  @AfterEach
  void removeCgroup() throws Exception {
    if (cgroup != null) {
      for (int i = 0; i < 50 && Files.exists(cgroup); i++) {
        try {
          Files.delete(cgroup); // rmdir; fails while the killed task is still leaving
        } catch (IOException e) {
          Thread.sleep(100);
        }
      }
    }
  }

  /** Creates the cgroup with a 32 MB limit; returns its cgroup.procs. */
  private Path createCgroup() throws Exception {
    long limit = 32L << 20;
    if (Files.isWritable(V1.resolve("cgroup.procs")) && Files.exists(V1.resolve("memory.limit_in_bytes"))) {
      cgroup = Files.createDirectory(V1.resolve(name));
      Files.writeString(cgroup.resolve("memory.limit_in_bytes"), Long.toString(limit));
      return cgroup.resolve("cgroup.procs");
    }
    if (Files.isReadable(V2.resolve("cgroup.subtree_control"))
        && Files.readString(V2.resolve("cgroup.subtree_control")).contains("memory")) {
      cgroup = Files.createDirectory(V2.resolve(name));
      Files.writeString(cgroup.resolve("memory.max"), Long.toString(limit));
      Files.writeString(cgroup.resolve("memory.swap.max"), "0");
      return cgroup.resolve("cgroup.procs");
    }
    return null;
  }

  @Test
  void aMemcgOomKillIsReportedWithItsCgroups() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/dev/kmsg")), "/dev/kmsg is readable (root)");
    Path procs;
    try {
      procs = createCgroup();
    } catch (IOException e) {
      procs = null;
    }
    assumeTrue(procs != null, "a writable memory cgroup (v1 memory hierarchy or v2 with memory)");

    Stats stats = new Stats();
    TestContext context = new TestContext(TestContext.task(Map.of("dataid", 1000)), Path.of("x"));
    Publisher publisher = new Publisher(new AlarmEnvelope(1000, Clock.systemUTC(),
        ZoneId.systemDefault(), context::hostIdentity), context.sink(), stats);
    OomDetector detector = new OomDetector(() -> new Kmsg("/dev/kmsg"), Path.of("/proc/vmstat"),
        publisher, stats);
    Thread reader = new Thread(detector, "kmsg-test");
    reader.start();
    try {
      long opened = System.nanoTime() + 30_000_000_000L;
      while (!detector.reading() && !detector.fallback() && System.nanoTime() < opened) {
        Thread.sleep(20); // binding libc can take a while on a loaded machine
      }
      assertThat(detector.fallback()).isFalse();
      assertThat(detector.reading()).as("/dev/kmsg open and at its end").isTrue();
      Process hog = new ProcessBuilder("sh", "-c",
          "echo $$ > " + procs + " && exec tail /dev/zero").redirectErrorStream(true).start();
      assertThat(hog.waitFor(60, TimeUnit.SECONDS)).as("the OOM killer ended tail").isTrue();
      assertThat(hog.exitValue()).as("killed by SIGKILL").isEqualTo(137);

      Event event = null;
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (event == null && System.nanoTime() < deadline) {
        detector.drain();
        event = context.events.stream()
            .filter(e -> "tail".equals(TestContext.extra(e).get("process"))).findFirst()
            .orElse(null);
        Thread.sleep(200);
      }
      assertThat(event).as("an OOM event for tail").isNotNull();
      String memcg = "/" + name;
      assertThat(TestContext.extra(event)).containsEntry("type", 9).containsEntry("total", 1L)
          .containsEntry("task", "tail").containsEntry("oom_memcg", memcg)
          .containsEntry("task_memcg", memcg).containsEntry("constraint", "CONSTRAINT_MEMCG")
          .containsEntry("message", "系统发生OOM异常事件");
    } finally {
      detector.close();
      reader.join(5_000);
    }
    assertThat(reader.isAlive()).isFalse();
  }
}

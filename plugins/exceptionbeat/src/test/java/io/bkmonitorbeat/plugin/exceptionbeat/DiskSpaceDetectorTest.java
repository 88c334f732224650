package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 4.4 with a mount table fixture and statvfs values given per mount. */
class DiskSpaceDetectorTest {
  private static final long GB = 1L << 30;
  @TempDir Path proc;
  private final Stats stats = new Stats();
  private final TestContext context =
      new TestContext(TestContext.task(Map.of("dataid", 1000)), Path.of("unused"));
  private final Publisher publisher = new Publisher(
      new AlarmEnvelope(1000, Clock.systemUTC(), ZoneId.systemDefault(), context::hostIdentity),
      context.sink(), stats);
  private final Map<String, DiskUsage> usages = Map.of(
      "/", new DiskUsage(100 * GB, 4 * GB, 96 * GB),           // 96 %, 4 GB free: alarm
      "/data", new DiskUsage(10_000 * GB, 500 * GB, 9_500 * GB), // 95 %, 500 GB free: no alarm
      "/small", new DiskUsage(20 * GB, 9 * GB, 11 * GB),       // 55 %: no alarm
      "/odd", new DiskUsage(10, 0, 20));                      // 100 %, 0 free: alarm

  @BeforeEach
  void mounts() throws Exception {
    Files.createDirectories(proc.resolve("1"));
    Files.writeString(proc.resolve("filesystems"), "nodev\ttmpfs\n\text4\n\txfs\n");
    Files.writeString(proc.resolve("1/mounts"), """
        /dev/vda1 / xfs rw 0 0
        /dev/vdb1 /data ext4 rw 0 0
        /dev/vdc1 /small ext4 rw 0 0
        /dev/vdd1 /odd ext4 rw 0 0
        /dev/vde1 /gone ext4 rw 0 0
        tmpfs /run tmpfs rw 0 0
        """);
  }

  private DiskSpaceDetector detector(Map<String, ?> settings) {
    return new DiskSpaceDetector(new MountSource(proc, stats), this::read,
        ExceptionbeatSettings.parse(TestContext.task(settings)), publisher, stats);
  }

  private DiskUsage read(String mountPoint) throws IOException {
    DiskUsage usage = usages.get(mountPoint);
    if (usage == null) {
      throw new IOException("statfs " + mountPoint + ": no such file or directory");
    }
    return usage;
  }

  @Test
  void bothThresholdsMustHoldAndDefaultsWork() throws Exception {
    detector(Map.of("dataid", 1000)).check(); // defaults: 90 %, 10 GB (gap 4)
    assertThat(context.events).hasSize(2);
    Event root = context.events.get(0);
    assertThat(TestContext.extra(root)).containsExactlyEntriesOf(orderedRoot());
    assertThat(TestContext.extra(context.events.get(1))).containsEntry("disk", "/odd")
        .containsEntry("used_percent", 100L).containsEntry("free", 0L);
    assertThat(context.events).extracting(e -> valueOf(e).get("event_raw_id"))
        .as("one bulk, one raw id").containsExactly(0L, 0L);
    assertThat(stats.statfsFailures.get()).isEqualTo(1);
  }

  @Test
  void thresholdsAreConfigurable() throws Exception {
    detector(Map.of("dataid", 1000, "used_max_disk_space_percent", 50,
        "free_min_disk_space", 1000)).check();
    assertThat(context.events).extracting(e -> TestContext.extra(e).get("disk"))
        .containsExactly("/", "/data", "/small", "/odd");
  }

  private static Map<String, Object> orderedRoot() {
    Map<String, Object> expected = new java.util.LinkedHashMap<>();
    expected.put("bizid", 2);
    expected.put("cloudid", 3);
    expected.put("host", "10.0.0.5");
    expected.put("type", 6);
    expected.put("disk", "/");
    expected.put("file_system", "/dev/vda1");
    expected.put("fstype", "xfs");
    expected.put("avail", 4 * GB / 1024);
    expected.put("size", 100 * GB / 1024);
    expected.put("used", 96 * GB / 1024);
    expected.put("used_percent", 96L);
    expected.put("free", 4L);
    return expected;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> valueOf(Event event) {
    return ((List<Map<String, Object>>) event.fields().get("value")).get(0);
  }
}

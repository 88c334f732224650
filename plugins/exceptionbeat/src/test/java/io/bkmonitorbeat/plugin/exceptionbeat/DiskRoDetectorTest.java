package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 4.3 on a mount table fixture (a fake /proc). */
class DiskRoDetectorTest {
  @TempDir Path proc;
  @TempDir Path state;
  private final Stats stats = new Stats();
  private final TestContext context =
      new TestContext(TestContext.task(Map.of("dataid", 1000)), Path.of("unused"));
  private final Publisher publisher = new Publisher(
      new AlarmEnvelope(1000, Clock.systemUTC(), ZoneId.systemDefault(), context::hostIdentity),
      context.sink(), stats);

  @BeforeEach
  void filesystems() throws Exception {
    Files.createDirectories(proc.resolve("1"));
    Files.writeString(proc.resolve("filesystems"), "nodev\tproc\nnodev\ttmpfs\n\text4\n\txfs\n");
  }

  private void mounts(String data, String docker, String backup) throws Exception {
    Files.writeString(proc.resolve("1/mounts"), """
        proc /proc proc rw,nosuid 0 0
        tmpfs /run tmpfs ro,nosuid 0 0
        /dev/vda1 / xfs rw,relatime 0 0
        /dev/vdb1 /data ext4 %s,relatime 0 0
        /dev/vdc1 /var/lib/docker ext4 %s,relatime 0 0
        /dev/vdd1 /backup ext4 %s,relatime 0 0
        """.formatted(data, docker, backup));
  }

  private DiskRoDetector detector(Map<String, ?> settings) {
    Map<String, Object> all = new java.util.HashMap<>(settings);
    all.put("dataid", 1000);
    return new DiskRoDetector(new MountSource(proc, stats), new RoHistory(state.resolve("h")),
        ExceptionbeatSettings.parse(TestContext.task(all)), publisher);
  }

  private List<Object> positions() {
    return context.events.stream().map(e -> roItem(e).get("position")).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> roItem(Event event) {
    return ((List<Map<String, Object>>) TestContext.extra(event).get("ro")).get(0);
  }

  @Test
  void aWritableMountTurningReadOnlyAlarmsUntilItIsWritableAgain() throws Exception {
    DiskRoDetector detector = detector(Map.of("disk_ro_black_list", List.of("docker")));
    mounts("rw", "rw", "ro");
    detector.check();
    assertThat(context.events).as("read-only from the start: no RW→RO transition seen").isEmpty();

    mounts("ro", "ro", "ro");
    detector.check();
    assertThat(context.events).singleElement().satisfies(event -> {
      assertThat(TestContext.extra(event)).containsExactlyInAnyOrderEntriesOf(Map.of("bizid", 2, "cloudid",
          3, "host", "10.0.0.5", "type", 3, "ro",
          List.of(Map.of("fs", "/dev/vdb1", "position", "/data", "type", "ext4"))));
      assertThat(event.fields()).containsEntry("dataid", 1000).containsEntry("server", "10.0.0.5");
    });

    detector.check();
    assertThat(positions()).as("repeats while read-only").containsExactly("/data", "/data");

    mounts("rw", "ro", "ro");
    detector.check();
    assertThat(positions()).as("writable again: the alarm ends").hasSize(2);
  }

  @Test
  void whiteListReportsAnyReadOnlyMountAndBlackListWins() throws Exception {
    DiskRoDetector detector = detector(Map.of("disk_ro_white_list", List.of("^/backup$", "docker"),
        "disk_ro_black_list", List.of("docker")));
    mounts("rw", "ro", "ro");
    detector.check();
    assertThat(positions()).containsExactly("/backup");
  }

  @Test
  void historySurvivesARestartAndForgetsMountsThatAreGone() throws Exception {
    mounts("rw", "rw", "rw");
    detector(Map.of()).check();
    assertThat(Files.readAllLines(state.resolve("h"))).contains("/dev/vdb1-ext4-/data");

    mounts("ro", "rw", "rw");
    detector(Map.of()).check(); // a new detector: the restarted agent
    assertThat(positions()).containsExactly("/data");

    // /data is unmounted, then mounted read-only on purpose: no longer a transition (gap 5).
    Files.writeString(proc.resolve("1/mounts"), "/dev/vda1 / xfs rw 0 0\n");
    detector(Map.of()).check();
    assertThat(Files.readAllLines(state.resolve("h"))).doesNotContain("/dev/vdb1-ext4-/data");
    mounts("ro", "rw", "rw");
    detector(Map.of()).check();
    assertThat(positions()).containsExactly("/data");
  }

  @Test
  void selfMountsAreTheFallback() throws Exception {
    Files.createDirectories(proc.resolve("self"));
    Files.writeString(proc.resolve("self/mounts"), "/dev/vdb1 /data ext4 rw 0 0\n");
    assertThat(new MountSource(proc, stats).physicalMounts()).extracting(Mount::mountPoint)
        .containsExactly("/data");
  }
}

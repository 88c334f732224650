package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bkmonitorbeat.api.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec 4.3 and 4.4 against the machine's real /proc/mounts and statvfs: a directory of the test's
 * temporary directory is bind-mounted onto another one, which is then remounted read-only and
 * writable again ({@code mount} needs root, as in CI; skipped otherwise).
 */
class RealMountTest {
  @TempDir Path dir;
  private Path target;
  private boolean mounted;
  private final Stats stats = new Stats();
  private final TestContext context =
      new TestContext(TestContext.task(Map.of("dataid", 1000)), Path.of("unused"));
  private final Publisher publisher = new Publisher(
      new AlarmEnvelope(1000, Clock.systemUTC(), ZoneId.systemDefault(), context::hostIdentity),
      context.sink(), stats);

  private static boolean run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
  }

  private void bindMount() throws Exception {
    Path source = Files.createDirectories(dir.resolve("source"));
    target = Files.createDirectories(dir.resolve("target"));
    mounted = run("mount", "--bind", source.toString(), target.toString());
    assumeTrue(mounted, "mount --bind needs root and a kernel that allows it here");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      run("umount", target.toString());
    }
  }

  private List<Event> ours() {
    List<Event> events = new ArrayList<>();
    for (Event event : context.events) {
      Object ro = TestContext.extra(event).get("ro");
      if (ro instanceof List<?> list && list.get(0) instanceof Map<?, ?> item
          && target.toString().equals(item.get("position"))) {
        events.add(event);
      }
    }
    return events;
  }

  @Test
  void aBindMountRemountedReadOnlyAlarmsAndStopsWhenWritable() throws Exception {
    bindMount();
    Mount real = new MountSource(Path.of("/proc"), stats).physicalMounts().stream()
        .filter(m -> m.mountPoint().equals(target.toString())).findFirst().orElse(null);
    assumeTrue(real != null, "the bind mount is of a real file system (not tmpfs/overlay)");
    DiskRoDetector detector = new DiskRoDetector(new MountSource(Path.of("/proc"), stats),
        new RoHistory(dir.resolve("history")),
        ExceptionbeatSettings.parse(TestContext.task(Map.of("dataid", 1000))), publisher);

    detector.check();
    assertThat(ours()).isEmpty();

    assertThat(run("mount", "-o", "remount,bind,ro", target.toString())).isTrue();
    assertThat(Files.isWritable(target) && canWrite(target)).isFalse();
    detector.check();
    assertThat(ours()).singleElement().satisfies(event -> assertThat(TestContext.extra(event))
        .containsEntry("type", 3)
        .containsEntry("ro", List.of(Map.of("fs", real.device(), "position", target.toString(),
            "type", real.fsType()))));

    assertThat(run("mount", "-o", "remount,bind,rw", target.toString())).isTrue();
    detector.check();
    assertThat(ours()).as("writable again").hasSize(1);
  }

  @Test
  void diskSpaceOfTheRealRootFileSystem() throws Exception {
    assumeTrue(new MountSource(Path.of("/proc"), stats).physicalMounts().stream()
        .anyMatch(m -> m.mountPoint().equals("/")), "/ is a real file system (not overlay)");
    DiskUsage root = DiskUsage.ofFileStore("/");
    assertThat(root.total()).isPositive();
    assertThat(root.used() + root.free()).isLessThanOrEqualTo(root.total());
    assertThat(root.usedPercent()).isBetween(0.0, 100.0);

    // Thresholds this machine trips: any use at all, and less than 1 PB free.
    DiskSpaceDetector detector = new DiskSpaceDetector(new MountSource(Path.of("/proc"), stats),
        DiskUsage::ofFileStore, ExceptionbeatSettings.parse(TestContext.task(Map.of(
            "dataid", 1000, "used_max_disk_space_percent", 1, "free_min_disk_space", 1_000_000))),
        publisher, stats);
    detector.check();
    assumeTrue(root.usedPercent() >= 1, "the root file system is in use");
    Map<String, Object> extra = context.events.stream().map(TestContext::extra)
        .filter(e -> "/".equals(e.get("disk"))).findFirst().orElseThrow();
    long usedPercent = (Long) extra.get("used_percent");
    assertThat(extra).containsEntry("type", 6).containsEntry("host", "10.0.0.5")
        .containsKeys("file_system", "fstype")
        .containsEntry("free", 100 - usedPercent);
    assertThat((Long) extra.get("size")).isEqualTo(root.total() / 1024);
    assertThat(usedPercent).isBetween(Math.round(root.usedPercent()) - 1,
        Math.round(root.usedPercent()) + 1);
    assertThat(context.events).extracting(e -> e.fields().get("value")).as("one raw id per check")
        .allSatisfy(v -> assertThat(((List<?>) v)).hasSize(1));
  }

  private static boolean canWrite(Path dir) {
    try {
      Files.delete(Files.createTempFile(dir, "w", ".tmp"));
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}

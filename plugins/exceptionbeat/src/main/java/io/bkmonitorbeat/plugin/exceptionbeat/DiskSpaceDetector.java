package io.bkmonitorbeat.plugin.exceptionbeat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk-space check (spec 4.4, type 6): a real file system alarms when its used percentage is
 * at least {@code used_max_disk_space_percent} <em>and</em> its free space is below {@code
 * free_min_disk_space} GB. Both conditions, as the original, so that a 95 % full 10 TB volume with
 * 500 GB left does not alarm; gap 4's defaults make the pair work when unconfigured. All hits of
 * one check are one bulk (one raw id). Confined to the scheduler thread.
 */
final class DiskSpaceDetector {
  static final int TYPE = 6;
  private static final Logger log = LoggerFactory.getLogger(DiskSpaceDetector.class);

  private final MountSource mounts;
  private final DiskUsage.Reader usage;
  private final int usedMaxPercent;
  private final long freeMinBytes;
  private final Publisher publisher;
  private final Stats stats;

  DiskSpaceDetector(MountSource mounts, DiskUsage.Reader usage, ExceptionbeatSettings settings,
      Publisher publisher, Stats stats) {
    this.mounts = mounts;
    this.usage = usage;
    this.usedMaxPercent = settings.usedMaxPercent();
    this.freeMinBytes = settings.freeMinGigabytes() << 30;
    this.publisher = publisher;
    this.stats = stats;
  }

  /** Runs one check and sends its alarms. */
  void check() throws IOException {
    List<Map<String, Object>> extras = new ArrayList<>();
    for (Mount mount : mounts.physicalMounts()) {
      DiskUsage disk;
      try {
        disk = usage.read(mount.mountPoint());
      } catch (IOException | RuntimeException e) {
        stats.statfsFailures.incrementAndGet();
        log.debug("statfs of '{}' failed: {}", mount.mountPoint(), e.toString());
        continue;
      }
      double percent = disk.usedPercent();
      if (percent < 0 || percent > 100) {
        continue;
      }
      if (percent >= usedMaxPercent && disk.free() < freeMinBytes) {
        extras.add(extra(mount, disk));
      }
    }
    publisher.send(extras);
  }

  private Map<String, Object> extra(Mount mount, DiskUsage disk) {
    long rounded = Math.round(disk.usedPercent());
    Map<String, Object> extra = publisher.extra(TYPE);
    extra.put("disk", mount.mountPoint());
    extra.put("file_system", mount.device());
    extra.put("fstype", mount.fsType());
    extra.put("avail", disk.free() / 1024);
    extra.put("size", disk.total() / 1024);
    extra.put("used", disk.used() / 1024);
    extra.put("used_percent", rounded);
    extra.put("free", 100 - rounded);
    return extra;
  }
}

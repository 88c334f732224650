package io.bkmonitorbeat.plugin.basereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.hostcommon.FsStat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk section over a fixture tree (diskstats, sysfs, mountinfo) and a fake statfs. */
class DiskSectionTest {
  @TempDir Path dir;
  FakeRoot root;

  static final String DISKSTATS = """
         7       0 loop0 512 0 2050 38 0 0 0 0 0 140 38 0 0 0 0 0 0
         7       1 loop1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
       259       0 nvme0n1 1000 0 8000 300 500 0 4000 200 0 700 900 0 0 0 0 0 0
       259       1 nvme0n1p1 900 0 7000 250 400 0 3000 150 0 600 800 0 0 0 0 0 0
       259       2 nvme0n1p2 100 0 1000 50 100 0 1000 50 0 100 100 0 0 0 0 0 0
      """;

  @BeforeEach
  void tree() {
    root = new FakeRoot(dir);
    root.write("/proc/diskstats", DISKSTATS)
        .write("/proc/filesystems", "nodev\tsysfs\nnodev\tproc\nnodev\ttmpfs\n\text4\n\txfs\n\tsquashfs\n")
        .write("/proc/1/mountinfo", """
            22 27 0:21 / /proc rw,relatime - proc proc rw
            27 1 259:1 / / rw,relatime - ext4 /dev/nvme0n1p1 rw
            28 27 259:2 / /data rw,noatime - xfs /dev/nvme0n1p2 rw
            29 27 259:2 /sub /var/lib/docker/x rw - xfs /dev/nvme0n1p2 rw
            30 27 0:40 / /run rw - tmpfs tmpfs rw
            31 27 7:0 / /snap/core ro - squashfs /dev/loop0 ro
            """)
        .link("/sys/class/block/nvme0n1", "/sys/devices/pci/nvme/nvme0n1")
        .link("/sys/class/block/nvme0n1p1", "/sys/devices/pci/nvme/nvme0n1/nvme0n1p1")
        .link("/sys/class/block/nvme0n1p2", "/sys/devices/pci/nvme/nvme0n1/nvme0n1p2")
        .link("/sys/class/block/loop0", "/sys/devices/virtual/block/loop0")
        .write("/sys/devices/pci/nvme/nvme0n1/nvme0n1p1/partition", "1\n")
        .write("/sys/devices/pci/nvme/nvme0n1/nvme0n1p2/partition", "2\n")
        .write("/run/udev/data/b259:0", "E:ID_SERIAL=Samsung_SSD_970_S1\n");
  }

  DiskSection section(Map<String, ?> disk) {
    BasereportSettings s = BasereportSettings.parse(
        Tasks.basereport(Duration.ofMinutes(1), Map.of("disk", disk)));
    return new DiskSection(new HostReader(root.fs()), s.disk(),
        path -> Optional.of(new FsStat(0xEF53, 4096, 1000, 400, 300, 100, 60)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> diskstat(Map<String, Object> disk) {
    return (Map<String, Object>) disk.get("diskstat");
  }

  /** Gap 9: nvme0n1 and loop0 are disks; only nvme0n1pN are partitions. */
  @Test
  void ioSkipPartitionKeepsWholeNvmeAndLoopDisks() throws Exception {
    DiskSection d = section(Map.of("io_skip_partition", true));
    d.baseline(0);
    Map<String, Object> disk = d.collect(60_000_000_000L);
    assertThat(diskstat(disk)).containsOnlyKeys("loop0", "nvme0n1");
  }

  @Test
  void diskWhiteListAppliesToPartitionsThroughTheirSysfsParent() throws Exception {
    DiskSection d = section(Map.of("disk_white_list", List.of("^nvme0n1$")));
    Map<String, Object> disk = d.collect(0);
    assertThat(diskstat(disk)).containsOnlyKeys("nvme0n1", "nvme0n1p1", "nvme0n1p2");
  }

  @Test
  void fsTypeListDropsPartitionsMountedWithOtherTypes() throws Exception {
    DiskSection d = section(Map.of("fs_type_white_list", List.of("ext4")));
    Map<String, Object> disk = d.collect(0);
    assertThat(diskstat(disk)).containsOnlyKeys("loop0", "nvme0n1", "nvme0n1p1");
  }

  @Test
  @SuppressWarnings("unchecked")
  void diskstatObjectFields() throws Exception {
    DiskSection d = section(Map.of());
    d.baseline(0);
    root.write("/proc/diskstats", DISKSTATS.replace(
        "259       0 nvme0n1 1000 0 8000 300 500 0 4000 200 0 700 900",
        "259       0 nvme0n1 1100 0 9000 400 600 0 6000 300 1 1200 1900"));
    Map<String, Object> nvme = (Map<String, Object>) diskstat(d.collect(2_000_000_000L)).get("nvme0n1");
    assertThat(nvme.keySet()).containsExactlyInAnyOrder("major", "minor", "name", "readCount",
        "mergedReadCount", "writeCount", "mergedWriteCount", "readBytes", "writeBytes",
        "readSectors", "writeSectors", "readTime", "writeTime", "iopsInProgress", "ioTime",
        "weightedIO", "serialNumber", "label", "speedIORead", "speedByteRead", "speedIOWrite",
        "speedByteWrite", "util", "avgrq_sz", "avgqu_sz", "await", "svctm");
    assertThat(nvme).containsEntry("major", 259).containsEntry("readBytes", 9000L * 512)
        .containsEntry("readSectors", 9000L).containsEntry("serialNumber", "Samsung_SSD_970_S1")
        .containsEntry("label", "").containsEntry("speedIORead", 50.0)
        .containsEntry("speedByteWrite", 2000 * 512 / 2.0).containsEntry("util", 0.25)
        .containsEntry("avgqu_sz", 0.5).containsEntry("await", 1.0).containsEntry("svctm", 2.5)
        .containsEntry("avgrq_sz", 15.0).containsEntry("iopsInProgress", 1L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void partitionsOfRealFileSystemsWithBindAndMajorMinorInOpts() throws Exception {
    DiskSection d = section(Map.of("mountpoint_black_list", List.of("docker")));
    Map<String, Object> disk = d.collect(0);
    List<Map<String, Object>> parts = (List<Map<String, Object>>) disk.get("partition");
    List<Map<String, Object>> usage = (List<Map<String, Object>>) disk.get("usage");
    assertThat(parts).extracting(p -> p.get("mountpoint")).containsExactly("/", "/data", "/snap/core");
    assertThat(parts.get(0)).containsEntry("device", "/dev/nvme0n1p1")
        .containsEntry("fstype", "ext4").containsEntry("opts", List.of("rw", "relatime", "259:1"));
    assertThat(usage).hasSize(3);
    assertThat(usage.get(0).keySet()).containsExactly("path", "fstype", "total", "free", "used",
        "usedPercent", "inodesTotal", "inodesUsed", "inodesFree", "inodesUsedPercent");
    assertThat(usage.get(0)).containsEntry("path", "/").containsEntry("fstype", "ext2/ext3")
        .containsEntry("total", 4096L * 1000).containsEntry("free", 4096L * 300)
        .containsEntry("used", 4096L * 600).containsEntry("usedPercent", 600 * 100.0 / 900)
        .containsEntry("inodesTotal", 100L).containsEntry("inodesUsed", 40L)
        .containsEntry("inodesFree", 60L).containsEntry("inodesUsedPercent", 40.0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void collectAllDeviceAndDropDuplicates() throws Exception {
    DiskSection d = section(Map.of("collect_all_device", true, "drop_duplicate_device", true));
    List<Map<String, Object>> parts = (List<Map<String, Object>>) d.collect(0).get("partition");
    assertThat(parts).extracting(p -> p.get("mountpoint"))
        .containsExactly("/proc", "/", "/data", "/run", "/snap/core");
    DiskSection all = section(Map.of("collect_all_device", true));
    List<Map<String, Object>> withBind = (List<Map<String, Object>>) all.collect(0).get("partition");
    assertThat(withBind.get(3)).containsEntry("opts", List.of("rw", "bind", "259:2"));
  }

  @Test
  void malformedLinesAreDroppedAndCounted() throws Exception {
    root.write("/proc/diskstats", DISKSTATS + "   8 16 sdb 1 2 3\n");
    HostReader reader = new HostReader(root.fs());
    BasereportSettings s = BasereportSettings.parse(Tasks.basereport(Duration.ofMinutes(1), Map.of()));
    DiskSection d = new DiskSection(reader, s.disk(), path -> Optional.empty());
    assertThat(diskstat(d.collect(0))).containsKey("nvme0n1").doesNotContainKey("sdb");
    assertThat(reader.malformedLines()).isEqualTo(1);
  }
}

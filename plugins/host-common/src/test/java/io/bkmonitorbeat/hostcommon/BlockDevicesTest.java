package io.bkmonitorbeat.hostcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gap 9: partitions come from sysfs, so nvme0n1, loop0, sr0 are disks and nvme0n1p1 is not. */
class BlockDevicesTest {
  @TempDir Path root;

  private void sysfs(String disk, String part, int major, int minor) throws Exception {
    Path dev = root.resolve("sys/devices/pci0000:00/" + disk + (part == null ? "" : "/" + part));
    Files.createDirectories(dev);
    String name = part == null ? disk : part;
    if (part != null) {
      Files.writeString(dev.resolve("partition"), "1\n");
    }
    Path cls = root.resolve("sys/class/block");
    Files.createDirectories(cls);
    Files.createSymbolicLink(cls.resolve(name), dev);
    Path byNum = root.resolve("sys/dev/block");
    Files.createDirectories(byNum);
    Files.createSymbolicLink(byNum.resolve(major + ":" + minor), dev);
  }

  @Test
  void partitionsAndTheirDisksFromSysfs() throws Exception {
    sysfs("nvme0n1", null, 259, 0);
    sysfs("nvme0n1", "nvme0n1p1", 259, 1);
    sysfs("loop0", null, 7, 0);
    sysfs("sda", null, 8, 0);
    sysfs("sda", "sda1", 8, 1);
    BlockDevices b = new BlockDevices(new ProcFs(root));
    assertThat(b.isPartition("nvme0n1", 259, 0)).isFalse();
    assertThat(b.isPartition("loop0", 7, 0)).isFalse();
    assertThat(b.isPartition("nvme0n1p1", 259, 1)).isTrue();
    assertThat(b.isPartition("sda1", 8, 1)).isTrue();
    assertThat(b.parentDisk("nvme0n1p1")).contains("nvme0n1");
    assertThat(b.parentDisk("sda1")).contains("sda");
  }

  @Test
  void serialFromUdevAndDmName() throws Exception {
    Path udev = root.resolve("run/udev/data");
    Files.createDirectories(udev);
    Files.writeString(udev.resolve("b8:0"), "S:disk/by-id/x\nE:ID_SERIAL=QEMU_HARDDISK_QM00001\n");
    Path dm = root.resolve("sys/block/dm-0/dm");
    Files.createDirectories(dm);
    Files.writeString(dm.resolve("name"), "centos-root\n");
    BlockDevices b = new BlockDevices(new ProcFs(root));
    assertThat(b.serial("sda", 8, 0)).isEqualTo("QEMU_HARDDISK_QM00001");
    assertThat(b.serial("sdb", 8, 16)).isEmpty();
    assertThat(b.dmName("dm-0")).isEqualTo("centos-root");
  }
}

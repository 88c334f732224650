package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MountTableTest {
  // /proc/mounts of a CentOS 7 host with a docker overlay, a zfs pool and an escaped space.
  private static final String MOUNTS = """
      sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
      proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
      devtmpfs /dev devtmpfs rw,nosuid,size=3986412k,nr_inodes=996603,mode=755 0 0
      /dev/vda1 / xfs rw,relatime,attr2,inode64,noquota 0 0
      /dev/vdb1 /data\\040disk ext4 ro,relatime,errors=remount-ro,data=ordered 0 0
      tank/home /home zfs rw,xattr,noacl 0 0
      overlay /var/lib/docker/overlay2/5c1/merged overlay rw,relatime,lowerdir=/a:/b 0 0
      none /mnt/none ext4 rw 0 0
      broken-line
      """;
  private static final String FILESYSTEMS = """
      nodev\tsysfs
      nodev\tproc
      nodev\tdevtmpfs
      \text4
      \txfs
      nodev\toverlay
      nodev\tzfs
      """;

  @Test
  void parsesFieldsOptionsAndEscapes() {
    MountTable.Parsed parsed = MountTable.parse(MOUNTS);
    assertThat(parsed.malformed()).isEqualTo(1);
    assertThat(parsed.mounts()).hasSize(8);
    Mount data = parsed.mounts().get(4);
    assertThat(data).isEqualTo(new Mount("/dev/vdb1", "/data disk", "ext4",
        List.of("ro", "relatime", "errors=remount-ro", "data=ordered")));
    assertThat(data.readOnly()).isTrue();
    assertThat(data.key()).isEqualTo("/dev/vdb1-ext4-/data disk");
    assertThat(parsed.mounts().get(3).readOnly()).isFalse();
  }

  @Test
  void keepsRealFileSystemsOnly() {
    Set<String> nodev = MountTable.nodevTypes(FILESYSTEMS);
    assertThat(nodev).containsExactlyInAnyOrder("sysfs", "proc", "devtmpfs", "overlay", "zfs");
    List<Mount> physical = MountTable.physical(MountTable.parse(MOUNTS).mounts(), nodev);
    assertThat(physical).extracting(Mount::mountPoint).containsExactly("/", "/data disk", "/home");
  }
}

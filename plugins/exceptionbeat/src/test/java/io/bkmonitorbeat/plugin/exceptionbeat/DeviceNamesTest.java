package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceNamesTest {
  @TempDir Path dir;

  @Test
  void devRootIsNamedThroughTheMountPointsDeviceNumber() throws Exception {
    long dev = (Long) Files.getAttribute(dir, "unix:dev");
    long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    Path sys = dir.resolve("sys");
    Path block = Files.createDirectories(sys.resolve("dev/block/" + major + ":" + minor));
    Files.writeString(block.resolve("uevent"), "MAJOR=" + major + "\nMINOR=" + minor
        + "\nDEVNAME=nvme0n1p2\nDEVTYPE=partition\n");
    Mount root = new Mount("/dev/root", dir.toString(), "ext4", List.of("rw"));
    assertThat(new DeviceNames(sys).resolve(root))
        .isEqualTo(new Mount("/dev/nvme0n1p2", dir.toString(), "ext4", List.of("rw")));
    assertThat(new DeviceNames(dir.resolve("no-sys")).resolve(root)).isEqualTo(root);
  }

  @Test
  void mapperLinksAreResolvedAndOtherDevicesKept() throws Exception {
    Path target = Files.createFile(dir.resolve("dm-0"));
    Path link = Files.createSymbolicLink(dir.resolve("vg0-data"), target);
    assertThat(DeviceNames.linkTarget(link)).isEqualTo(target.toRealPath().toString());
    assertThat(DeviceNames.linkTarget(dir.resolve("missing"))).endsWith("missing");
    Mount plain = new Mount("/dev/vda1", "/", "xfs", List.of("rw"));
    assertThat(new DeviceNames(dir).resolve(plain)).isSameAs(plain);
  }
}

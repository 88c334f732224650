package io.bkmonitorbeat.plugin.statics;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.hostcommon.FsStat;
import io.bkmonitorbeat.hostcommon.Malformed;
import io.bkmonitorbeat.hostcommon.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** static's sections over a fixture tree. */
class StaticDataTest {
  @TempDir Path root;

  void write(String path, String text) throws Exception {
    Path p = root.resolve(path.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  void nic(String name, int index, String mac, boolean virtual) throws Exception {
    write("/sys/class/net/" + name + "/ifindex", index + "\n");
    write("/sys/class/net/" + name + "/mtu", "1500\n");
    write("/sys/class/net/" + name + "/address", mac + "\n");
    write("/sys/class/net/" + name + "/flags", "0x1003\n");
    if (virtual) {
      Files.createDirectories(root.resolve("sys/devices/virtual/net/" + name));
    }
  }

  @BeforeEach
  void tree() throws Exception {
    write("/proc/cpuinfo", "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Gold 6133\n\n"
        + "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) Gold 6133\n\n");
    write("/proc/meminfo", "MemTotal:       16384000 kB\nMemFree:  100 kB\n");
    write("/proc/partitions", """
        major minor  #blocks  name

         253        0   52428800 vda
         253        1   52427776 vda1
         253       16  104857600 vdb
         252        0  104855552 dm-0
        """);
    write("/proc/1/mountinfo", """
        61 1 253:1 / / rw,relatime - xfs /dev/vda1 rw
        62 61 253:1 /home /home2 rw,relatime - xfs /dev/vda1 rw
        63 61 252:0 / /data rw - ext4 /dev/mapper/vg-data rw
        64 61 0:40 / /run rw - tmpfs tmpfs rw
        """);
    Files.createDirectories(root.resolve("dev/mapper"));
    Files.createFile(root.resolve("dev/dm-0"));
    Files.createSymbolicLink(root.resolve("dev/mapper/vg-data"), root.resolve("dev/dm-0"));
    write("/proc/sys/kernel/hostname", "h1\n");
    write("/proc/sys/kernel/osrelease", "3.10.0-1160.el7.x86_64\n");
    write("/proc/sys/kernel/arch", "x86_64\n");
    write("/etc/redhat-release", "CentOS Linux release 7.9.2009 (Core)\n");
    nic("xeth0", 2, "52:54:00:12:34:56", false);
    nic("xbond1", 3, "52:54:00:12:34:57", true);
    nic("xdocker0", 4, "02:42:ac:11:00:01", true);
    nic("xlo", 1, "00:00:00:00:00:00", true);
  }

  StaticData data(Map<String, ?> settings) {
    return new StaticData(new ProcFs(root), StaticSettings.parse(StaticTasks.task(settings)),
        path -> Optional.of(new FsStat(0x58465342, 4096, path.equals("/data") ? 2000 : 1000, 0,
            0, 0, 0)), Malformed.IGNORE);
  }

  @Test
  void everySection() {
    List<String> failed = new ArrayList<>();
    Map<String, Object> d = data(Map.of("virtual_iface_whitelist", List.of("xbond1"),
        "virtual_iface_blacklist", List.of("dock"))).collect(failed);
    assertThat(failed).isEmpty();
    assertThat(d.keySet()).containsExactly("cpu", "mem", "disk", "net", "system");
    assertThat(d.get("cpu")).isEqualTo(Map.of("total", 2, "model", "Intel(R) Xeon(R) Gold 6133"));
    assertThat(d.get("mem")).isEqualTo(Map.of("total", 16384000L * 1024));
    assertThat(d.get("disk")).as("vda1 once, dm-0 through /dev/mapper, tmpfs not")
        .isEqualTo(Map.of("total", 3000L * 4096));
    assertThat(d.get("net")).isEqualTo(Map.of("interface", List.of(
        Map.of("addrs", List.of(), "mac", "52:54:00:12:34:56", "name", "xeth0"),
        Map.of("addrs", List.of(), "mac", "52:54:00:12:34:57", "name", "xbond1"))));
    @SuppressWarnings("unchecked")
    Map<String, Object> system = (Map<String, Object>) d.get("system");
    assertThat(system.keySet()).containsExactly("hostname", "os", "arch", "platform", "platVer",
        "sysType", "kernelVersion");
    assertThat(system).containsEntry("hostname", "h1").containsEntry("os", "linux")
        .containsEntry("arch", "x86").containsEntry("platform", "centos")
        .containsEntry("platVer", "7.9.2009").containsEntry("sysType", "64-bit")
        .containsEntry("kernelVersion", "3.10.0-1160.el7.x86_64");
  }

  /** Gap 25: without /sys/devices/virtual/net no interface is taken for virtual. */
  @Test
  void noVirtualDirectoryMeansNoVirtualInterfaces() throws Exception {
    try (var s = Files.walk(root.resolve("sys/devices"))) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> ifaces = (List<Map<String, Object>>)
        ((Map<String, Object>) data(Map.of()).collect(new ArrayList<>()).get("net")).get("interface");
    assertThat(ifaces).extracting(m -> m.get("name"))
        .containsExactly("xlo", "xeth0", "xbond1", "xdocker0");
  }

  /** Gap 25: a failed host-info read leaves system out instead of crashing on arch. */
  @Test
  void aFailedSectionIsLeftOutAndTheRestReported() throws Exception {
    Files.delete(root.resolve("proc/sys/kernel/hostname"));
    Files.delete(root.resolve("proc/meminfo"));
    List<String> failed = new ArrayList<>();
    Map<String, Object> d = data(Map.of()).collect(failed);
    assertThat(d.keySet()).containsExactly("cpu", "disk", "net");
    assertThat(failed).hasSize(2);
  }
}

package io.bkmonitorbeat.plugin.statics;

import io.bkmonitorbeat.hostcommon.CpuInfo;
import io.bkmonitorbeat.hostcommon.CpuInfoParser;
import io.bkmonitorbeat.hostcommon.FsStat;
import io.bkmonitorbeat.hostcommon.HostInfo;
import io.bkmonitorbeat.hostcommon.KeyValueParser;
import io.bkmonitorbeat.hostcommon.Malformed;
import io.bkmonitorbeat.hostcommon.Mount;
import io.bkmonitorbeat.hostcommon.MountParser;
import io.bkmonitorbeat.hostcommon.NetInterface;
import io.bkmonitorbeat.hostcommon.NetInterfaces;
import io.bkmonitorbeat.hostcommon.Numbers;
import io.bkmonitorbeat.hostcommon.OsRelease;
import io.bkmonitorbeat.hostcommon.ProcFs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Collects static's sections (spec 3.3). A section that cannot be collected is left out and the
 * rest is still reported; in particular a failed host-info read cannot crash the {@code arch}
 * computation (gap 25). Stateless over its inputs; thread-safe.
 */
final class StaticData {
  private final ProcFs fs;
  private final StaticSettings settings;
  private final Function<String, Optional<FsStat>> statfs;
  private final Malformed malformed;

  StaticData(ProcFs fs, StaticSettings settings, Function<String, Optional<FsStat>> statfs,
      Malformed malformed) {
    this.fs = fs;
    this.settings = settings;
    this.statfs = statfs;
    this.malformed = malformed;
  }

  /** A section reader that may fail. */
  interface Section {
    Map<String, Object> read() throws IOException;
  }

  /** Returns name to section, without the sections that failed (named in {@code failed}). */
  Map<String, Object> collect(List<String> failed) {
    Map<String, Object> data = new LinkedHashMap<>(8);
    section(data, failed, "cpu", this::cpu);
    section(data, failed, "mem", this::mem);
    section(data, failed, "disk", this::disk);
    section(data, failed, "net", this::net);
    section(data, failed, "system", this::system);
    return data;
  }

  private static void section(Map<String, Object> data, List<String> failed, String name,
      Section s) {
    try {
      data.put(name, s.read());
    } catch (IOException | RuntimeException e) {
      failed.add(name + ": " + e);
    }
  }

  Map<String, Object> cpu() throws IOException {
    List<CpuInfo> cpus = CpuInfoParser.parse(fs.requireLines(CpuInfoParser.FILE));
    Map<String, Object> m = new LinkedHashMap<>(4);
    m.put("total", cpus.size());
    m.put("model", cpus.isEmpty() || cpus.get(0).modelName().isEmpty()
        ? "unknown" : cpus.get(0).modelName());
    return m;
  }

  Map<String, Object> mem() throws IOException {
    Map<String, Long> mi =
        KeyValueParser.parse(fs.requireLines("/proc/meminfo"), "/proc/meminfo", malformed);
    Long total = mi.get("MemTotal");
    if (total == null) {
      throw new IOException("/proc/meminfo has no MemTotal");
    }
    return Map.of("total", total);
  }

  /**
   * The sum of the sizes of the file systems on real disks: a mount counts when its device is
   * {@code /dev/<name>} for a name of {@code /proc/partitions}, or a {@code /dev/mapper} link to
   * one; each device once.
   */
  Map<String, Object> disk() throws IOException {
    Set<String> partitions = new HashSet<>();
    List<String> lines = fs.requireLines("/proc/partitions");
    for (int i = 2; i < lines.size(); i++) {
      String[] f = Numbers.fields(lines.get(i));
      if (f.length == 4) {
        partitions.add("/dev/" + f[3]);
      }
    }
    List<Mount> mounts = mounts();
    Set<String> counted = new HashSet<>();
    long total = 0;
    for (Mount m : mounts) {
      String device = m.device();
      if (device.startsWith("/dev/mapper/")) {
        device = fs.realPath(device).map(Path::getFileName).map(p -> "/dev/" + p).orElse(device);
      }
      if (!partitions.contains(device) || !counted.add(device)) {
        continue;
      }
      Optional<FsStat> st = statfs.apply(m.mountPoint());
      if (st.isPresent()) {
        total += st.get().blocks() * st.get().blockSize();
      }
    }
    return Map.of("total", total);
  }

  private List<Mount> mounts() {
    List<String> info = fs.lines("/proc/1/mountinfo");
    if (!info.isEmpty()) {
      return MountParser.parseMountInfo(info, "/proc/1/mountinfo", malformed);
    }
    info = fs.lines("/proc/self/mountinfo");
    if (!info.isEmpty()) {
      return MountParser.parseMountInfo(info, "/proc/self/mountinfo", malformed);
    }
    return MountParser.parseMounts(fs.lines("/proc/mounts"), "/proc/mounts", malformed);
  }

  /**
   * Interfaces without the virtual ones (listed in {@code /sys/devices/virtual/net}) unless
   * white-listed by exact name, and without those whose name contains a black-list entry. Gap 25
   * fixed: without {@code /sys/devices/virtual/net} nothing is taken for virtual (the original
   * then dropped every interface).
   */
  Map<String, Object> net() {
    NetInterfaces lister = new NetInterfaces(fs);
    List<String> virtualNames = lister.virtualNames();
    Set<String> virtual = virtualNames == null ? Set.of() : Set.copyOf(virtualNames);
    List<Object> out = new ArrayList<>();
    for (NetInterface i : lister.list()) {
      if (virtual.contains(i.name()) && !settings.virtualWhitelist().contains(i.name())) {
        continue;
      }
      if (settings.virtualBlacklist().stream().anyMatch(b -> i.name().contains(b))) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>(4);
      m.put("addrs", i.addrs());
      m.put("mac", i.hardwareAddr());
      m.put("name", i.name());
      out.add(m);
    }
    return Map.of("interface", out);
  }

  Map<String, Object> system() throws IOException {
    HostInfo host = new HostInfo(fs);
    String hostname = host.hostname();
    if (hostname.isEmpty()) {
      throw new IOException("cannot read the host name");
    }
    OsRelease release = OsRelease.read(fs);
    String machine = host.kernelArch();
    Map<String, Object> m = new LinkedHashMap<>(8);
    m.put("hostname", hostname);
    m.put("os", "linux");
    m.put("arch", machine.startsWith("arm") || machine.equals("aarch64") ? "arm" : "x86");
    m.put("platform", release.platform());
    m.put("platVer", release.version());
    m.put("sysType", HostInfo.systemType(machine));
    m.put("kernelVersion", host.kernelVersion());
    return m;
  }
}
